using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using IcfStudio.Core.Drafting.Engine;
using IcfStudio.Core.Drafting.Providers;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.Logging;

namespace IcfStudio.Core.Drafting;

/// <summary>Options for a new draft; every field is optional.</summary>
/// <param name="Provider">anthropic, openai, ollama or offline; null: configuration, else anthropic when its key is set, else offline.</param>
/// <param name="Template">A template id of the shipped catalog or a path to a template file; null: the default ICF template.</param>
/// <param name="Sections">Section ids to draft; null: every section of the template.</param>
public sealed record DraftOptions(string? Provider = null, string? Model = null, string? Template = null, IReadOnlyList<string>? Sections = null);

/// <summary>A draft event with its per-draft sequence number (the SSE id) and its JSON data (camelCase).</summary>
public sealed record SequencedDraftEvent(long Sequence, DraftEvent Event, string DataJson);

/// <summary>
/// Creates drafts, drafts their sections in parallel, and persists every version and event as it goes.
/// Singleton: event sequence numbers are assigned here, per draft, and never repeat.
/// </summary>
public sealed partial class DraftService : IAsyncDisposable
{
    public const int MaxFeedbackLength = 2_000;

    private readonly IDraftStore _drafts;
    private readonly IStudyStore _studies;
    private readonly IDraftContent _content;
    private readonly ChatProviderRegistry _providers;
    private readonly DraftEngine _engine;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DraftService> _logger;
    private readonly DraftEventLog _eventLog;
    private readonly QualityService? _quality;
    private readonly DraftingMetrics? _metrics;

    // Preparing a section (retrieval, prompt) and checking its quality are CPU work that comes in bursts: every section of a
    // draft starts, and completes, at about the same time. At most half the cores do it, so the tokens of the drafts already
    // streaming keep flowing while a burst is worked off.
    private readonly SemaphoreSlim _cpuWorkGate = new(Math.Max(1, Environment.ProcessorCount / 2));

    // Sections being drafted by this process, so one section is never drafted twice at once.
    private readonly ConcurrentDictionary<(string DraftId, string SectionId), byte> _active = new();

    internal DraftService(
        IDraftStore drafts,
        IStudyStore studies,
        IDraftContent content,
        ChatProviderRegistry providers,
        DraftEngine engine,
        TimeProvider timeProvider,
        ILogger<DraftService> logger,
        QualityService? quality = null,
        DraftingMetrics? metrics = null)
    {
        _drafts = drafts;
        _studies = studies;
        _content = content;
        _providers = providers;
        _engine = engine;
        _timeProvider = timeProvider;
        _logger = logger;
        _quality = quality;
        _metrics = metrics;
        _eventLog = new DraftEventLog(drafts, timeProvider, logger);
    }

    /// <summary>Creates a draft (sections pending, version 0) without generating anything yet.</summary>
    public async Task<DraftRecord> CreateAsync(string studyId, DraftOptions options, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Resolving the chain first rejects an unknown provider or a missing key before anything else.
        var primary = _providers.ResolveChain(options.Provider, options.Model)[0];
        var study = await _studies.FindStudyAsync(studyId, cancellationToken) ?? throw new NotFoundException($"No study '{studyId}'.");
        var template = _content.LoadTemplate(options.Template);
        var sections = template.Sections.OrderBy(s => s.Order).ToList();
        if (options.Sections is { Count: > 0 } wanted)
        {
            var unknown = wanted.Where(id => !sections.Any(s => s.Id == id)).ToList();
            if (unknown.Count > 0)
            {
                throw new BadInputException("unknown_section", $"Unknown section(s) {string.Join(", ", unknown)}; the template has {string.Join(", ", sections.Select(s => s.Id))}.");
            }

            sections = sections.Where(s => wanted.Contains(s.Id)).ToList();
        }

        var now = _timeProvider.GetUtcNow();
        var draft = new DraftRecord(
            DraftId: $"D-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}",
            StudyId: study.StudyId,
            Provider: primary.Name,
            Model: primary.Model,
            Template: options.Template ?? template.Id,
            CreatedAt: now,
            UpdatedAt: now,
            Sections: sections.Select((s, i) => new DraftSection(s.Id, s.Title, i, SectionStatus.Pending, "", 0, [], 0)).ToList(),
            Offline: primary.Offline);
        await _drafts.CreateDraftAsync(draft, actor, cancellationToken);
        LogDraftCreated(draft.DraftId, study.StudyId, primary.Name, draft.Sections.Count);
        return await _drafts.FindDraftAsync(draft.DraftId, cancellationToken) ?? draft;
    }

