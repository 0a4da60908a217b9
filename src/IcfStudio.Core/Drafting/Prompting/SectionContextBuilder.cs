using System.Text.RegularExpressions;
using IcfStudio.Core.Drafting.Offline;
using IcfStudio.Core.ProtocolMap;
using IcfStudio.Core.Retrieval;
using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Drafting.Prompting;

/// <summary>
/// Retrieves the protocol passages a section is written from. Each of the section's queries (protocol vocabulary) is run
/// among the chunks of the section's protocol-map roles, among its heading patterns, and over the whole protocol; the lists
/// are fused by reciprocal rank with the role and heading hits weighted up. Passages that fit (their role is one of the
/// section's, their heading one of its patterns, or the map could not place them) come first; another passage is given only when many queries agree on
/// it (a floor), so a section gets nothing rather than noise. Tables of contents, reference lists and — unless the section
/// names them — staff-only parts (safety reporting rules, statistics) are never given. A passage that repeats one already
/// chosen (the chunker's overlap, the same text in a second document) is dropped. A section may also name supporting roles,
/// whose few best passages it gets (the pregnancy rules of the eligibility criteria for risks), and a large budget for an
/// LLM prompt; the offline drafter's smaller choice comes first. The passages are labelled P1, P2…
/// </summary>
public sealed partial class SectionContextBuilder
{
    /// <summary>Passages given to a section that does not say (<see cref="SectionTemplate.MaxPassages"/>).</summary>
    public const int MaxPassages = 8;

    private const int HitsPerQuery = 6;
    private const double RankConstant = 60;
    private const double RoleBoost = 2.0;
    private const double HeadingBoost = 2.0;
    private const double FeedbackBoost = 1.5;

    // A passage outside the section's roles and headings needs the score of a top hit in three queries of the whole protocol.
    private const double OffRoleFloor = 3.0 / (RankConstant + 1);

    // Two passages sharing this share of the smaller one's words say the same thing.
    private const double OverlapShare = 0.6;
    private const string RandomAssignmentElement = "random_assignment";
    private const string AllocationQuery = "randomized ratio allocation each treatment group equally";

    private readonly SearchFunction _search;

    public SectionContextBuilder(StudySearch search)
        : this((studyId, query, k, filters, roles, ct) => search.SearchAsync(studyId, query, k, filters, roles, ct))
    {
    }

    internal SectionContextBuilder(SearchFunction search) => _search = search;

    internal delegate Task<IReadOnlyList<ChunkHit>> SearchFunction(
        string studyId, string query, int k, IReadOnlyList<string>? sectionPathFilters, RoleFilter? roles, CancellationToken cancellationToken);

