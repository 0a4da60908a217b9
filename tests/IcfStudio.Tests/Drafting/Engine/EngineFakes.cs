using System.Runtime.CompilerServices;
using IcfStudio.Core;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Engine;
using IcfStudio.Core.Drafting.Providers;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Profile;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IcfStudio.Tests.Drafting.Engine;

/// <summary>Builds engines, providers and jobs for the drafting tests.</summary>
internal static class EngineTestKit
{
    public static DraftingOptions FastOptions(int maxConcurrency = 8, int maxRetries = 2) => new()
    {
        MaxConcurrencyPerProvider = maxConcurrency,
        MaxRetries = maxRetries,
        RetryBaseDelayMs = 1,
        MaxRetryDelayMs = 50,
        IdleTimeoutMs = 10_000,
    };

    public static DraftEngine NewEngine(DraftingOptions options) =>
        new(Options.Create(options), TimeProvider.System, NullLogger<DraftEngine>.Instance);

    public static ChatProvider Provider(string name, IChatClient client, int maxConcurrency = 8) =>
        new(name, "test-model", client, new SemaphoreSlim(maxConcurrency, maxConcurrency), Offline: false);

    /// <summary>A job whose prompt names its section, so stubs and wire servers know which section they answer.</summary>
    public static SectionJob Job(string sectionId) =>
        new(sectionId, $"Title of {sectionId}", 1, _ => Task.FromResult(Request(sectionId)));

    public static SectionRequest Request(string sectionId) => new(
        [new ChatMessage(ChatRole.User, $"Write the section. [[section:{sectionId}]]")],
        new ChatOptions(),
        text => text.Contains("[P1]", StringComparison.Ordinal) ? [new Citation("P1", 11, 3, 3, "Risks")] : []);

    public static string SectionOf(IEnumerable<ChatMessage> messages)
    {
        var text = string.Concat(messages.Select(m => m.Text));
        var start = text.IndexOf("[[section:", StringComparison.Ordinal) + "[[section:".Length;
        return text[start..text.IndexOf("]]", start, StringComparison.Ordinal)];
    }

    public static async Task<List<DraftEvent>> CollectAsync(IAsyncEnumerable<DraftEvent> events)
    {
        var list = new List<DraftEvent>();
        await foreach (var e in events)
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>The text a consumer shows for a section: the tokens after its last start.</summary>
    public static string ShownText(IReadOnlyList<DraftEvent> events, string sectionId)
    {
        var lastStart = events.ToList().FindLastIndex(e => e is SectionStarted s && s.SectionId == sectionId);
        return string.Concat(events.Skip(lastStart).OfType<TokenDelta>().Where(t => t.SectionId == sectionId).Select(t => t.Content));
    }
}

/// <summary>Streams each section's words at a fixed pace; counts the streams running now and at most.</summary>
internal sealed class PacedChatClient(int wordsPerSection, TimeSpan delayPerWord) : IChatClient
{
    private int _running;
    private int _maxRunning;

    public int Running => Volatile.Read(ref _running);

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public static string TextOf(string sectionId, int words) =>
        string.Concat(Enumerable.Range(0, words).Select(i => $"{sectionId}{i} "));

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sectionId = EngineTestKit.SectionOf(messages);
        var now = Interlocked.Increment(ref _running);
        InterlockedMax(ref _maxRunning, now);
        try
        {
            for (var i = 0; i < wordsPerSection || wordsPerSection < 0; i++)
            {
                await Task.Delay(delayPerWord, cancellationToken);
                yield return new ChatResponseUpdate(ChatRole.Assistant, $"{sectionId}{i} ");
            }
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

/// <summary>Answers every prompt with the same text, word by word, then a finish reason.</summary>
internal sealed class FixedTextChatClient(string text) : IChatClient
{
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var word in text.Split(' ').Select((w, i) => i == 0 ? w : " " + w))
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, word);
        }

        yield return new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop };
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

