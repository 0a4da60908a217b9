using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IcfStudio.Core;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Engine;
using IcfStudio.Core.Drafting.Providers;
using IcfStudio.Core.Profile;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static IcfStudio.Tests.Drafting.Engine.EngineTestKit;

namespace IcfStudio.Tests.Drafting.Engine;

public sealed class DraftServiceTests : IAsyncDisposable
{
    private readonly FakeDraftStore _store = new();
    private readonly FakeDraftContent _content = new();
    private readonly ScriptedChatClient _client;
    private readonly DraftService _service;

    public DraftServiceTests()
    {
        _client = new ScriptedChatClient((section, attempt) => section == "risks" && attempt == 1 ? "cut" : null);
        var options = Options.Create(FastOptions());
        var registry = new ChatProviderRegistry(options, TimeProvider.System, [new ChatProviderRegistration("stub", _ => _client, DefaultModel: "stub-1")]);
        _service = new DraftService(_store, new FakeStudyStore(), _content, registry, NewEngine(options.Value), TimeProvider.System, NullLogger<DraftService>.Instance);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateAsync_UnknownSection_ThrowsBadInput()
    {
        var ex = await Assert.ThrowsAsync<BadInputException>(() => _service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub", Sections: ["nope"]), "tester", Ct));
        Assert.Equal("unknown_section", ex.Code);
    }

    [Fact]
    public async Task CreateAsync_UnknownStudy_ThrowsNotFound() =>
        await Assert.ThrowsAsync<NotFoundException>(() => _service.CreateAsync("NOPE-1", new DraftOptions("stub"), "tester", Ct));

    [Fact]
    public async Task GenerateAsync_NewDraft_PersistsVersionsAndEveryEventInOrder()
    {
        var draft = await _service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);
        Assert.Equal(("stub", "stub-1", "test-template"), (draft.Provider, draft.Model, draft.Template));

        var yielded = await CollectSequencedAsync(_service.GenerateAsync(draft.DraftId, "tester", Ct));

        Assert.Equal(Enumerable.Range(1, yielded.Count).Select(i => (long)i), yielded.Select(e => e.Sequence));
        var stored = await _store.ReadEventsAsync(draft.DraftId, 0, Ct);
        Assert.Equal(yielded.Select(e => (e.Sequence, e.Event.Name, e.DataJson)), stored.Select(e => (e.Sequence, e.Name, e.DataJson)));
        Assert.Equal(DraftEvent.CompleteName, stored[^1].Name);
        Assert.Contains($"\"draftId\":\"{draft.DraftId}\"", stored[^1].DataJson, StringComparison.Ordinal);

        var saved = (await _store.FindDraftAsync(draft.DraftId, Ct))!;
        Assert.All(saved.Sections, s => Assert.Equal((SectionStatus.Ready, 1), (s.Status, s.Version)));
        Assert.Equal(ScriptedChatClient.TextOf("risks"), saved.Sections.Single(s => s.SectionId == "risks").Content);
        Assert.All(yielded.Select(e => e.Event).OfType<SectionCompleted>(), c => Assert.Equal(1, c.Version));
        var versions = await _store.GetSectionVersionsAsync(draft.DraftId, "summary", Ct);
        Assert.Equal(VersionReason.Generated, Assert.Single(versions).Reason);
    }

    [Fact]
    public async Task GenerateAsync_TwoDraftsAtOnce_StoresEveryEventOfEachInOrder()
    {
        var first = await _service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);
        var second = await _service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);

        var yielded = await Task.WhenAll(
            CollectSequencedAsync(_service.GenerateAsync(first.DraftId, "tester", Ct)),
            CollectSequencedAsync(_service.GenerateAsync(second.DraftId, "tester", Ct)));

