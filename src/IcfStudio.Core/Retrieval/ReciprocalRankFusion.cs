using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Retrieval;

/// <summary>Reciprocal rank fusion: each ranking adds 1 / (k + rank) to a chunk's score (rank from 1), so agreement between rankers wins.</summary>
internal static class ReciprocalRankFusion
{
    public const int DefaultK = 60;

    /// <returns>The top <paramref name="take"/> chunks, each with its fused score.</returns>
    public static IReadOnlyList<ChunkHit> Fuse(IReadOnlyList<IReadOnlyList<ChunkHit>> rankings, int take, int k = DefaultK)
    {
        var fused = new Dictionary<long, (ChunkHit Hit, double Score, int FirstSeen)>();
        var order = 0;
        foreach (var ranking in rankings)
        {
            for (var i = 0; i < ranking.Count; i++)
            {
                var hit = ranking[i];
                var contribution = 1.0 / (k + i + 1);
                fused[hit.ChunkId] = fused.TryGetValue(hit.ChunkId, out var seen)
                    ? (seen.Hit, seen.Score + contribution, seen.FirstSeen)
                    : (hit, contribution, order++);
            }
        }

        // Ties (same ranks in swapped order) keep the first ranking's preference, which is BM25 when the caller lists it first.
        return fused.Values
            .OrderByDescending(v => v.Score)
            .ThenBy(v => v.FirstSeen)
            .Take(take)
            .Select(v => v.Hit with { Score = v.Score })
            .ToList();
    }
}
