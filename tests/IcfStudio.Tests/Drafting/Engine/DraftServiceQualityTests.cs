using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using IcfStudio.Core;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Engine;
using IcfStudio.Core.Drafting.Providers;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Infrastructure;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IcfStudio.Tests.Drafting.Engine;

/// <summary>Quality results of every completed section: computed, stored with the version and sent as section_quality.</summary>
public sealed class DraftServiceQualityTests : IDisposable
{
    private const string DraftText = "You will be in the study for about 12 weeks [P1]. About 120 people will take part.";

    private const string Protocol = """
        # A Study of Drug X in Adults with High Blood Pressure

        ## 1 Synopsis
        This randomized study will enroll 120 participants with high blood pressure. Each participant takes part for 12 weeks.

        ## 6 Study Procedures
        Participants visit the clinic at screening, week 4, week 8 and week 12. Blood samples are taken at each visit.

        ## 8 Risks
        The most common adverse events were headache (10%) and dizziness (5%).
        """;

    private readonly TempDirectory _data = new();
    private readonly IHost _host;

    public DraftServiceQualityTests()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = _data.Path });
        builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}"] = _data.Path;
        builder.AddIcfCore();
        builder.Services.AddSingleton(new ChatProviderRegistration("stub", _ => new FixedTextChatClient(DraftText), ReportsFinishReason: true));
        _host = builder.Build();
    }

    public void Dispose()
    {
        _host.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task GenerateAsync_SectionsComplete_EachFollowedBySectionQualityStoredForItsVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        var drafts = _host.Services.GetRequiredService<DraftService>();
        var store = _host.Services.GetRequiredService<IDraftStore>();
        var draft = await drafts.CreateAsync(await IngestAsync(ct), new DraftOptions("stub", Sections: ["participants", "risks"]), "tester", ct);

        var events = await CollectAsync(drafts.GenerateAsync(draft.DraftId, "tester", ct));
        AssertQualityFollowsEachCompletion(events, "participants", "risks");
        Assert.Equal(DraftEvent.CompleteName, events[^1].Event.Name);
        var stored = await store.ReadEventsAsync(draft.DraftId, 0, ct);
        Assert.Equal(events.Select(e => (e.Sequence, e.Event.Name, e.DataJson)), stored.Select(e => (e.Sequence, e.Name, e.DataJson)));
        await AssertStoredQualityAsync(store, draft.DraftId, ("participants", 1), ("risks", 1));

        // A regeneration: the new version gets its own results.
        var regenerated = await CollectAsync(drafts.RegenerateAsync(draft.DraftId, "risks", "Shorter.", "tester", ct));
        AssertQualityFollowsEachCompletion(regenerated, "risks");
        await AssertStoredQualityAsync(store, draft.DraftId, ("participants", 1), ("risks", 2));
    }

    [Fact]
    public async Task EvaluateSectionQualityAsync_AfterAnEdit_StoresAndAppendsTheNextSequencedEvent()
    {
        var ct = TestContext.Current.CancellationToken;
        var drafts = _host.Services.GetRequiredService<DraftService>();
        var store = _host.Services.GetRequiredService<IDraftStore>();
        var draft = await drafts.CreateAsync(await IngestAsync(ct), new DraftOptions("stub", Sections: ["risks"]), "tester", ct);
        var generated = await CollectAsync(drafts.GenerateAsync(draft.DraftId, "tester", ct));
        await store.SaveSectionVersionAsync(
            draft.DraftId, "risks", "You may get a headache. About 400 people will take part.", [], SectionStatus.Ready, VersionReason.Edited, "editor", expectedVersion: 1, cancellationToken: ct);

        var quality = Assert.Single(await CollectAsync(drafts.EvaluateSectionQualityAsync(draft.DraftId, "risks", ct)));

        Assert.Equal(generated[^1].Sequence + 1, quality.Sequence);
        var computed = Assert.IsType<SectionQuality>(Assert.IsType<SectionQualityComputed>(quality.Event).Quality);
        Assert.Equal(2, computed.Version);
        Assert.Contains(computed.UnsupportedNumbers, n => n.Value == 400);
        var stored = await store.ReadEventsAsync(draft.DraftId, generated[^1].Sequence, ct);
        Assert.Equal((quality.Sequence, DraftEvent.SectionQualityName, quality.DataJson), Assert.Single(stored.Select(e => (e.Sequence, e.Name, e.DataJson))));
        await AssertStoredQualityAsync(store, draft.DraftId, ("risks", 2));
    }

    [Fact]
    public async Task GenerateAsync_QualityChecksThrow_SectionsStillCompleteWithoutQuality()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = _host.Services;

        // Without a study store every quality check throws.
        var broken = new QualityService(
            services.GetRequiredService<IOptions<QualityOptions>>(), TimeProvider.System, [], NullLogger<QualityService>.Instance, studies: null);
        var logger = new WarningCollector();
        await using var drafts = new DraftService(
            services.GetRequiredService<IDraftStore>(),
            services.GetRequiredService<IStudyStore>(),
            services.GetRequiredService<IDraftContent>(),
            services.GetRequiredService<ChatProviderRegistry>(),
            services.GetRequiredService<DraftEngine>(),
            TimeProvider.System,
            logger,
            broken);
        var draft = await drafts.CreateAsync(await IngestAsync(ct), new DraftOptions("stub", Sections: ["participants", "risks"]), "tester", ct);

        var events = await CollectAsync(drafts.GenerateAsync(draft.DraftId, "tester", ct));

        Assert.DoesNotContain(events, e => e.Event.Name is DraftEvent.SectionQualityName or DraftEvent.SectionErrorName or DraftEvent.ErrorName);
        var done = Assert.IsType<DraftCompleted>(events[^1].Event);
        Assert.Equal((2, 0), (done.Completed, done.Failed));
        var saved = (await services.GetRequiredService<IDraftStore>().FindDraftAsync(draft.DraftId, ct))!;
        Assert.All(saved.Sections, s => Assert.Equal(SectionStatus.Ready, s.Status));
        Assert.Equal(2, logger.Warnings.Count);
        Assert.All(logger.Warnings, w => Assert.DoesNotContain(DraftText, w, StringComparison.Ordinal));
    }

    private static void AssertQualityFollowsEachCompletion(List<SequencedDraftEvent> events, params string[] sectionIds)
    {
        foreach (var sectionId in sectionIds)
        {
            var completed = events.FindIndex(e => e.Event is SectionCompleted c && c.SectionId == sectionId);
            var quality = events.FindIndex(e => e.Event is SectionQualityComputed q && q.SectionId == sectionId);
            Assert.True(completed >= 0 && quality > completed && quality < events.Count - 1, $"{sectionId}: complete at {completed}, quality at {quality}");
            var version = ((SectionCompleted)events[completed].Event).Version;
            using var data = JsonDocument.Parse(events[quality].DataJson);
            Assert.Equal(sectionId, data.RootElement.GetProperty("sectionId").GetString());
            Assert.Equal(version, data.RootElement.GetProperty("version").GetInt32());
            var body = data.RootElement.GetProperty("quality");
            Assert.Equal(version, body.GetProperty("version").GetInt32());
            Assert.True(body.GetProperty("readability").GetProperty("words").GetInt32() > 0);
            Assert.Equal("checked", body.GetProperty("factCheck").GetString());
        }
    }

    private static async Task AssertStoredQualityAsync(IDraftStore store, string draftId, params (string SectionId, int Version)[] expected)
    {
        var stored = await store.GetQualityAsync(draftId, TestContext.Current.CancellationToken);
        Assert.Equal(expected.Length, stored.Count);
        foreach (var (sectionId, version) in expected)
        {
            using var json = JsonDocument.Parse(stored[sectionId]);
            Assert.Equal(version, json.RootElement.GetProperty("version").GetInt32());
        }
    }

    private async Task<string> IngestAsync(CancellationToken ct) =>
        (await _host.Services.GetRequiredService<StudyIngestionService>().IngestAsync(
            [new IngestFile("protocol.md", () => new MemoryStream(Encoding.UTF8.GetBytes(Protocol)))], "DRUGX", null, null, ct)).StudyId;

    private static async Task<List<SequencedDraftEvent>> CollectAsync(IAsyncEnumerable<SequencedDraftEvent> source)
    {
        var list = new List<SequencedDraftEvent>();
        await foreach (var e in source)
        {
            list.Add(e);
        }

        return list;
    }

    private sealed class WarningCollector : ILogger<DraftService>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                lock (Warnings)
                {
                    Warnings.Add(formatter(state, exception));
                }
            }
        }
    }
}
