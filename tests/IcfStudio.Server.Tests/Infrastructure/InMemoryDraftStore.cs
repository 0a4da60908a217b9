using System.Security.Cryptography;
using System.Text;
using IcfStudio.Core;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Storage;

namespace IcfStudio.Server.Tests.Infrastructure;

/// <summary>
/// A hand-written in-memory draft store for the stream tests, which drive the hub with their own event sources.
/// <see cref="HoldEventsAfter"/> delays persistence, as the engine's batched event log does.
/// </summary>
internal sealed class InMemoryDraftStore(TimeProvider time) : IDraftStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DraftRecord> _drafts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StoredDraftEvent>> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), List<SectionVersion>> _versions = [];
    private readonly List<AuditEntry> _audit = [];

    public Task CreateDraftAsync(DraftRecord draft, string actor, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _drafts[draft.DraftId] = draft;
            _events[draft.DraftId] = [];
        }

        return AppendAuditAsync(draft.DraftId, actor, "draft_created", null, null, null, null, cancellationToken);
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
            return Task.FromResult<IReadOnlyList<DraftRecord>>([.. _drafts.Values.Where(d => studyId is null || d.StudyId == studyId).OrderByDescending(d => d.CreatedAt)]);
        }
    }

    public Task SetSectionStatusAsync(string draftId, string sectionId, SectionStatus status, string? error = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            UpdateSection(draftId, sectionId, s => s with { Status = status, Error = error });
        }

        return Task.CompletedTask;
    }

    public Task<int> SaveSectionVersionAsync(
        string draftId, string sectionId, string content, IReadOnlyList<Citation> citations, SectionStatus status, VersionReason reason,
        string actor, string? feedback = null, int? expectedVersion = null, string? author = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var section = _drafts[draftId].Sections.Single(s => s.SectionId == sectionId);
            if (expectedVersion is { } expected && expected != section.Version)
            {
                throw new VersionConflictException($"Section '{sectionId}' is at version {section.Version}, not {expected}.", section.Version);
            }

            var version = section.Version + 1;
            UpdateSection(draftId, sectionId, s => s with
            {
                Content = content,
                Citations = citations,
                Status = status,
                Version = version,
                WordCount = WordCounter.Count(content),
            });
            if (!_versions.TryGetValue((draftId, sectionId), out var list))
            {
                list = [];
                _versions[(draftId, sectionId)] = list;
            }

            list.Add(new SectionVersion(sectionId, version, content, citations, reason, actor, time.GetUtcNow(), feedback, status, author));
            AddAudit(draftId, actor, reason.ToString().ToLowerInvariant(), sectionId, version, content, feedback);
            return Task.FromResult(version);
        }
    }

    public Task<IReadOnlyList<SectionVersion>> GetSectionVersionsAsync(string draftId, string sectionId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SectionVersion>>([.. _versions.GetValueOrDefault((draftId, sectionId)) ?? []]);
        }
    }

    public Task AppendEventsAsync(string draftId, IReadOnlyList<StoredDraftEvent> events, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var list = _events[draftId];
            foreach (var stored in events)
            {
                if (stored.Sequence != (list.Count == 0 ? 1 : list[^1].Sequence + 1))
                {
                    throw new InvalidOperationException($"Event {stored.Sequence} appended out of order.");
                }

                list.Add(stored);
            }
        }

        return Task.CompletedTask;
    }

    public Task<long> GetLastEventSequenceAsync(string draftId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_events.TryGetValue(draftId, out var list) && list.Count > 0 ? list[^1].Sequence : 0L);
        }
    }

    public Task<IReadOnlyList<StoredDraftEvent>> ReadEventsAsync(string draftId, long afterSequence, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<StoredDraftEvent>>([.. (_events.GetValueOrDefault(draftId) ?? []).Where(e => e.Sequence > afterSequence)]);
        }
    }

    public Task AppendAuditAsync(string draftId, string actor, string action, string? sectionId, int? version, string? content, string? detail, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            AddAudit(draftId, actor, action, sectionId, version, content, detail);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string draftId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<AuditEntry>>([.. _audit.Where(a => a.DraftId == draftId)]);
        }
    }

    public Task<int> MarkUnfinishedSectionsInterruptedAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var count = 0;
            foreach (var draft in _drafts.Values.ToList())
            {
                foreach (var section in draft.Sections.Where(s => s.Status is SectionStatus.Generating or SectionStatus.Pending))
                {
                    UpdateSection(draft.DraftId, section.SectionId, s => s with { Status = SectionStatus.Interrupted });
                    count++;
                }
            }

            return Task.FromResult(count);
        }
    }

    public Task SaveQualityAsync(string draftId, string sectionId, int version, string qualityJson, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyDictionary<string, string>> GetQualityAsync(string draftId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    private void UpdateSection(string draftId, string sectionId, Func<DraftSection, DraftSection> change)
    {
        var draft = _drafts[draftId];
        _drafts[draftId] = draft with
        {
            Sections = [.. draft.Sections.Select(s => s.SectionId == sectionId ? change(s) : s)],
            UpdatedAt = time.GetUtcNow(),
        };
    }

    private void AddAudit(string draftId, string actor, string action, string? sectionId, int? version, string? content, string? detail) =>
        _audit.Add(new AuditEntry(
            _audit.Count + 1, draftId, time.GetUtcNow(), actor, action, sectionId, version,
            content is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))), detail));
}
