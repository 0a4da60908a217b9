using System.Text;
using System.Text.Json;
using IcfStudio.Core;
using IcfStudio.Core.Drafting.Prompting;
using IcfStudio.Core.Drafting.Templates;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.ProtocolMap;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IcfStudio.Tests.ProtocolMap;

/// <summary>Role-based retrieval and context recall through the real ingestion, SQLite store and section context builder.</summary>
public sealed class RoleRetrievalTests
{
    // A made-up protocol in the NIH academic style: a table of contents, risks, reporting rules and references.
    private const string Synthetic = """
        # SUNBEAM: vitamin D drops for infants with rickets

        ## Table of Contents
        1 Synopsis ........ 2
        2 Potential Risks ........ 3
        3 Adverse Event Reporting ........ 4
        4 References ........ 5

        ## 1 Synopsis
        Infants with rickets will take vitamin D drops by mouth once a day for 12 weeks. About 60 infants will take part.

        ## 2 Potential Risks
        Vitamin D drops may cause constipation or vomiting. Side effects of blood draws include bruising and brief pain.
        Too much vitamin D may raise calcium levels; calcium is checked at each visit to lower this risk.

        ## 3 Adverse Event Reporting
        Any serious adverse event must be reported to the sponsor within 24 hours of awareness on the expedited form.
        An adverse event is any untoward medical occurrence; causality is judged by the investigator.

        ## 4 Study Schedule
        Screening, Day 1, Week 4, Week 8 and Week 12 visits. Blood samples for calcium at every visit.

        ## 5 Sample Size
        With 80% power and a two-sided alpha of 0.05, 60 infants are needed.

        ## 6 References
        Smith AB, et al. Vitamin D in infants. J Pediatr. 2019;12:100-110. Brown E, et al. Rickets today. Pediatrics. 2020;45:200-210.
        Green F, et al. Calcium and vitamin D. Lancet. 2018;391:1-9. Black G, et al. Drops for rickets. BMJ. 2017;356:j1. doi:10.1000/x
        """;

    [Fact]
    public async Task BuildAsync_RealDevProtocolRisks_HoldsItsRisksSectionAndNoReportingRules()
    {
        var pdf = SharedData.Require("protocols", "dev", "bnt162b2-nct04816669.pdf");
        using var data = new TempDirectory();
        using var host = Host(data);
        var ct = TestContext.Current.CancellationToken;
        var studyId = (await host.Services.GetRequiredService<StudyIngestionService>()
            .IngestAsync([new IngestFile(Path.GetFileName(pdf), () => File.OpenRead(pdf))], null, null, null, ct)).StudyId;
        var risks = TemplateCatalog.Load(null).Sections.Single(s => s.Id == "risks");

        var context = await host.Services.GetRequiredService<SectionContextBuilder>().BuildAsync(studyId, risks, ContentFacts, null, null, ct);

        Assert.Contains(context.Passages, p => p.Chunk.Role == ProtocolRole.Risks && p.Chunk.SectionPath.Contains("Risk", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(context.Passages, p => p.Chunk.Role is ProtocolRole.SafetyReporting or ProtocolRole.Contents or ProtocolRole.References);
        Assert.DoesNotContain(context.Passages, p => p.Chunk.SectionPath.Contains("Serious Adverse Events", StringComparison.OrdinalIgnoreCase)
            || p.Chunk.SectionPath.Contains("Reporting", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task BuildAsync_EverySection_NeverGetsContentsOrReferences()
    {
        using var data = new TempDirectory();
        using var host = Host(data);
        var ct = TestContext.Current.CancellationToken;
        var studyId = await IngestSyntheticAsync(host, ct);
        var chunks = await host.Services.GetRequiredService<IStudyStore>().GetChunksAsync(studyId, ct);
        var builder = host.Services.GetRequiredService<SectionContextBuilder>();

        // The chunker leaves out chunks that are only contents or references.
        Assert.DoesNotContain(chunks, c => c.Role is ProtocolRole.Contents or ProtocolRole.References);
        foreach (var section in TemplateCatalog.Load(null).Sections)
        {
            var context = await builder.BuildAsync(studyId, section, ContentFacts, null, null, ct);
            Assert.DoesNotContain(context.Passages, p => p.Chunk.Role is ProtocolRole.Contents or ProtocolRole.References
                || p.Chunk.Text.Contains("........", StringComparison.Ordinal) || p.Chunk.Text.Contains("et al", StringComparison.Ordinal));
        }

        var risks = await builder.BuildAsync(studyId, TemplateCatalog.Load(null).Sections.Single(s => s.Id == "risks"), ContentFacts, null, null, ct);
        Assert.Contains(risks.Passages, p => p.Chunk.SectionPath.Contains("Potential Risks", StringComparison.Ordinal));
        Assert.DoesNotContain(risks.Passages, p => p.Chunk.Role == ProtocolRole.SafetyReporting);
    }

    [Fact]
    public async Task MeasureAsync_SyntheticProtocolAndFacts_CountsFactsWhosePageTheirSectionReceives()
    {
        using var data = new TempDirectory();
        using var host = Host(data);
        var ct = TestContext.Current.CancellationToken;
        var studyId = await IngestSyntheticAsync(host, ct);
        var store = host.Services.GetRequiredService<IStudyStore>();
        var chunks = await store.GetChunksAsync(studyId, ct);
        var risksPage = chunks.First(c => c.Role == ProtocolRole.Risks).PageStart;
        var factsPath = Path.Combine(data.Path, "sunbeam.facts.json");
        await File.WriteAllTextAsync(factsPath, JsonSerializer.Serialize(new
        {
            file = "sunbeam.md",
            facts = new object[]
            {
                new { id = "risk-constipation", kind = "risk", section = "risks", text = "constipation", any = new[] { new[] { "constipation" } }, page = risksPage, quote = "constipation" },
                new { id = "cited-only", kind = "other", section = "risks", text = "a reference", any = new[] { new[] { "rickets" } }, page = risksPage + 40, quote = "x" },
                new { id = "no-such-section", kind = "other", section = "not_in_template", text = "x", any = new[] { new[] { "x" } }, page = risksPage, quote = "x" },
            },
        }), ct);

        var recall = await ContextRecall.MeasureAsync(
            host.Services.GetRequiredService<SectionContextBuilder>(), (await store.FindStudyAsync(studyId, ct))!, TemplateCatalog.Load(null), ConsentFactsFile.Load(factsPath), ct);

        Assert.Equal(1, recall.Found);
        Assert.Equal(3, recall.Total);
        Assert.Equal(["cited-only", "no-such-section"], recall.Missed);
        Assert.Equal(100.0 / 3, recall.Percent, 6);
    }

    [Fact]
    public void Sum_RowsWithAndWithoutFacts_AddsOnlyThoseWithFacts()
    {
        var total = ContextRecall.Sum([new ContextRecall(3, 4, ["a"]), null, new ContextRecall(5, 6, [])]);

        Assert.Equal((8, 10), (total!.Found, total.Total));
        Assert.Null(ContextRecall.Sum([null, null]));
    }

    private static readonly Core.Drafting.FactSheet ContentFacts = new(StudyMetadata.Empty, null);

    private static IHost Host(TempDirectory data)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["Storage:DataDirectory"] = data.Path;
        builder.AddIcfCore();
        return builder.Build();
    }

    private static async Task<string> IngestSyntheticAsync(IHost host, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(Synthetic);
        var result = await host.Services.GetRequiredService<StudyIngestionService>()
            .IngestAsync([new IngestFile("sunbeam.md", () => new MemoryStream(bytes))], null, null, null, ct);
        return result.StudyId;
    }
}