    public async Task<SectionContext> BuildAsync(
        string studyId,
        SectionTemplate section,
        FactSheet facts,
        string? feedback,
        string? currentText,
        CancellationToken cancellationToken)
    {
        var scores = new Dictionary<long, (ChunkHit Hit, double Score)>();
        var patterns = section.HeadingPatterns.Count > 0 ? section.HeadingPatterns : null;
        var roles = section.Roles.Select(ProtocolRoles.Parse).ToList();
        var anyRole = new RoleFilter(null, [.. ProtocolRoles.NeverInContext, .. ProtocolRoles.StaffOnly.Except(roles)]);
        var onRole = roles.Count > 0 ? new RoleFilter(roles) : null;
        var fits = new HashSet<long>();
        var maxPassages = section.MaxPassages ?? MaxPassages;

        // A section given many passages looks deeper into each query's hits for the rest of its budget; the first passages
        // (the offline drafter's) are ranked from the top hits only, as for a small budget.
        var hitsPerQuery = Math.Max(HitsPerQuery, (maxPassages + 1) / 2);
        var deep = new Dictionary<long, (ChunkHit Hit, double Score)>();
        var deepFits = new HashSet<long>();
        var supporting = section.SupportingRoles
            .Select(r => (Role: ProtocolRoles.Parse(r.Key), Count: r.Value, Scores: new Dictionary<long, (ChunkHit Hit, double Score)>()))
            .Where(r => !roles.Contains(r.Role))
            .ToList();

        foreach (var query in section.Queries)
        {
            if (onRole is not null)
            {
                var hits = await _search(studyId, query, hitsPerQuery, null, onRole, cancellationToken);
                Fuse(scores, fits, deep, deepFits, hits, RoleBoost);
            }

            if (patterns is not null)
            {
                var hits = await _search(studyId, query, hitsPerQuery, patterns, anyRole, cancellationToken);
                Fuse(scores, fits, deep, deepFits, hits, HeadingBoost);
            }

            Fuse(scores, null, deep, null, await _search(studyId, query, hitsPerQuery, null, anyRole, cancellationToken), 1.0);

            foreach (var (role, _, roleScores) in supporting)
            {
                Fuse(roleScores, await _search(studyId, query, HitsPerQuery, null, new RoleFilter([role]), cancellationToken), 1.0);
            }
        }

        // What a reviewer asks to mention is looked up too, so the revision can draw on it.
        if (FeedbackQuery(feedback) is { Length: > 0 } feedbackQuery)
        {
            var hits = await _search(studyId, feedbackQuery, HitsPerQuery, null, RoleFilter.Writable, cancellationToken);
            Fuse(scores, fits, deep, deepFits, hits, FeedbackBoost);
        }

        var candidates = Candidates(scores, fits);

        // The offline drafter writes from the first passages only (it picks sentences by word overlap, and more passages
        // bring it more off-topic ones): they are chosen as for a small budget and come first; the prompt gets them and
        // the rest of the large budget after them.
        var offlineCap = OfflineCap(section);
        var first = Spread(candidates, roles, offlineCap);

        // The chance of each group often sits in the sample-size part ("100 patients will be randomized to each of the 3
        // groups"), which a section's own queries rank too low: the passage that states the allocation takes the last place.
        if (section.ElementIds.Contains(RandomAssignmentElement) && !first.Any(h => AssignmentChance.StatesAllocation(h.Text)))
        {
            var allocation = (await _search(studyId, AllocationQuery, HitsPerQuery, null, RoleFilter.Writable, cancellationToken))
                .FirstOrDefault(h => AssignmentChance.StatesAllocation(h.Text));
            if (allocation is not null && first.All(h => h.ChunkId != allocation.ChunkId))
            {
                first = [.. first.Take(offlineCap - 1), allocation];
            }
        }

        // A supporting role gives its few best passages for the section's queries, whatever their score against the
        // section's own roles: the pregnancy lines of the eligibility criteria for risks, the outcome measures for procedures.
        var support = supporting
            .SelectMany(r => r.Scores.Values.OrderByDescending(v => v.Score).ThenBy(v => v.Hit.ChunkId).Select(v => v.Hit).Take(r.Count))
            .ToList();
        var ranked = Distinct(first
                .Concat(support)
                .Concat(Spread(Candidates(deep, deepFits, floor: false), roles, maxPassages)))
            .Take(Math.Max(maxPassages, first.Count))
            .ToList();

        var passages = ranked.Select((hit, i) => new Passage("P" + (i + 1), hit)).ToArray();

        return new SectionContext(studyId, section, facts, passages, feedback, currentText);
    }

    /// <summary>How many of a section's passages (the first) the offline drafter writes from (<see cref="SectionTemplate.OfflinePassages"/>).</summary>
    public static int OfflineCap(SectionTemplate section) =>
        section.OfflinePassages ?? Math.Min(section.MaxPassages ?? MaxPassages, MaxPassages);

    /// <summary>
    /// Half the budget goes to the section's roles in turn — the best passage of each role, then the second best of each…
    /// (a procedures section needs the schedule, the intervention and the design, not twenty rows of one table; a
    /// participants section needs the eligibility criteria as well as the sample size) — the rest to the best of what is left;
    /// returned in rank order.
    /// </summary>
    internal static List<ChunkHit> Spread(IReadOnlyList<ChunkHit> ranked, IReadOnlyList<ProtocolRole> roles, int max)
    {
        var chosen = new HashSet<int>();
        if (roles.Count > 0)
        {
            var byRole = roles.Select(role => new Queue<int>(ranked.Select((hit, i) => (hit, i)).Where(x => x.hit.Role == role).Select(x => x.i))).ToList();
            var rounds = Math.Max(1, (max + 1) / 2 / roles.Count);
            for (var round = 0; round < rounds; round++)
            {
                foreach (var queue in byRole)
                {
                    if (chosen.Count < max && queue.Count > 0)
                    {
                        chosen.Add(queue.Dequeue());
                    }
                }
            }
        }

        for (var i = 0; i < ranked.Count && chosen.Count < max; i++)
        {
            chosen.Add(i);
        }

        return [.. chosen.Order().Select(i => ranked[i])];
    }

