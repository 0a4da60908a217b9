using IcfStudio.Core.Drafting.Prompting;
using IcfStudio.Core.Drafting.Templates;
using IcfStudio.Core.ProtocolMap;
using IcfStudio.Core.Storage;

namespace IcfStudio.Tests.Drafting.Content;

public sealed class SectionContextBuilderTests
{
    /// <summary>A search over fixed chunks: a query matches a chunk sharing any word; filters restrict by section path.</summary>
    private sealed class FakeSearch(IReadOnlyList<ChunkHit> chunks)
    {
        public List<(string Query, IReadOnlyList<string>? Filters)> Calls { get; } = [];

        public Task<IReadOnlyList<ChunkHit>> SearchAsync(
            string studyId, string query, int k, IReadOnlyList<string>? filters, RoleFilter? roles, CancellationToken cancellationToken)
        {
            Calls.Add((query, filters));
            var words = query.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            IReadOnlyList<ChunkHit> hits = chunks
                .Where(c => filters is null || filters.Any(f => c.SectionPath.Contains(f, StringComparison.OrdinalIgnoreCase)))
                .Where(c => roles is null || roles.Allows(c.Role))
                .Select(c => (Chunk: c, Score: words.Count(w => c.Text.Contains(w, StringComparison.OrdinalIgnoreCase))))
                .Where(x => x.Score > 0)
                .OrderByDescending(x => x.Score).ThenBy(x => x.Chunk.ChunkId)
                .Take(k)
                .Select(x => x.Chunk)
                .ToList();
            return Task.FromResult(hits);
        }
    }

    private static readonly IReadOnlyList<ChunkHit> Chunks =
    [
        ContentSamples.Chunk(1, "1 Synopsis", 2, "Adverse events and potential risks are summarized in the safety section. Sample size 240."),
        ContentSamples.Chunk(2, "7 Safety > 7.2 Potential Risks", 40, "Potential risks of cardiozan: dizziness and headache."),
        ContentSamples.Chunk(3, "7 Safety > 7.3 Adverse Events", 41, "Adverse events will be recorded at each visit."),
        ContentSamples.Chunk(4, "9 Statistics > 9.1 Sample Size", 60, "A sample size of 240 subjects gives 90% power."),
    ];

    [Fact]
    public async Task BuildAsync_Risks_RanksRiskPassagesFirstLeavesOutReportingRulesAndLabels()
    {
        var search = new FakeSearch(Chunks);
        var builder = new SectionContextBuilder(search.SearchAsync);
        var section = TemplateCatalog.Load(null).Sections.Single(s => s.Id == "risks");

        var context = await builder.BuildAsync("S-1", section, ContentSamples.Facts, null, null, TestContext.Current.CancellationToken);

        Assert.Contains("Safety", context.Passages[0].Chunk.SectionPath, StringComparison.Ordinal);
        Assert.Equal(2, context.Passages[0].Chunk.ChunkId);

        // "Adverse events will be recorded at each visit" is a duty of the study team (safety reporting), not a risk.
        Assert.DoesNotContain(context.Passages, p => p.Chunk.ChunkId == 3);
        Assert.Equal(context.Passages.Count, context.Passages.Select(p => p.Chunk.ChunkId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, context.Passages.Count).Select(i => "P" + i), context.Passages.Select(p => p.Key));
        Assert.Contains(search.Calls, c => c.Query == "adverse events" && c.Filters is not null);
        Assert.Contains(search.Calls, c => c.Query == "adverse events" && c.Filters is null);
        Assert.Same(section, context.Section);
    }

    [Fact]
    public async Task BuildAsync_NoHeadingMatch_FallsBackToTheWholeProtocol()
    {
        var search = new FakeSearch([ContentSamples.Chunk(9, "Untitled", 5, "The sample size is 240 subjects.")]);
        var builder = new SectionContextBuilder(search.SearchAsync);
        var section = TemplateCatalog.Load(null).Sections.Single(s => s.Id == "participants");

        var context = await builder.BuildAsync("S-1", section, ContentSamples.Facts, null, null, TestContext.Current.CancellationToken);

        Assert.Equal(9, Assert.Single(context.Passages).Chunk.ChunkId);
    }

    [Fact]
    public async Task BuildAsync_Feedback_IsSearchedAndKeptWithCurrentText()
    {
        var search = new FakeSearch(Chunks);
        var builder = new SectionContextBuilder(search.SearchAsync);
        var section = TemplateCatalog.Load(null).Sections.Single(s => s.Id == "benefits");

        var context = await builder.BuildAsync("S-1", section, ContentSamples.Facts, "Please mention dizziness", "old", TestContext.Current.CancellationToken);

        Assert.Contains(search.Calls, c => c.Query == "dizziness" && c.Filters is null);
        Assert.Contains(context.Passages, p => p.Chunk.ChunkId == 2);
        Assert.Equal("Please mention dizziness", context.Feedback);
        Assert.Equal("old", context.CurrentText);
    }
}