/// <summary>Streams a fixed text per section; optionally fails the first attempts of chosen sections midway.</summary>
internal sealed class ScriptedChatClient(Func<string, int, string?> failOnAttempt) : IChatClient
{
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public List<(IList<ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

    public static string TextOf(string sectionId) => $"Text of {sectionId} with a source [P1] and more words.";

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var sectionId = EngineTestKit.SectionOf(list);
        int attempt;
        lock (_attempts)
        {
            Calls.Add((list, options));
            attempt = _attempts[sectionId] = _attempts.GetValueOrDefault(sectionId) + 1;
        }

        var failure = failOnAttempt(sectionId, attempt);
        var words = TextOf(sectionId).Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            await Task.Yield();
            if (failure is not null && i == 2)
            {
                throw new IOException(failure);
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, i == 0 ? words[i] : " " + words[i]);
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

/// <summary>The content pipeline with a two-section template; records what each section was prepared with.</summary>
internal sealed class FakeDraftContent : IDraftContent
{
    public static DocumentTemplate Template { get; } = new()
    {
        Id = "test-template",
        Name = "Test",
        Sections =
        [
            new SectionTemplate { Id = "summary", Title = "Study Summary", Order = 1 },
            new SectionTemplate { Id = "risks", Title = "Risks and Discomforts", Order = 2 },
        ],
    };

    public List<(string SectionId, string? Feedback, string? CurrentText)> Prepared { get; } = [];

    public DocumentTemplate LoadTemplate(string? templateIdOrPath) =>
        templateIdOrPath is null or "test-template" ? Template : throw new BadInputException("unknown_template", "no such template");

    /// <summary>The profile handed to the sections (its version is recorded with the draft); null: none.</summary>
    public StudyProfile? Profile { get; set; }

    public Task<FactSheet> BuildFactsAsync(StudyRecord study, CancellationToken cancellationToken) =>
        Task.FromResult(new FactSheet(study.Metadata, study.Facts, Profile));

    /// <summary>The most preparations that ran at the same time.</summary>
    public int MaxConcurrentPrepares { get; private set; }

    /// <summary>How long each preparation takes (retrieval, on a real store).</summary>
    public TimeSpan PrepareTime { get; set; }

    private int _preparing;

    public async Task<SectionRequest> PrepareAsync(string studyId, SectionTemplate section, FactSheet facts, string? feedback, string? currentText, CancellationToken cancellationToken)
    {
        lock (Prepared)
        {
            Prepared.Add((section.Id, feedback, currentText));
            MaxConcurrentPrepares = Math.Max(MaxConcurrentPrepares, ++_preparing);
        }

        try
        {
            if (PrepareTime > TimeSpan.Zero)
            {
                await Task.Delay(PrepareTime, cancellationToken);
            }

            return EngineTestKit.Request(section.Id);
        }
        finally
        {
            lock (Prepared)
            {
                _preparing--;
            }
        }
    }
}

internal sealed class FakeStudyStore : IStudyStore
{
    public const string StudyId = "CARDIO-0000test";

    private readonly StudyRecord _study = new(StudyId, StudyMetadata.Empty, [], 0, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    public Task<StudyRecord?> FindStudyAsync(string studyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(studyId == StudyId ? _study : null);

    public Task<IReadOnlyList<StudyRecord>> ListStudiesAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<StudyRecord>>([_study]);

    public Task<(string StudyId, DocumentRecord Document)?> FindDocumentByHashAsync(string? studyId, string sha256, CancellationToken cancellationToken = default) =>
        Task.FromResult<(string, DocumentRecord)?>(null);

    public Task<DocumentRecord> AddDocumentAsync(NewDocument document, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<StudyRecord> UpdateMetadataAsync(string studyId, StudyMetadata metadata, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteStudyAsync(string studyId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<StoredPage?> GetPageAsync(string studyId, int pageNumber, string? documentId = null, CancellationToken cancellationToken = default) => Task.FromResult<StoredPage?>(null);

    public Task<IReadOnlyList<StoredPage>> GetPagesAsync(string studyId, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<StoredPage>>([]);

    public Task<IReadOnlyList<ChunkHit>> GetChunksAsync(string studyId, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<ChunkHit>>([]);

    public Task<IReadOnlyList<ChunkHit>> SearchAsync(string studyId, string query, int k, IReadOnlyList<string>? sectionPathPrefixes = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ChunkHit>>([]);
}

/// <summary>An in-memory draft store that keeps every version, event and audit entry.</summary>
internal sealed class FakeDraftStore : IDraftStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, DraftRecord> _drafts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StoredDraftEvent>> _events = new(StringComparer.Ordinal);
    private readonly List<SectionVersion> _versions = [];

    public List<(string DraftId, string Action, string? SectionId, string? Detail)> Audit { get; } = [];

    public List<int> AppendBatchSizes { get; } = [];

    /// <summary>When set, storing a section version fails, as a full disk would.</summary>
    public bool FailVersionSaves { get; set; }

    public Task CreateDraftAsync(DraftRecord draft, string actor, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _drafts.Add(draft.DraftId, draft);
        }

        return Task.CompletedTask;
    }

    public Task<DraftRecord?> FindDraftAsync(string draftId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_drafts.GetValueOrDefault(draftId));
        }
    }

    public Task SetProfileVersionAsync(string draftId, int profileVersion, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _drafts[draftId] = _drafts[draftId] with { ProfileVersion = profileVersion };
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DraftRecord>> ListDraftsAsync(string? studyId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DraftRecord>>(_drafts.Values.Where(d => studyId is null || d.StudyId == studyId).ToList());
        }
    }

    /// <summary>Awaited before a section's status is written (with the caller's token): a slow write, for one section.</summary>
    public Func<string, SectionStatus, CancellationToken, Task>? BeforeStatusWrite { get; set; }

    /// <summary>Called once a section's status is written.</summary>
    public Action<string, SectionStatus>? StatusWritten { get; set; }

    public async Task SetSectionStatusAsync(string draftId, string sectionId, SectionStatus status, string? error = null, CancellationToken cancellationToken = default)
    {
        if (BeforeStatusWrite is { } wait)
        {
            await wait(sectionId, status, cancellationToken);
        }

        Update(draftId, sectionId, s => s with { Status = status, Error = error });
        StatusWritten?.Invoke(sectionId, status);
    }

    /// <summary>Awaited before a version of the section is stored: a slow disk, for one section.</summary>
    public Func<string, Task>? BeforeVersionSave { get; set; }

    public async Task<int> SaveSectionVersionAsync(
        string draftId, string sectionId, string content, IReadOnlyList<Citation> citations, SectionStatus status, VersionReason reason, string actor,
        string? feedback = null, int? expectedVersion = null, string? author = null, CancellationToken cancellationToken = default)
    {
        if (BeforeVersionSave is { } wait)
        {
            await wait(sectionId);
        }

        return SaveSectionVersion(draftId, sectionId, content, citations, status, reason, actor, feedback, expectedVersion, author);
    }

    private int SaveSectionVersion(
        string draftId, string sectionId, string content, IReadOnlyList<Citation> citations, SectionStatus status, VersionReason reason, string actor,
        string? feedback, int? expectedVersion, string? author)
    {
        if (FailVersionSaves)
        {
            throw new IOException("disk full");
        }

        lock (_gate)
        {
            var current = _drafts[draftId].Sections.Single(s => s.SectionId == sectionId);
            if (expectedVersion is { } expected && expected != current.Version)
            {
                throw new VersionConflictException("stale", current.Version);
            }

            var version = current.Version + 1;
            Update(draftId, sectionId, s => s with { Status = status, Content = content, Citations = citations, Version = version, WordCount = WordCounter.Count(content), Error = null });
            _versions.Add(new SectionVersion(sectionId, version, content, citations, reason, actor, DateTimeOffset.UnixEpoch, feedback, status, author));
            Audit.Add((draftId, reason.ToString(), sectionId, feedback));
            return version;
        }
    }

    public Task<IReadOnlyList<SectionVersion>> GetSectionVersionsAsync(string draftId, string sectionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SectionVersion>>(_versions.Where(v => v.SectionId == sectionId).ToList());
        }
    }

    public Task AppendEventsAsync(string draftId, IReadOnlyList<StoredDraftEvent> events, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var log = _events.TryGetValue(draftId, out var existing) ? existing : _events[draftId] = [];
            foreach (var e in events)
            {
                var expected = (log.Count == 0 ? 0 : log[^1].Sequence) + 1;
                if (e.Sequence != expected)
                {
                    throw new InvalidOperationException($"event {e.Sequence} appended after {expected - 1}");
                }

                log.Add(e);
            }

            AppendBatchSizes.Add(events.Count);
        }

        return Task.CompletedTask;
    }

    /// <summary>Appends several drafts' events all or nothing, as one transaction of the SQLite store would.</summary>
    public async Task AppendEventsAsync(IReadOnlyList<DraftEventBatch> batches, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var batch in batches)
            {
                if (batch.DraftId == RefuseEventsOf)
                {
                    throw new InvalidOperationException($"events of {batch.DraftId} refused");
                }

                var last = _events.TryGetValue(batch.DraftId, out var log) && log.Count > 0 ? log[^1].Sequence : 0;
                if (batch.Events.Select((e, i) => e.Sequence != last + i + 1).Any(wrong => wrong))
                {
                    throw new InvalidOperationException($"events of {batch.DraftId} out of sequence");
                }
            }
        }

        foreach (var batch in batches)
        {
            await AppendEventsAsync(batch.DraftId, batch.Events, cancellationToken);
        }
    }

    /// <summary>A draft whose events the store refuses (as if it were deleted while drafting).</summary>
    public string? RefuseEventsOf { get; set; }

    public Task<long> GetLastEventSequenceAsync(string draftId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_events.TryGetValue(draftId, out var log) && log.Count > 0 ? log[^1].Sequence : 0L);
        }
    }

    public Task<IReadOnlyList<StoredDraftEvent>> ReadEventsAsync(string draftId, long afterSequence, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StoredDraftEvent>>(
                _events.TryGetValue(draftId, out var log) ? log.Where(e => e.Sequence > afterSequence).ToList() : []);
        }
    }

    public Task AppendAuditAsync(string draftId, string actor, string action, string? sectionId, int? version, string? content, string? detail, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Audit.Add((draftId, action, sectionId, detail));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string draftId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<int> MarkUnfinishedSectionsInterruptedAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task SaveQualityAsync(string draftId, string sectionId, int version, string qualityJson, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyDictionary<string, string>> GetQualityAsync(string draftId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    public void SetStatus(string draftId, string sectionId, SectionStatus status) => Update(draftId, sectionId, s => s with { Status = status });

    private void Update(string draftId, string sectionId, Func<DraftSection, DraftSection> change)
    {
        lock (_gate)
        {
            var draft = _drafts[draftId];
            _drafts[draftId] = draft with { Sections = draft.Sections.Select(s => s.SectionId == sectionId ? change(s) : s).ToList() };
        }
    }
}