    /// <summary>Generates every pending, failed or interrupted section of the draft at once; yields events as produced (already persisted or queued for persistence in order).</summary>
    public async IAsyncEnumerable<SequencedDraftEvent> GenerateAsync(string draftId, string actor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var draft = await FindDraftAsync(draftId, cancellationToken);
        var study = await FindStudyAsync(draft.StudyId, cancellationToken);
        var template = _content.LoadTemplate(draft.Template);
        var facts = await _content.BuildFactsAsync(study, cancellationToken);
        var pending = draft.Sections
            .Where(s => s.Status is SectionStatus.Pending or SectionStatus.Failed or SectionStatus.Interrupted)
            .Select(s => (Section: s, Template: SectionTemplateOf(template, s.SectionId)))
            .ToList();
        if (pending.Count > 0)
        {
            await RecordProfileVersionAsync(draftId, facts, cancellationToken);
        }

        var jobs = pending
            .Where(p => _active.TryAdd((draftId, p.Section.SectionId), 0))
            .Select(p => new SectionJob(
                p.Section.SectionId,
                p.Section.Title,
                p.Section.Version + 1,
                ct => PrepareStepAsync(draftId, p.Section.SectionId, c => _content.PrepareAsync(study.StudyId, p.Template, facts, null, null, c), ct),
                QualityStep(draftId, study.StudyId, p.Section.Order, p.Template),
                StoreStep(draftId, VersionReason.Generated, feedback: null, actor)))
            .ToList();
        if (jobs.Count == 0)
        {
            if (pending.Count > 0)
            {
                throw new InvalidStateException($"Draft '{draftId}' is being drafted already.");
            }

            // Nothing left to draft: no events.
            yield break;
        }

        await foreach (var sequenced in RunAsync(draft, jobs, actor, cancellationToken))
        {
            yield return sequenced;
        }
    }

    /// <summary>Regenerates one section: with feedback (≤ 2,000 characters) it revises the current text, without it starts afresh.</summary>
    public async IAsyncEnumerable<SequencedDraftEvent> RegenerateAsync(string draftId, string sectionId, string? feedback, string actor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        feedback = string.IsNullOrWhiteSpace(feedback) ? null : feedback.Trim();
        if (feedback is { Length: > MaxFeedbackLength })
        {
            throw new BadInputException("feedback_too_long", $"Feedback is limited to {MaxFeedbackLength} characters ({feedback.Length} given).");
        }

        var draft = await FindDraftAsync(draftId, cancellationToken);
        var current = draft.Sections.FirstOrDefault(s => s.SectionId == sectionId)
            ?? throw new NotFoundException($"Draft '{draftId}' has no section '{sectionId}'.");
        if (current.Status == SectionStatus.Approved)
        {
            throw new InvalidStateException($"Section '{sectionId}' is approved; unapprove it before regenerating.");
        }

        var study = await FindStudyAsync(draft.StudyId, cancellationToken);
        var section = SectionTemplateOf(_content.LoadTemplate(draft.Template), sectionId);
        var facts = await _content.BuildFactsAsync(study, cancellationToken);
        await RecordProfileVersionAsync(draftId, facts, cancellationToken);
        if (!_active.TryAdd((draftId, sectionId), 0))
        {
            throw new InvalidStateException($"Section '{sectionId}' is being drafted already.");
        }

        // With feedback the model revises the current text; without, it starts afresh.
        var currentText = feedback is not null && current.Content.Length > 0 ? current.Content : null;
        var job = new SectionJob(
            sectionId,
            current.Title,
            current.Version + 1,
            ct => PrepareStepAsync(draftId, sectionId, c => _content.PrepareAsync(study.StudyId, section, facts, feedback, currentText, c), ct),
            QualityStep(draftId, study.StudyId, current.Order, section),
            StoreStep(draftId, VersionReason.Regenerated, feedback, actor));
        await foreach (var sequenced in RunAsync(draft, [job], actor, cancellationToken))
        {
            yield return sequenced;
        }
    }

