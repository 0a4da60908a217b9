using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Offline;
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

    private static ChunkHit Hit(long id, ProtocolRole role, string path, int page, string text) =>
        new(id, "doc1", text, path, page, page, 1.0) { Role = role };

    private static SectionTemplate Section(IReadOnlyList<string> queries, IReadOnlyList<string> roles, int? max = null, int? offline = null, IReadOnlyDictionary<string, int>? supporting = null) =>
        new()
        {
            Id = "custom",
            Title = "Custom",
            Queries = queries,
            Roles = roles,
            MaxPassages = max,
            OfflinePassages = offline,
            SupportingRoles = supporting ?? new Dictionary<string, int>(),
        };

    // A made-up device trial: the risks chapter, and the pregnancy rule stated only in the exclusion criteria.
    private static readonly IReadOnlyList<ChunkHit> DeviceTrial =
    [
        Hit(1, ProtocolRole.Risks, "8 Risks > 8.1 Device risks", 20, "Risks of the patch: skin redness and itching under the patch."),
        Hit(2, ProtocolRole.Risks, "8 Risks > 8.2 Procedure risks", 21, "Risks of blood draws: bruising and brief pain."),
        Hit(3, ProtocolRole.Eligibility, "5 Population > 5.2 Exclusion Criteria", 9, "Women who are pregnant or breastfeeding are excluded; pregnancy tests and contraception are required."),
        Hit(4, ProtocolRole.Eligibility, "5 Population > 5.1 Inclusion Criteria", 8, "Adults aged 18 years or older with contraception counselling records."),
    ];

    [Fact]
    public async Task BuildAsync_SupportingRole_AddsItsBestPassagesOnly()
    {
        var builder = new SectionContextBuilder(new FakeSearch(DeviceTrial).SearchAsync);
        string[] queries = ["risks", "pregnancy contraception"];

        var without = await builder.BuildAsync("S-1", Section(queries, ["risks"]), ContentSamples.Facts, null, null, TestContext.Current.CancellationToken);
        var with = await builder.BuildAsync(
            "S-1", Section(queries, ["risks"], supporting: new Dictionary<string, int> { ["eligibility"] = 1 }), ContentSamples.Facts, null, null, TestContext.Current.CancellationToken);

        // Off the section's roles, the exclusion criteria do not pass the floor; as a supporting role their best passage
        // (the pregnancy rule, matching both query words) is given, the weaker inclusion passage is not.
        Assert.DoesNotContain(without.Passages, p => p.Chunk.Role == ProtocolRole.Eligibility);
        Assert.Equal([1L, 2L, 3L], with.Passages.Select(p => p.Chunk.ChunkId).Order());
    }

    [Fact]
    public async Task BuildAsync_LargeBudget_OfflinePassagesComeFirstAsForASmallBudget()
    {
        var chunks = Enumerable.Range(1, 12)
            .Select(i => Hit(i, i % 2 == 0 ? ProtocolRole.Procedures : ProtocolRole.Schedule, $"9 Procedures > 9.{i}", 30 + i,
                $"Visit with a blood sample: alpha{i} beta{i} gamma{i} delta{i} epsilon{i}."))
            .ToList();
        var builder = new SectionContextBuilder(new FakeSearch(chunks).SearchAsync);
        string[] queries = ["visit", "blood sample"];

        var small = await builder.BuildAsync("S-1", Section(queries, ["procedures", "schedule"], max: 3), ContentSamples.Facts, null, null, TestContext.Current.CancellationToken);
        var large = await builder.BuildAsync("S-1", Section(queries, ["procedures", "schedule"], max: 20, offline: 3), ContentSamples.Facts, null, null, TestContext.Current.CancellationToken);

        Assert.Equal(10, large.Passages.Count); // ten hits per query for a budget of twenty
        Assert.Equal(small.Passages.Select(p => p.Chunk.ChunkId), large.Passages.Take(3).Select(p => p.Chunk.ChunkId));
        Assert.Equal(3, SectionContextBuilder.OfflineCap(large.Section));
        Assert.Equal(small.Passages.Select(p => p.Chunk.ChunkId), OfflineSectionWriter.OfflineSubset(large).Passages.Select(p => p.Chunk.ChunkId));
    }

    [Fact]
    public async Task BuildAsync_LargeBudget_RestHoldsOnlyPassagesThatFit()
    {
        // Many hits per query: an administrative passage sharing the section's words is reached, but it is not the section's part.
        var chunks = Enumerable.Range(1, 6)
            .Select(i => Hit(i, ProtocolRole.Risks, $"8 Risks > 8.{i}", 20 + i, $"Side effects risk: organ{i} damage{i} pain{i}."))
            .Append(Hit(50, ProtocolRole.Administrative, "14 Administrative > 14.2 Insurance", 60, "Insurance covers side effects and risk of injury."))
            .ToList();
        var builder = new SectionContextBuilder(new FakeSearch(chunks).SearchAsync);

        var context = await builder.BuildAsync(
            "S-1", Section(["side effects", "risk", "effects", "side"], ["risks"], max: 20, offline: 2), ContentSamples.Facts, null, null, TestContext.Current.CancellationToken);

        Assert.Equal(6, context.Passages.Count);
        Assert.All(context.Passages, p => Assert.Equal(ProtocolRole.Risks, p.Chunk.Role));
    }

    [Fact]
    public void Spread_LargeBudget_GivesHalfOfItToTheRolesInTurn()
    {
        // Ten risks passages rank above the two eligibility ones: one per role would give a single eligibility passage.
        var ranked = Enumerable.Range(1, 10).Select(i => Hit(i, ProtocolRole.Risks, "8 Risks", 20, $"risk {i}"))
            .Concat([Hit(11, ProtocolRole.Eligibility, "5 Exclusion", 9, "pregnancy"), Hit(12, ProtocolRole.Eligibility, "5 Exclusion", 9, "contraception")])
            .ToList();

        var spread = SectionContextBuilder.Spread(ranked, [ProtocolRole.Risks, ProtocolRole.Eligibility], 8);

        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L, 11L, 12L], spread.Select(h => h.ChunkId));
    }
}
