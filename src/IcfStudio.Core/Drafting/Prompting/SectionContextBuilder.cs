using System.Text.RegularExpressions;
using IcfStudio.Core.Drafting.Offline;
using IcfStudio.Core.Retrieval;
using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Drafting.Prompting;

/// <summary>
/// Retrieves the protocol passages a section is written from: each of the section's queries (protocol vocabulary) is run
/// restricted to the section's heading patterns and unrestricted; the lists are fused by reciprocal rank, with the
/// heading-restricted hits weighted up (a boost that falls back to the whole protocol when the headings are absent).
/// The top passages, deduplicated by chunk, are labelled P1, P2… in rank order.
/// </summary>
public sealed partial class SectionContextBuilder
{
    /// <summary>Passages given to a section.</summary>
    public const int MaxPassages = 8;

    private const int HitsPerQuery = 6;
    private const double RankConstant = 60;
    private const double HeadingBoost = 2.0;
    private const double FeedbackBoost = 1.5;
    private const string RandomAssignmentElement = "random_assignment";
    private const string AllocationQuery = "randomized ratio allocation each treatment group equally";

    private readonly SearchFunction _search;

    public SectionContextBuilder(StudySearch search)
        : this((studyId, query, k, filters, ct) => search.SearchAsync(studyId, query, k, filters, ct))
    {
    }

    internal SectionContextBuilder(SearchFunction search) => _search = search;

    internal delegate Task<IReadOnlyList<ChunkHit>> SearchFunction(
        string studyId, string query, int k, IReadOnlyList<string>? sectionPathFilters, CancellationToken cancellationToken);

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

        foreach (var query in section.Queries)
        {
            if (patterns is not null)
            {
                Fuse(scores, await _search(studyId, query, HitsPerQuery, patterns, cancellationToken), HeadingBoost);
            }

            Fuse(scores, await _search(studyId, query, HitsPerQuery, null, cancellationToken), 1.0);
        }

        // What a reviewer asks to mention is looked up too, so the revision can draw on it.
        if (FeedbackQuery(feedback) is { Length: > 0 } feedbackQuery)
        {
            Fuse(scores, await _search(studyId, feedbackQuery, HitsPerQuery, null, cancellationToken), FeedbackBoost);
        }

        var ranked = scores.Values
            .OrderByDescending(v => v.Score)
            .ThenBy(v => v.Hit.ChunkId)
            .Select(v => v.Hit)
            .Take(MaxPassages)
            .ToList();

        // The chance of each group often sits in the sample-size part ("100 patients will be randomized to each of the 3
        // groups"), which a section's own queries rank too low: the passage that states the allocation takes the last place.
        if (section.ElementIds.Contains(RandomAssignmentElement) && !ranked.Any(h => AssignmentChance.StatesAllocation(h.Text)))
        {
            var allocation = (await _search(studyId, AllocationQuery, HitsPerQuery, null, cancellationToken))
                .FirstOrDefault(h => AssignmentChance.StatesAllocation(h.Text));
            if (allocation is not null && ranked.All(h => h.ChunkId != allocation.ChunkId))
            {
                ranked = [.. ranked.Take(MaxPassages - 1), allocation];
            }
        }

        var passages = ranked.Select((hit, i) => new Passage("P" + (i + 1), hit)).ToArray();

        return new SectionContext(studyId, section, facts, passages, feedback, currentText);
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