        foreach (var (draftId, events) in new[] { (first.DraftId, yielded[0]), (second.DraftId, yielded[1]) })
        {
            var stored = await _store.ReadEventsAsync(draftId, 0, Ct);
            Assert.Equal(events.Select(e => (e.Sequence, e.Event.Name, e.DataJson)), stored.Select(e => (e.Sequence, e.Name, e.DataJson)));
        }
    }

    [Fact]
    public async Task GenerateAsync_OtherDraftsEventsRefused_StillStoresThisDraftsEvents()
    {
        var refused = await _service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);
        var kept = await _service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);
        _store.RefuseEventsOf = refused.DraftId;

        var refusedRun = Record.ExceptionAsync(() => CollectSequencedAsync(_service.GenerateAsync(refused.DraftId, "tester", Ct)));
        var yielded = await CollectSequencedAsync(_service.GenerateAsync(kept.DraftId, "tester", Ct));
        await refusedRun;

        Assert.Empty(await _store.ReadEventsAsync(refused.DraftId, 0, Ct));
        Assert.Equal(yielded.Select(e => e.Sequence), (await _store.ReadEventsAsync(kept.DraftId, 0, Ct)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task GenerateAsync_OneSectionSlowToStore_OtherSectionsCompleteMeanwhile()
    {
        var stored = new TaskCompletionSource();
        _store.BeforeVersionSave = sectionId => sectionId == "summary" ? stored.Task.WaitAsync(TimeSpan.FromSeconds(5), Ct) : Task.CompletedTask;
        var draft = await _service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);

        var completed = new List<string>();
        await foreach (var sequenced in _service.GenerateAsync(draft.DraftId, "tester", Ct))
        {
            if (sequenced.Event is SectionCompleted { SectionId: var sectionId })
            {
                completed.Add(sectionId);
                stored.TrySetResult();
            }
        }

        Assert.Equal(["risks", "summary"], completed);
        Assert.All((await _store.FindDraftAsync(draft.DraftId, Ct))!.Sections, s => Assert.Equal((SectionStatus.Ready, 1), (s.Status, s.Version)));
    }

    [Fact]
    public async Task GenerateAsync_WithMetrics_CountsTokensSectionsAndRetries()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var totals = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var durations = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // Only this test's meters: other tests may draft at the same time.
                if (instrument.Meter.Scope == meters)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var outcome = tags.ToArray().FirstOrDefault(t => t.Key == "outcome").Value;
            totals.AddOrUpdate(instrument.Name + (outcome is null ? "" : "/" + outcome), value, (_, total) => total + value);
        });
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref durations));
        listener.Start();
        var options = Options.Create(FastOptions());
        var registry = new ChatProviderRegistry(options, TimeProvider.System, [new ChatProviderRegistration("stub", _ => _client, DefaultModel: "stub-1")]);
        await using var service = new DraftService(
            _store, new FakeStudyStore(), _content, registry, NewEngine(options.Value), TimeProvider.System, NullLogger<DraftService>.Instance, metrics: new DraftingMetrics(meters));
        var draft = await service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);

        var events = await CollectSequencedAsync(service.GenerateAsync(draft.DraftId, "tester", Ct));

        Assert.Equal(1, totals.GetValueOrDefault("icf.drafting.runs"));
        Assert.Equal(events.Count(e => e.Event is TokenDelta), totals.GetValueOrDefault("icf.drafting.tokens"));
        Assert.Equal(2, totals.GetValueOrDefault("icf.drafting.sections/completed"));
        Assert.Equal(1, totals.GetValueOrDefault("icf.drafting.retries"));
        Assert.Equal(2, durations);
    }

    [Fact]
    public async Task GenerateAsync_ManySections_PreparesOnAtMostHalfTheCores()
    {
        _content.PrepareTime = TimeSpan.FromMilliseconds(20);
        var drafts = new List<DraftRecord>();
        for (var i = 0; i < 4; i++)
        {
            drafts.Add(await _service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct));
        }

        await Task.WhenAll(drafts.Select(d => CollectSequencedAsync(_service.GenerateAsync(d.DraftId, "tester", Ct))));

        Assert.Equal(8, _content.Prepared.Count);
        Assert.InRange(_content.MaxConcurrentPrepares, 1, Math.Max(1, Environment.ProcessorCount / 2));
    }

    [Fact]
    public async Task GenerateAsync_SecondRun_ContinuesSequenceAndSkipsReadySections()
    {
        var draft = await _service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);
        var first = await CollectSequencedAsync(_service.GenerateAsync(draft.DraftId, "tester", Ct));
        _store.SetStatus(draft.DraftId, "risks", SectionStatus.Interrupted);

        var second = await CollectSequencedAsync(_service.GenerateAsync(draft.DraftId, "tester", Ct));

        Assert.Equal(first[^1].Sequence + 1, second[0].Sequence);
        Assert.All(second.Select(e => e.Event).OfType<SectionStarted>(), s => Assert.Equal("risks", s.SectionId));
        Assert.Equal(2, (await _store.FindDraftAsync(draft.DraftId, Ct))!.Sections.Single(s => s.SectionId == "risks").Version);
    }

    [Fact]
    public async Task RegenerateAsync_WithFeedback_RevisesCurrentTextAndStoresFeedback()
    {
        var draft = await _service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);
        await CollectSequencedAsync(_service.GenerateAsync(draft.DraftId, "tester", Ct));

        var events = await CollectSequencedAsync(_service.RegenerateAsync(draft.DraftId, "summary", "Shorter, please.", "tester", Ct));

        Assert.Equal(("summary", "Shorter, please.", ScriptedChatClient.TextOf("summary")), _content.Prepared[^1]);
        Assert.Equal(2, events.Select(e => e.Event).OfType<SectionCompleted>().Single().Version);
        Assert.IsType<DraftCompleted>(events[^1].Event);
        var latest = (await _store.GetSectionVersionsAsync(draft.DraftId, "summary", Ct))[^1];
        Assert.Equal((VersionReason.Regenerated, "Shorter, please."), (latest.Reason, latest.Feedback));
    }

    [Fact]
    public async Task RegenerateAsync_WithoutFeedback_StartsAfresh()
    {
        var draft = await _service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);
        await CollectSequencedAsync(_service.GenerateAsync(draft.DraftId, "tester", Ct));

        await CollectSequencedAsync(_service.RegenerateAsync(draft.DraftId, "summary", "  ", "tester", Ct));

        Assert.Equal(("summary", (string?)null, (string?)null), _content.Prepared[^1]);
    }

    [Fact]
    public async Task RegenerateAsync_FeedbackTooLong_ThrowsBadInput()
    {
        var draft = await _service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);

        var ex = await Assert.ThrowsAsync<BadInputException>(() => CollectSequencedAsync(_service.RegenerateAsync(draft.DraftId, "summary", new string('x', 2_001), "tester", Ct)));
        Assert.Equal("feedback_too_long", ex.Code);
    }

    [Fact]
    public async Task RegenerateAsync_ApprovedSection_ThrowsInvalidState()
    {
        var draft = await _service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);
        _store.SetStatus(draft.DraftId, "summary", SectionStatus.Approved);

        await Assert.ThrowsAsync<InvalidStateException>(() => CollectSequencedAsync(_service.RegenerateAsync(draft.DraftId, "summary", null, "tester", Ct)));
    }

    [Fact]
    public async Task GenerateAsync_SectionFailsOnEveryProvider_MarkedFailedWithError()
    {
        var failing = new ScriptedChatClient((section, _) => section == "risks" ? "broken" : null);
        var options = Options.Create(FastOptions(maxRetries: 0));
        var registry = new ChatProviderRegistry(options, TimeProvider.System, [new ChatProviderRegistration("stub", _ => failing)]);
        await using var service = new DraftService(_store, new FakeStudyStore(), _content, registry, NewEngine(options.Value), TimeProvider.System, NullLogger<DraftService>.Instance);
        var draft = await service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);

        await CollectSequencedAsync(service.GenerateAsync(draft.DraftId, "tester", Ct));

        var risks = (await _store.FindDraftAsync(draft.DraftId, Ct))!.Sections.Single(s => s.SectionId == "risks");
        Assert.Equal(SectionStatus.Failed, risks.Status);
        Assert.Contains("connection broke", risks.Error, StringComparison.Ordinal);
        Assert.Contains(_store.Audit, a => a.Action == "section_failed" && a.SectionId == "risks");
    }

    [Fact]
    public async Task GenerateAsync_Cancelled_MarksUnfinishedSectionsInterruptedAndFlushesEvents()
    {
        var endless = new PacedChatClient(wordsPerSection: -1, TimeSpan.FromMilliseconds(2));
        var options = Options.Create(FastOptions());
        var registry = new ChatProviderRegistry(options, TimeProvider.System, [new ChatProviderRegistration("stub", _ => endless)]);
        await using var service = new DraftService(_store, new FakeStudyStore(), _content, registry, NewEngine(options.Value), TimeProvider.System, NullLogger<DraftService>.Instance);
        var draft = await service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        long lastSequence = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in service.GenerateAsync(draft.DraftId, "tester", cts.Token))
            {
                lastSequence = e.Sequence;
                if (e.Sequence == 20)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(0, endless.Running);
        Assert.Equal(lastSequence, await _store.GetLastEventSequenceAsync(draft.DraftId, Ct));
        Assert.All((await _store.FindDraftAsync(draft.DraftId, Ct))!.Sections, s => Assert.Equal(SectionStatus.Interrupted, s.Status));
    }

    [Fact]
    public async Task GenerateAsync_StoreFailsMidway_EndsWithErrorEventAndFailedSections()
    {
        var draft = await _service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);
        _store.FailVersionSaves = true;

        var events = await CollectSequencedAsync(_service.GenerateAsync(draft.DraftId, "tester", Ct));

        var error = Assert.IsType<DraftFailed>(events[^1].Event);
        Assert.Contains("disk full", error.Message, StringComparison.Ordinal);
        Assert.Equal(events[^1].Sequence, await _store.GetLastEventSequenceAsync(draft.DraftId, Ct));
        Assert.All((await _store.FindDraftAsync(draft.DraftId, Ct))!.Sections, s => Assert.Equal(SectionStatus.Failed, s.Status));
    }

    [Fact]
    public async Task GenerateAsync_StoreFailsWhileASectionIsStillStarting_ThatSectionEndsFailedToo()
    {
        var draft = await _service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);
        _store.FailVersionSaves = true;
        // "risks" is slow to start: its generating mark waits until the draft has marked it failed, or until it is stopped.
        // A run that marked its sections failed while their tasks still ran would leave it generating.
        var risksMarkedFailed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.StatusWritten = (sectionId, status) =>
        {
            if (sectionId == "risks" && status == SectionStatus.Failed)
            {
                risksMarkedFailed.TrySetResult();
            }
        };
        _store.BeforeStatusWrite = (sectionId, status, ct) =>
            sectionId == "risks" && status == SectionStatus.Generating ? risksMarkedFailed.Task.WaitAsync(ct) : Task.CompletedTask;

        var events = await CollectSequencedAsync(_service.GenerateAsync(draft.DraftId, "tester", Ct));

        Assert.IsType<DraftFailed>(events[^1].Event);
        var sections = (await _store.FindDraftAsync(draft.DraftId, Ct))!.Sections;
        Assert.Equal([("summary", SectionStatus.Failed), ("risks", SectionStatus.Failed)], sections.Select(s => (s.SectionId, s.Status)));
    }

    [Fact]
    public async Task GenerateAsync_NothingLeftToDraft_YieldsNoEvents()
    {
        var draft = await _service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);
        await CollectSequencedAsync(_service.GenerateAsync(draft.DraftId, "tester", Ct));

        Assert.Empty(await CollectSequencedAsync(_service.GenerateAsync(draft.DraftId, "tester", Ct)));
    }

    [Fact]
    public async Task GenerateAndRegenerate_WithProfile_RecordTheProfileVersionWithTheDraft()
    {
        var draft = await _service.CreateAsync(FakeStudyStore.StudyId, new DraftOptions("stub"), "tester", Ct);
        Assert.Null(draft.ProfileVersion);
        _content.Profile = new StudyProfile([], Version: 3);

        await CollectSequencedAsync(_service.GenerateAsync(draft.DraftId, "tester", Ct));
        Assert.Equal(3, (await _store.FindDraftAsync(draft.DraftId, Ct))!.ProfileVersion);

        _content.Profile = new StudyProfile([], Version: 5);
        await CollectSequencedAsync(_service.RegenerateAsync(draft.DraftId, "summary", null, "tester", Ct));
        Assert.Equal(5, (await _store.FindDraftAsync(draft.DraftId, Ct))!.ProfileVersion);
    }

    private static async Task<List<SequencedDraftEvent>> CollectSequencedAsync(IAsyncEnumerable<SequencedDraftEvent> events)
    {
        var list = new List<SequencedDraftEvent>();
        await foreach (var e in events)
        {
            list.Add(e);
        }

        return list;
    }

    public ValueTask DisposeAsync() => _service.DisposeAsync();
}
