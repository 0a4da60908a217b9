using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Prompting;
using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Quality;

/// <summary>
/// Context recall of one protocol: of the hand-read facts (<see cref="ConsentFactsFile"/>), how many have their page among
/// the pages of the passages the prompt of their ICF section receives — what an LLM would be given to write from.
/// </summary>
/// <param name="Missed">The ids of the facts whose page no passage of their section covers.</param>
public sealed record ContextRecall(int Found, int Total, IReadOnlyList<string> Missed)
{
    public double Percent => Total == 0 ? 0 : 100.0 * Found / Total;

    /// <summary>Scores facts against the pages each section's passages cover (a section absent from the map gets nothing).</summary>
    public static ContextRecall Compute(IReadOnlyList<ConsentFact> facts, IReadOnlyDictionary<string, IReadOnlySet<int>> pagesBySection)
    {
        var missed = facts
            .Where(f => !pagesBySection.TryGetValue(f.Section, out var pages) || !pages.Contains(f.Page))
            .Select(f => f.Id)
            .ToList();
        return new ContextRecall(facts.Count - missed.Count, facts.Count, missed);
    }

    /// <summary>The sum over protocols (null when none had a facts file).</summary>
    public static ContextRecall? Sum(IEnumerable<ContextRecall?> rows)
    {
        var scored = rows.OfType<ContextRecall>().ToList();
        return scored.Count == 0 ? null : new ContextRecall(scored.Sum(r => r.Found), scored.Sum(r => r.Total), []);
    }

    /// <summary>
    /// Builds the context of every section the facts name, exactly as drafting does, and scores the facts. Only passages of
    /// the document the facts were read from count (a study may also hold the protocol's USDM file).
    /// </summary>
    internal static async Task<ContextRecall> MeasureAsync(
        SectionContextBuilder contexts, StudyRecord study, DocumentTemplate template, ConsentFactsFile file, CancellationToken cancellationToken)
    {
        var facts = FactSheetBuilder.Build(study);
        var documentId = study.Documents.FirstOrDefault(d => d.FileName.Equals(file.File, StringComparison.OrdinalIgnoreCase))?.DocumentId;
        var pagesBySection = new Dictionary<string, IReadOnlySet<int>>(StringComparer.Ordinal);
        foreach (var section in template.Sections.Where(s => file.Facts.Any(f => f.Section == s.Id)))
        {
            var context = await contexts.BuildAsync(study.StudyId, section, facts, null, null, cancellationToken);
            pagesBySection[section.Id] = context.Passages
                .Select(p => p.Chunk)
                .Where(c => documentId is null || c.DocumentId == documentId)
                .SelectMany(c => Enumerable.Range(c.PageStart, Math.Max(1, c.PageEnd - c.PageStart + 1)))
                .ToHashSet();
        }

        return Compute(file.Facts, pagesBySection);
    }
}
