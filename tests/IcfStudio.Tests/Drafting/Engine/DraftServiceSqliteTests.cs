using System.Runtime.CompilerServices;
using System.Text;
using IcfStudio.Core;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Providers;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IcfStudio.Tests.Drafting.Engine;

/// <summary>DraftService on the real services: SQLite store, ingestion, retrieval, the shipped template and prompt.</summary>
public sealed class DraftServiceSqliteTests
{
    private const string DraftText = "You will be in the study for about 12 weeks [P1].";

    private const string Protocol = """
        # A Study of Drug X in Adults with High Blood Pressure

        ## 1 Synopsis
        This randomized study will enroll 120 participants with high blood pressure. Each participant takes part for 12 weeks.

        ## 5 Study Population
        The sample size is 120 subjects. Adults aged 18 to 75 years with high blood pressure may take part.

        ## 6 Study Procedures
        Participants visit the clinic at screening, week 4, week 8 and week 12. Blood samples are taken at each visit.

        ## 8 Risks
        The most common adverse events were headache (10%) and dizziness (5%).
        """;

    [Fact]
    public async Task GenerateAsync_SqliteStore_StoresVersionsAndReplayableEvents()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempDirectory();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = data.Path });
        builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}"] = data.Path;
        builder.AddIcfCore();
        builder.Services.AddSingleton(new ChatProviderRegistration("stub", _ => new FixedTextChatClient(DraftText), ReportsFinishReason: true));
        using var host = builder.Build();
        var services = host.Services;
        var ingested = await services.GetRequiredService<StudyIngestionService>().IngestAsync(
            [new IngestFile("protocol.md", () => new MemoryStream(Encoding.UTF8.GetBytes(Protocol)))], "DRUGX", null, null, ct);
        var drafts = services.GetRequiredService<DraftService>();
        var store = services.GetRequiredService<IDraftStore>();

        var draft = await drafts.CreateAsync(ingested.StudyId, new DraftOptions("stub", Sections: ["participants", "risks"]), "tester", ct);
        var yielded = new List<SequencedDraftEvent>();
        await foreach (var e in drafts.GenerateAsync(draft.DraftId, "tester", ct))
        {
            yielded.Add(e);
        }

        var stored = await store.ReadEventsAsync(draft.DraftId, 0, ct);
        Assert.Equal(yielded.Select(e => (e.Sequence, e.Event.Name, e.DataJson)), stored.Select(e => (e.Sequence, e.Name, e.DataJson)));
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(e => e.Sequence));
        var saved = (await store.FindDraftAsync(draft.DraftId, ct))!;
        Assert.All(saved.Sections, s =>
        {
            Assert.Equal((SectionStatus.Ready, 1), (s.Status, s.Version));
            Assert.Equal(DraftText, s.Content);
            var citation = Assert.Single(s.Citations);
            Assert.Equal("P1", citation.Key);
            Assert.True(citation.PageStart >= 1);
        });
        var versions = await store.GetSectionVersionsAsync(draft.DraftId, "risks", ct);
        Assert.Equal(VersionReason.Generated, Assert.Single(versions).Reason);

        var regenerated = new List<SequencedDraftEvent>();
        await foreach (var e in drafts.RegenerateAsync(draft.DraftId, "risks", "Mention how common headaches are.", "tester", ct))
        {
            regenerated.Add(e);
        }

        Assert.Equal(stored[^1].Sequence + 1, regenerated[0].Sequence);
        Assert.Equal(regenerated[^1].Sequence, await store.GetLastEventSequenceAsync(draft.DraftId, ct));
        var latest = (await store.GetSectionVersionsAsync(draft.DraftId, "risks", ct))[^1];
        Assert.Equal((2, VersionReason.Regenerated, "Mention how common headaches are."), (latest.Version, latest.Reason, latest.Feedback));
    }
}