    private async IAsyncEnumerable<SequencedDraftEvent> RunAsync(
        DraftRecord draft,
        IReadOnlyList<SectionJob> jobs,
        string actor,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var draftId = draft.DraftId;
        var unfinished = new HashSet<string>(jobs.Select(j => j.SectionId), StringComparer.Ordinal);
        IAsyncEnumerator<DraftEvent>? events = null;
        try
        {
            // Failures before the first event (unknown provider, store down) reach the caller as exceptions.
            var chain = _providers.ResolveChain(draft.Provider, draft.Model);
            var counter = await _eventLog.CounterAsync(draftId, cancellationToken);
            events = _engine.RunAsync(draftId, jobs, chain, cancellationToken).GetAsyncEnumerator(cancellationToken);
            _metrics?.RunStarted();
            Exception? failure = null;
            while (true)
            {
                SequencedDraftEvent next;
                try
                {
                    if (!await events.MoveNextAsync())
                    {
                        break;
                    }

                    next = Sequence(counter, await PersistAsync(draftId, events.Current, actor, unfinished));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    failure = ex;
                    break;
                }

                yield return next;
            }

            if (failure is not null)
            {
                // Later failures (the store, say) end the stream with an error event; the sections left are marked failed,
                // once every section task has stopped: one still starting would mark itself generating after this mark.
                LogRunFailed(draftId, failure);
                await events.DisposeAsync();
                events = null;
                await MarkAsync(draftId, unfinished, SectionStatus.Failed, "Drafting stopped by an internal error.");
                unfinished.Clear();
                yield return Sequence(counter, new DraftFailed($"Drafting stopped: {failure.Message}"));
            }
        }
        finally
        {
            if (events is not null)
            {
                await events.DisposeAsync();
            }

            foreach (var sectionId in unfinished)
            {
                _active.TryRemove((draftId, sectionId), out _);
            }

            // Cancelled (or the consumer stopped): what was being drafted is interrupted and can be regenerated.
            await MarkAsync(draftId, unfinished, SectionStatus.Interrupted, "Drafting was stopped.");
            await _eventLog.FlushAsync(draftId);
        }
    }

    private SequencedDraftEvent Sequence(DraftEventLog.Counter counter, DraftEvent draftEvent)
    {
        var json = DraftEventJson.Serialize(draftEvent);
        return new SequencedDraftEvent(_eventLog.Append(counter, draftEvent.Name, json), draftEvent, json);
    }

    /// <summary>Stores what the event means for the section; returns the event to publish (with the stored version).</summary>
    private async Task<DraftEvent> PersistAsync(
        string draftId, DraftEvent draftEvent, string actor, HashSet<string> unfinished)
    {
        // Store writes are not cancelled halfway.
        switch (draftEvent)
        {
            case TokenDelta:
                _metrics?.Token();
                return draftEvent;
            case SectionCompleted completed:
                // Stored by the section's own task (StoreStep) before it was announced.
                Finish(draftId, completed.SectionId, unfinished);
                _metrics?.SectionFinished(completed: true);
                return completed;
            case SectionFailed { WillRetry: true }:
                _metrics?.Retry();
                return draftEvent;
            case DraftCompleted done:
                foreach (var milliseconds in done.SectionDurationsMs.Values)
                {
                    _metrics?.SectionDuration(TimeSpan.FromMilliseconds(milliseconds));
                }

                return draftEvent;
            case SectionStoreFailed storeFailed:
                ExceptionDispatchInfo.Throw(storeFailed.Error);
                return draftEvent;
            case SectionFailed { WillRetry: false } failed:
                await _drafts.SetSectionStatusAsync(draftId, failed.SectionId, SectionStatus.Failed, failed.Message, CancellationToken.None);
                await _drafts.AppendAuditAsync(draftId, actor, "section_failed", failed.SectionId, null, null, failed.Message, CancellationToken.None);
                Finish(draftId, failed.SectionId, unfinished);
                _metrics?.SectionFinished(completed: false);
                return draftEvent;
            default:
                return draftEvent;
        }
    }

