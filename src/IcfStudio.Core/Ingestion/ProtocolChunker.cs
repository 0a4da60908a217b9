using System.Text;

namespace IcfStudio.Core.Ingestion;

/// <summary>
/// Splits a document into retrieval chunks of about <see cref="TargetWords"/> words. A heading always starts a new chunk,
/// so a chunk lies inside one section (and never spans two top-level sections); long sections are split at block
/// boundaries with <see cref="OverlapWords"/> words carried over. Each chunk starts with its heading for search.
/// A chunk that is only a table of contents or a reference list (<see cref="BoilerplateDetector"/>) is not kept.
/// </summary>
internal static class ProtocolChunker
{
    public const int MinWords = 200;
    public const int TargetWords = 300;
    public const int MaxWords = 400;
    public const int OverlapWords = 40;

    public static IReadOnlyList<DocumentChunk> Chunk(IReadOnlyList<DocumentBlock> blocks)
    {
        var chunks = new List<DocumentChunk>();
        var path = new List<DocumentBlock>();
        var words = new List<(string Word, int Page)>();
        var text = new StringBuilder();
        var bodyWords = 0;
        var firstPage = 0;
        var lastPage = 0;
        string? heading = null;

        void Flush(bool keepOverlap)
        {
            // A chunk that is only a table of contents or a reference list would match many queries and tell nothing.
            if (bodyWords > 0 && !BoilerplateDetector.IsBoilerplate(text.ToString()))
            {
                chunks.Add(new DocumentChunk(chunks.Count, text.ToString().Trim(), SectionPath(path), firstPage, lastPage));
            }

            var overlap = keepOverlap && bodyWords > 0 ? words.Skip(Math.Max(0, words.Count - OverlapWords)).ToList() : [];
            words.Clear();
            text.Clear();
            bodyWords = 0;
            if (heading is not null)
            {
                text.Append(heading).Append('\n');
            }

            firstPage = overlap.Count > 0 ? overlap[0].Page : 0;
            lastPage = overlap.Count > 0 ? overlap[^1].Page : 0;
            if (overlap.Count > 0)
            {
                text.Append(string.Join(' ', overlap.Select(w => w.Word))).Append('\n');
                words.AddRange(overlap);
                bodyWords = overlap.Count;
            }
        }

        void Append(string piece, int page, int count)
        {
            if (firstPage == 0)
            {
                firstPage = page;
            }

            lastPage = Math.Max(lastPage, page);
            text.Append(piece).Append('\n');
            foreach (var word in piece.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                words.Add((word, page));
            }

            bodyWords += count;
        }

        foreach (var block in blocks)
        {
            if (block.Kind == BlockKind.Heading)
            {
                var level = Math.Max(1, block.Level);
                // A heading with nothing under it yet (e.g. "5 Study Population" straight before "5.1 Inclusion Criteria") just deepens the path.
                Flush(keepOverlap: false);
                while (path.Count > 0 && path[^1].Level >= level)
                {
                    path.RemoveAt(path.Count - 1);
                }

                path.Add(block with { Level = level });
                heading = block.Text;
                text.Clear();
                text.Append(heading).Append('\n');
                firstPage = block.Page;
                lastPage = block.Page;
                continue;
            }

            foreach (var (piece, count) in Pieces(block.Text))
            {
                if (bodyWords > 0 && bodyWords + count > MaxWords && bodyWords >= MinWords - OverlapWords)
                {
                    Flush(keepOverlap: true);
                }

                Append(piece, block.Page, count);
            }
        }

        Flush(keepOverlap: false);
        return chunks;
    }

    public static string SectionPath(IReadOnlyList<DocumentBlock> path) => string.Join(" > ", path.Select(h => h.Text));

    /// <summary>A block as is, or cut into pieces of at most <see cref="TargetWords"/> words when it is longer than a chunk.</summary>
    private static IEnumerable<(string Text, int Words)> Pieces(string text)
    {
        var count = HeadingRules.CountWords(text);
        if (count <= TargetWords)
        {
            yield return (text, count);
            yield break;
        }

        var all = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < all.Length; i += TargetWords)
        {
            var slice = all.AsSpan(i, Math.Min(TargetWords, all.Length - i));
            yield return (string.Join(' ', slice.ToArray()), slice.Length);
        }
    }
}
