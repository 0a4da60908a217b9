using IcfStudio.Core.Drafting;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.AI;

namespace IcfStudio.Tests.Quality;

/// <summary>A chat client that answers every request with a fixed text and records the prompts it got.</summary>
internal sealed class FakeChatClient(string reply) : IChatClient
{
    public List<IReadOnlyList<ChatMessage>> Requests { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Requests.Add(messages.ToList());
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

/// <summary>An in-memory study store holding one study with its protocol pages (only what quality checks read).</summary>
internal sealed class FakeStudyStore(StudyRecord study, IReadOnlyList<string> pages) : IStudyStore
{
    public Task<StudyRecord?> FindStudyAsync(string studyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(studyId == study.StudyId ? study : null);

    public Task<IReadOnlyList<StoredPage>> GetPagesAsync(string studyId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredPage>>(pages.Select((text, i) => new StoredPage(studyId, "doc1", "protocol.pdf", i + 1, text)).ToList());

    public Task<IReadOnlyList<StudyRecord>> ListStudiesAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<(string StudyId, DocumentRecord Document)?> FindDocumentByHashAsync(string? studyId, string sha256, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<DocumentRecord> AddDocumentAsync(NewDocument document, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<StudyRecord> UpdateMetadataAsync(string studyId, StudyMetadata metadata, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteStudyAsync(string studyId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<StoredPage?> GetPageAsync(string studyId, int pageNumber, string? documentId = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<ChunkHit>> GetChunksAsync(string studyId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<ChunkHit>> SearchAsync(string studyId, string query, int k, IReadOnlyList<string>? sectionPathPrefixes = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}

/// <summary>A draft store that only records saved quality results.</summary>
internal sealed class RecordingDraftStore : IDraftStore
{
    public List<(string DraftId, string SectionId, int Version, string Json)> Saved { get; } = [];

    public Task SaveQualityAsync(string draftId, string sectionId, int version, string qualityJson, CancellationToken cancellationToken = default)
    {
        Saved.Add((draftId, sectionId, version, qualityJson));
        return Task.CompletedTask;
    }

    public Task CreateDraftAsync(DraftRecord draft, string actor, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<DraftRecord?> FindDraftAsync(string draftId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<DraftRecord>> ListDraftsAsync(string? studyId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task SetProfileVersionAsync(string draftId, int profileVersion, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task SetSectionStatusAsync(string draftId, string sectionId, SectionStatus status, string? error = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<int> SaveSectionVersionAsync(string draftId, string sectionId, string content, IReadOnlyList<Citation> citations, SectionStatus status, VersionReason reason, string actor, string? feedback = null, int? expectedVersion = null, string? author = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<IReadOnlyList<SectionVersion>> GetSectionVersionsAsync(string draftId, string sectionId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task AppendEventsAsync(string draftId, IReadOnlyList<StoredDraftEvent> events, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<long> GetLastEventSequenceAsync(string draftId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<StoredDraftEvent>> ReadEventsAsync(string draftId, long afterSequence, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task AppendAuditAsync(string draftId, string actor, string action, string? sectionId, int? version, string? content, string? detail, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string draftId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<int> MarkUnfinishedSectionsInterruptedAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<string, string>> GetQualityAsync(string draftId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