    /// <summary>
    /// Computes and stores the quality of a section's current version and appends a <c>section_quality</c> event to the
    /// draft's event log (after a manual edit, say). Yields that one event, already stored; nothing when quality checks
    /// are not configured or fail (a warning is logged).
    /// </summary>
    public async IAsyncEnumerable<SequencedDraftEvent> EvaluateSectionQualityAsync(string draftId, string sectionId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var draft = await FindDraftAsync(draftId, cancellationToken);
        var section = draft.Sections.FirstOrDefault(s => s.SectionId == sectionId)
            ?? throw new NotFoundException($"Draft '{draftId}' has no section '{sectionId}'.");
        if (_quality is not { } quality || string.IsNullOrWhiteSpace(section.Content))
        {
            yield break;
        }

        var computed = await TryEvaluateAsync(draftId, section, ct => quality.EvaluateAndStoreSectionAsync(draft, section, ct), cancellationToken);
        if (computed is null)
        {
            yield break;
        }

        var counter = await _eventLog.CounterAsync(draftId, cancellationToken);
        var sequenced = Sequence(counter, computed);
        await _eventLog.FlushAsync(draftId);
        yield return sequenced;
    }

    /// <summary>What the engine runs after a section completed: its quality, as the event that follows the completion.</summary>
    private Func<SectionCompleted, CancellationToken, Task<DraftEvent?>>? QualityStep(string draftId, string studyId, int order, SectionTemplate template)
    {
        if (_quality is not { } quality)
        {
            return null;
        }

        return async (completed, ct) =>
        {
            var section = new DraftSection(
                completed.SectionId, template.Title, order, SectionStatus.Ready, completed.Content, completed.WordCount, completed.Citations, completed.Version);
            var elementIds = template.ElementIds.Count > 0 ? template.ElementIds : null;
            var computed = await GatedAsync(
                c => TryEvaluateAsync(
                    draftId,
                    section,
                    async c2 => new SectionQualityComputed(section.SectionId, section.Version, await quality.EvaluateSectionAsync(studyId, section, elementIds, overrides: null, c2)),
                    c),
                ct);
            if (computed is { Quality: SectionQuality result })
            {
                // Stored here, in the section's task, with the version the text was stored as.
                await SaveQualityAsync(draftId, result);
            }

            return computed;
        };
    }

    /// <summary>What the engine runs to store a completed section before announcing it: a new version of its text.</summary>
    private Func<SectionCompleted, CancellationToken, Task<DraftEvent>> StoreStep(string draftId, VersionReason reason, string? feedback, string actor) =>
        async (completed, _) =>
        {
            try
            {
                // Not cancelled halfway: a version is stored whole or not at all.
                var version = await _drafts.SaveSectionVersionAsync(
                    draftId, completed.SectionId, completed.Content, completed.Citations, SectionStatus.Ready, reason, actor, feedback,
                    author: completed.Author(), cancellationToken: CancellationToken.None);
                return completed with { Version = version };
            }
            catch (Exception ex)
            {
                return new SectionStoreFailed(completed.SectionId, ex);
            }
        };

    /// <summary>A completed section the store could not keep: the run stops with an error, as for any store failure. Never sent.</summary>
    private sealed record SectionStoreFailed(string SectionId, Exception Error) : DraftEvent("store_failed");

    /// <summary>
    /// What the engine runs first in a section's own task: marks the section generating, then prepares its prompt. Marking it
    /// here, not when its start is announced, keeps the two status writes of a section (generating, then ready with the new
    /// version) in one task and so in order. A section stopped before its mark is written is not marked: the run marks it.
    /// </summary>
    private async Task<SectionRequest> PrepareStepAsync(string draftId, string sectionId, Func<CancellationToken, Task<SectionRequest>> prepare, CancellationToken cancellationToken)
    {
        await _drafts.SetSectionStatusAsync(draftId, sectionId, SectionStatus.Generating, null, cancellationToken);
        return await GatedAsync(prepare, cancellationToken);
    }