    /// <summary>The passages in order, without one whose words are mostly those of a passage before it.</summary>
    internal static IEnumerable<ChunkHit> Distinct(IEnumerable<ChunkHit> ranked)
    {
        var kept = new List<HashSet<string>>();
        foreach (var hit in ranked)
        {
            var words = WordPattern().Matches(hit.Text).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length > 2).ToHashSet(StringComparer.Ordinal);
            if (kept.Any(k => Overlaps(k, words)))
            {
                continue;
            }

            kept.Add(words);
            yield return hit;
        }

        static bool Overlaps(HashSet<string> a, HashSet<string> b)
        {
            var smaller = a.Count <= b.Count ? a : b;
            var larger = ReferenceEquals(smaller, a) ? b : a;
            return smaller.Count > 0 && smaller.Count(larger.Contains) >= OverlapShare * smaller.Count;
        }
    }

    /// <summary>
    /// The passages that fit (their role is one of the section's, their heading one of its patterns, or the map could not
    /// place them: not known to be off-topic) first, then those of another role that pass the floor; overlaps dropped.
    /// </summary>
    /// <param name="floor">False: only passages that fit (the deep rest of a large budget brings more of the section's own
    /// parts, not more of others: with many hits per query, many off-topic passages would pass the floor).</param>
    private static List<ChunkHit> Candidates(Dictionary<long, (ChunkHit Hit, double Score)> scores, HashSet<long> fits, bool floor = true)
    {
        fits.UnionWith(scores.Values.Where(v => v.Hit.Role == ProtocolRole.Other).Select(v => v.Hit.ChunkId));
        return Distinct(scores.Values
            .Where(v => fits.Contains(v.Hit.ChunkId) || (floor && v.Score >= OffRoleFloor))
            .OrderByDescending(v => fits.Contains(v.Hit.ChunkId))
            .ThenByDescending(v => v.Score)
            .ThenBy(v => v.Hit.ChunkId)
            .Select(v => v.Hit))
            .ToList();
    }

    /// <summary>Fuses the top hits into the first ranking and all of them into the deep one; fits (when given) are marked in each.</summary>
    private static void Fuse(
        Dictionary<long, (ChunkHit Hit, double Score)> top,
        HashSet<long>? topFits,
        Dictionary<long, (ChunkHit Hit, double Score)> deep,
        HashSet<long>? deepFits,
        IReadOnlyList<ChunkHit> hits,
        double weight)
    {
        var first = hits.Take(HitsPerQuery).ToList();
        Fuse(top, first, weight);
        topFits?.UnionWith(first.Select(h => h.ChunkId));
        Fuse(deep, hits, weight);
        deepFits?.UnionWith(hits.Select(h => h.ChunkId));
    }

    private static void Fuse(Dictionary<long, (ChunkHit Hit, double Score)> scores, IReadOnlyList<ChunkHit> hits, double weight)
    {
        for (var rank = 0; rank < hits.Count; rank++)
        {
            var hit = hits[rank];
            var add = weight / (RankConstant + rank + 1);
            scores[hit.ChunkId] = scores.TryGetValue(hit.ChunkId, out var existing) ? (existing.Hit, existing.Score + add) : (hit, add);
        }
    }

    /// <summary>The content words of the feedback (stop words and instructions such as "shorter" dropped), as a search query.</summary>
    internal static string FeedbackQuery(string? feedback)
    {
        if (string.IsNullOrWhiteSpace(feedback))
        {
            return "";
        }

        var words = WordPattern().Matches(feedback)
            .Select(m => m.Value.ToLowerInvariant())
            .Where(w => w.Length > 2 && !FeedbackStopWords.Contains(w))
            .Distinct()
            .Take(12);
        return string.Join(' ', words);
    }

    private static readonly HashSet<string> FeedbackStopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "about", "please", "mention", "include", "add", "more", "less", "make", "shorter", "longer",
        "simpler", "explain", "also", "this", "that", "section", "should", "would", "could", "can", "not", "too", "very",
        "text", "say", "says", "talk", "describe", "detail", "details", "write", "use", "words", "sentence", "sentences",
        "them", "they", "their", "there", "what", "how", "why", "when", "from", "into", "its", "it's", "are", "was", "were",
        "been", "being", "have", "has", "had", "does", "did", "our", "your", "you",
    };

    [GeneratedRegex(@"[\p{L}][\p{L}\p{N}'-]*")]
    private static partial Regex WordPattern();
}