    private async Task<T> GatedAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await _cpuWorkGate.WaitAsync(cancellationToken);
        try
        {
            // Off the caller's thread: that is the provider's stream, which must not wait for this work.
            return await Task.Run(() => work(cancellationToken), cancellationToken);
        }
        finally
        {
            _cpuWorkGate.Release();
        }
    }

    /// <summary>Quality never fails a section: a failure is logged (without any text) and the section goes without.</summary>
    private async Task<SectionQualityComputed?> TryEvaluateAsync(
        string draftId, DraftSection section, Func<CancellationToken, Task<SectionQualityComputed>> evaluate, CancellationToken cancellationToken)
    {
        try
        {
            return await evaluate(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            LogQualityFailed(draftId, section.SectionId, section.Version, ex.GetType().Name);
            LogQualityFailedDetail(ex);
            return null;
        }
    }

    private async Task SaveQualityAsync(string draftId, SectionQuality quality)
    {
        try
        {
            await _drafts.SaveQualityAsync(draftId, quality.SectionId, quality.Version, QualityJson.Serialize(quality), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The event still goes out: the results are only missing from storage.
            LogQualityFailed(draftId, quality.SectionId, quality.Version, ex.GetType().Name);
            LogQualityFailedDetail(ex);
        }
    }

    private void Finish(string draftId, string sectionId, HashSet<string> unfinished)
    {
        unfinished.Remove(sectionId);
        _active.TryRemove((draftId, sectionId), out _);
    }

    private async Task MarkAsync(string draftId, IEnumerable<string> sectionIds, SectionStatus status, string message)
    {
        foreach (var sectionId in sectionIds)
        {
            try
            {
                await _drafts.SetSectionStatusAsync(draftId, sectionId, status, message, CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogMarkFailed(draftId, sectionId, status, ex);
            }
        }
    }

    private async Task RecordProfileVersionAsync(string draftId, FactSheet facts, CancellationToken cancellationToken)
    {
        if (facts.Profile is { } profile)
        {
            await _drafts.SetProfileVersionAsync(draftId, profile.Version, cancellationToken);
        }
    }

    private async Task<DraftRecord> FindDraftAsync(string draftId, CancellationToken cancellationToken) =>
        await _drafts.FindDraftAsync(draftId, cancellationToken) ?? throw new NotFoundException($"No draft '{draftId}'.");

    private async Task<StudyRecord> FindStudyAsync(string studyId, CancellationToken cancellationToken) =>
        await _studies.FindStudyAsync(studyId, cancellationToken) ?? throw new NotFoundException($"No study '{studyId}'.");

    private static SectionTemplate SectionTemplateOf(DocumentTemplate template, string sectionId) =>
        template.Sections.FirstOrDefault(s => s.Id == sectionId)
        ?? throw new InvalidStateException($"The draft's template '{template.Id}' no longer has a section '{sectionId}'.");

    public async ValueTask DisposeAsync()
    {
        await _eventLog.DisposeAsync();
        _cpuWorkGate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Draft {DraftId} created for study {StudyId} with {Provider}, {SectionCount} sections")]
    private partial void LogDraftCreated(string draftId, string studyId, string provider, int sectionCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Marking section {SectionId} of draft {DraftId} {Status} failed")]
    private partial void LogMarkFailed(string draftId, string sectionId, SectionStatus status, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quality checks of section {SectionId} v{Version} of draft {DraftId} failed ({ExceptionType})")]
    private partial void LogQualityFailed(string draftId, string sectionId, int version, string exceptionType);

    // The exception's message may quote the section's text: Debug only.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Quality check failure detail")]
    private partial void LogQualityFailedDetail(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Drafting of {DraftId} stopped")]
    private partial void LogRunFailed(string draftId, Exception exception);
}
