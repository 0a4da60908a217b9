using System.Security.Cryptography;
using System.Text;
using IcfStudio.Core.Drafting;
using Microsoft.Data.Sqlite;

namespace IcfStudio.Core.Storage;

/// <summary>The SQLite <see cref="IDraftStore"/>: drafts, section versions, the replayable event log and the append-only audit log.</summary>
internal sealed class SqliteDraftStore(SqliteDatabase database, TimeProvider timeProvider) : IDraftStore
{
    private const string SystemActor = "system";

    public Task CreateDraftAsync(DraftRecord draft, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return database.WriteAsync(
            (connection, transaction, _) =>
            {
                if (Sql.Scalar(connection, transaction, "SELECT 1 FROM studies WHERE id = $id", ("$id", draft.StudyId)) is null)
                {
                    throw new NotFoundException($"Study {draft.StudyId} not found.");
                }

                var now = StorageJson.FormatTime(timeProvider.GetUtcNow());
                Sql.Execute(
                    connection,
                    transaction,
                    """
                    INSERT INTO drafts (id, study_id, provider, model, template, offline, created_at, updated_at)
                    VALUES ($id, $study, $provider, $model, $template, $offline, $created, $now)
                    """,
                    ("$id", draft.DraftId),
                    ("$study", draft.StudyId),
                    ("$provider", draft.Provider),
                    ("$model", draft.Model),
                    ("$template", draft.Template),
                    ("$offline", draft.Offline),
                    ("$created", StorageJson.FormatTime(draft.CreatedAt)),
                    ("$now", now));

                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO draft_sections (draft_id, section_id, title, ordinal, status, version, content, word_count, citations_json, error)
                    VALUES ($draft, $section, $title, $ordinal, $status, 0, '', 0, '[]', NULL)
                    """;
                insert.Parameters.AddWithValue("$draft", draft.DraftId);
                insert.Parameters.AddWithValue("$status", StatusText(SectionStatus.Pending));
                var section = insert.Parameters.Add("$section", SqliteType.Text);
                var title = insert.Parameters.Add("$title", SqliteType.Text);
                var ordinal = insert.Parameters.Add("$ordinal", SqliteType.Integer);
                foreach (var s in draft.Sections)
                {
                    section.Value = s.SectionId;
                    title.Value = s.Title;
                    ordinal.Value = s.Order;
                    insert.ExecuteNonQuery();
                }

                InsertAudit(connection, transaction, draft.DraftId, actor, "draft_created", null, null, null, $"template={draft.Template}; provider={draft.Provider}");
                return Task.CompletedTask;
            },
            cancellationToken);
    }

    public Task<DraftRecord?> FindDraftAsync(string draftId, CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, _) => Task.FromResult(ReadDrafts(connection, draftId, null).FirstOrDefault()), cancellationToken);

    public Task<IReadOnlyList<DraftRecord>> ListDraftsAsync(string? studyId, CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, _) => Task.FromResult<IReadOnlyList<DraftRecord>>(ReadDrafts(connection, null, studyId)), cancellationToken);

    public Task SetSectionStatusAsync(string draftId, string sectionId, SectionStatus status, string? error = null, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            (connection, transaction, _) =>
            {
                var changed = Sql.Execute(
                    connection,
                    transaction,
                    "UPDATE draft_sections SET status = $status, error = $error WHERE draft_id = $draft AND section_id = $section",
                    ("$status", StatusText(status)),
                    ("$error", error),
                    ("$draft", draftId),
                    ("$section", sectionId));
                if (changed == 0)
                {
                    throw new NotFoundException($"Section {sectionId} of draft {draftId} not found.");
                }

                TouchDraft(connection, transaction, draftId);
                return Task.CompletedTask;
            },
            cancellationToken);

    public Task<int> SaveSectionVersionAsync(
        string draftId,
        string sectionId,
        string content,
        IReadOnlyList<Citation> citations,
        SectionStatus status,
        VersionReason reason,
        string actor,
        string? feedback = null,
        int? expectedVersion = null,
        string? author = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(citations);
        return database.WriteAsync(
            (connection, transaction, _) =>
            {
                var current = Sql.Scalar(
                    connection,
                    transaction,
                    "SELECT version FROM draft_sections WHERE draft_id = $draft AND section_id = $section",
                    ("$draft", draftId),
                    ("$section", sectionId)) is long found
                    ? (int)found
                    : throw new NotFoundException($"Section {sectionId} of draft {draftId} not found.");
                if (expectedVersion is { } expected && expected != current)
                {
                    throw new VersionConflictException($"Section {sectionId} is at version {current}, not {expected}.", current);
                }

                var version = current + 1;
                var citationsJson = StorageJson.Serialize(citations);
                var now = timeProvider.GetUtcNow();
                Sql.Execute(
                    connection,
                    transaction,
                    """
                    UPDATE draft_sections SET status = $status, version = $version, content = $content, word_count = $words,
                        citations_json = $citations, error = NULL
                    WHERE draft_id = $draft AND section_id = $section
                    """,
                    ("$status", StatusText(status)),
                    ("$version", version),
                    ("$content", content),
                    ("$words", WordCounter.Count(content)),
                    ("$citations", citationsJson),
                    ("$draft", draftId),
                    ("$section", sectionId));
                Sql.Execute(
                    connection,
                    transaction,
                    """
                    INSERT INTO section_versions (draft_id, section_id, version, content, citations_json, reason, actor, at, feedback, status, author)
                    VALUES ($draft, $section, $version, $content, $citations, $reason, $actor, $at, $feedback, $status, $author)
                    """,
                    ("$draft", draftId),
                    ("$section", sectionId),
                    ("$version", version),
                    ("$content", content),
                    ("$citations", citationsJson),
                    ("$reason", ReasonText(reason)),
                    ("$actor", actor),
                    ("$at", StorageJson.FormatTime(now)),
                    ("$feedback", feedback),
                    ("$status", StatusText(status)),
                    ("$author", author));
                InsertAudit(connection, transaction, draftId, actor, ReasonText(reason), sectionId, version, content, feedback);
                TouchDraft(connection, transaction, draftId);
                return Task.FromResult(version);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<SectionVersion>> GetSectionVersionsAsync(string draftId, string sectionId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            (connection, _) =>
            {
                using var command = Sql.Command(
                    connection,
                    null,
                    """
                    SELECT version, content, citations_json, reason, actor, at, feedback, status, author FROM section_versions
                    WHERE draft_id = $draft AND section_id = $section ORDER BY version
                    """,
                    ("$draft", draftId),
                    ("$section", sectionId));
                using var reader = command.ExecuteReader();
                var versions = new List<SectionVersion>();
                while (reader.Read())
                {
                    versions.Add(new SectionVersion(
                        sectionId,
                        reader.GetInt32(0),
                        reader.GetString(1),
                        StorageJson.Deserialize<List<Citation>>(reader.GetString(2)),
                        Enum.Parse<VersionReason>(reader.GetString(3), ignoreCase: true),
                        reader.GetString(4),
                        StorageJson.ParseTime(reader.GetString(5)),
                        reader.IsDBNull(6) ? null : reader.GetString(6),
                        Enum.Parse<SectionStatus>(reader.GetString(7), ignoreCase: true),
                        reader.IsDBNull(8) ? null : reader.GetString(8)));
                }

                return Task.FromResult<IReadOnlyList<SectionVersion>>(versions);
            },
            cancellationToken);

    public Task AppendEventsAsync(string draftId, IReadOnlyList<StoredDraftEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        return AppendEventsAsync([new DraftEventBatch(draftId, events)], cancellationToken);
    }

    public Task AppendEventsAsync(IReadOnlyList<DraftEventBatch> batches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.All(b => b.Events.Count == 0))
        {
            return Task.CompletedTask;
        }

        return database.WriteAsync(
            (connection, transaction, _) =>
            {
                using var last = connection.CreateCommand();
                last.Transaction = transaction;
                last.CommandText = "SELECT COALESCE(MAX(sequence), 0) FROM draft_events WHERE draft_id = $draft";
                var lastDraft = last.Parameters.Add("$draft", SqliteType.Text);
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO draft_events (draft_id, sequence, name, data_json) VALUES ($draft, $sequence, $name, $data)";
                var draft = insert.Parameters.Add("$draft", SqliteType.Text);
                var sequence = insert.Parameters.Add("$sequence", SqliteType.Integer);
                var name = insert.Parameters.Add("$name", SqliteType.Text);
                var data = insert.Parameters.Add("$data", SqliteType.Text);
                foreach (var batch in batches)
                {
                    // Sequences are SSE ids: a repeat or a step back would make a resuming client see events twice or out of order.
                    // A gap (a batch lost to an earlier failure) is stored as is: refusing it would lose every later event too.
                    lastDraft.Value = batch.DraftId;
                    var previous = (long)last.ExecuteScalar()!;
                    foreach (var e in batch.Events)
                    {
                        if (e.Sequence <= previous)
                        {
                            throw new InvalidStateException($"Event sequence {e.Sequence} of draft {batch.DraftId} does not follow {previous}.");
                        }

                        previous = e.Sequence;
                    }

                    draft.Value = batch.DraftId;
                    foreach (var e in batch.Events)
                    {
                        sequence.Value = e.Sequence;
                        name.Value = e.Name;
                        data.Value = e.DataJson;
                        insert.ExecuteNonQuery();
                    }
                }

                return Task.CompletedTask;
            },
            cancellationToken);
    }

    public Task<long> GetLastEventSequenceAsync(string draftId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            (connection, _) => Task.FromResult((long)Sql.Scalar(connection, null, "SELECT COALESCE(MAX(sequence), 0) FROM draft_events WHERE draft_id = $draft", ("$draft", draftId))!),
            cancellationToken);

    public Task<IReadOnlyList<StoredDraftEvent>> ReadEventsAsync(string draftId, long afterSequence, CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            (connection, _) =>
            {
                using var command = Sql.Command(
                    connection,
                    null,
                    "SELECT sequence, name, data_json FROM draft_events WHERE draft_id = $draft AND sequence > $after ORDER BY sequence",
                    ("$draft", draftId),
                    ("$after", afterSequence));
                using var reader = command.ExecuteReader();
                var events = new List<StoredDraftEvent>();
                while (reader.Read())
                {
                    events.Add(new StoredDraftEvent(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
                }

                return Task.FromResult<IReadOnlyList<StoredDraftEvent>>(events);
            },
            cancellationToken);

    public Task AppendAuditAsync(string draftId, string actor, string action, string? sectionId, int? version, string? content, string? detail, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            (connection, transaction, _) =>
            {
                InsertAudit(connection, transaction, draftId, actor, action, sectionId, version, content, detail);
                return Task.CompletedTask;
            },
            cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string draftId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            (connection, _) =>
            {
                using var command = Sql.Command(
                    connection,
                    null,
                    "SELECT sequence, at, actor, action, section_id, version, content_sha256, detail FROM audit_log WHERE draft_id = $draft ORDER BY sequence",
                    ("$draft", draftId));
                using var reader = command.ExecuteReader();
                var entries = new List<AuditEntry>();
                while (reader.Read())
                {
                    entries.Add(new AuditEntry(
                        reader.GetInt64(0),
                        draftId,
                        StorageJson.ParseTime(reader.GetString(1)),
                        reader.GetString(2),
                        reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetInt32(5),
                        reader.IsDBNull(6) ? null : reader.GetString(6),
                        reader.IsDBNull(7) ? null : reader.GetString(7)));
                }

                return Task.FromResult<IReadOnlyList<AuditEntry>>(entries);
            },
            cancellationToken);

    public Task<int> MarkUnfinishedSectionsInterruptedAsync(CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            (connection, transaction, _) =>
            {
                var unfinished = new List<(string Draft, string Section, int Version)>();
                using (var select = Sql.Command(
                    connection,
                    transaction,
                    "SELECT draft_id, section_id, version FROM draft_sections WHERE status IN ($generating, $pending)",
                    ("$generating", StatusText(SectionStatus.Generating)),
                    ("$pending", StatusText(SectionStatus.Pending))))
                using (var reader = select.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        unfinished.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
                    }
                }

                foreach (var (draft, section, version) in unfinished)
                {
                    Sql.Execute(
                        connection,
                        transaction,
                        "UPDATE draft_sections SET status = $status WHERE draft_id = $draft AND section_id = $section",
                        ("$status", StatusText(SectionStatus.Interrupted)),
                        ("$draft", draft),
                        ("$section", section));
                    InsertAudit(connection, transaction, draft, SystemActor, "interrupted", section, version, null, "generation stopped by a restart");
                }

                return Task.FromResult(unfinished.Count);
            },
            cancellationToken);

    public Task SaveQualityAsync(string draftId, string sectionId, int version, string qualityJson, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            (connection, transaction, _) =>
            {
                Sql.Execute(
                    connection,
                    transaction,
                    "INSERT OR REPLACE INTO section_quality (draft_id, section_id, version, quality_json) VALUES ($draft, $section, $version, $json)",
                    ("$draft", draftId),
                    ("$section", sectionId),
                    ("$version", version),
                    ("$json", qualityJson));
                return Task.CompletedTask;
            },
            cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> GetQualityAsync(string draftId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            (connection, _) =>
            {
                using var command = Sql.Command(
                    connection,
                    null,
                    """
                    SELECT q.section_id, q.quality_json FROM section_quality q
                    WHERE q.draft_id = $draft
                      AND q.version = (SELECT MAX(version) FROM section_quality m WHERE m.draft_id = q.draft_id AND m.section_id = q.section_id)
                    """,
                    ("$draft", draftId));
                using var reader = command.ExecuteReader();
                var quality = new Dictionary<string, string>(StringComparer.Ordinal);
                while (reader.Read())
                {
                    quality[reader.GetString(0)] = reader.GetString(1);
                }

                return Task.FromResult<IReadOnlyDictionary<string, string>>(quality);
            },
            cancellationToken);

    private void InsertAudit(SqliteConnection connection, SqliteTransaction transaction, string draftId, string actor, string action, string? sectionId, int? version, string? content, string? detail) =>
        Sql.Execute(
            connection,
            transaction,
            """
            INSERT INTO audit_log (draft_id, at, actor, action, section_id, version, content_sha256, detail)
            VALUES ($draft, $at, $actor, $action, $section, $version, $sha, $detail)
            """,
            ("$draft", draftId),
            ("$at", StorageJson.FormatTime(timeProvider.GetUtcNow())),
            ("$actor", actor),
            ("$action", action),
            ("$section", sectionId),
            ("$version", version),
            ("$sha", content is null ? null : Sha256Hex(content)),
            ("$detail", detail));

    private void TouchDraft(SqliteConnection connection, SqliteTransaction transaction, string draftId) =>
        Sql.Execute(connection, transaction, "UPDATE drafts SET updated_at = $now WHERE id = $id", ("$id", draftId), ("$now", StorageJson.FormatTime(timeProvider.GetUtcNow())));

    internal static string Sha256Hex(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private static string StatusText(SectionStatus status) => status.ToString().ToLowerInvariant();

    public Task SetProfileVersionAsync(string draftId, int profileVersion, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            (connection, transaction, _) =>
            {
                Sql.Execute(connection, transaction, "UPDATE drafts SET profile_version = $version WHERE id = $id", ("$id", draftId), ("$version", profileVersion));
                return Task.CompletedTask;
            },
            cancellationToken);

    private static string ReasonText(VersionReason reason) => reason.ToString().ToLowerInvariant();

    private static List<DraftRecord> ReadDrafts(SqliteConnection connection, string? draftId, string? studyId)
    {
        var sections = new Dictionary<string, List<DraftSection>>(StringComparer.Ordinal);
        using (var command = Sql.Command(
            connection,
            null,
            """
            SELECT s.draft_id, s.section_id, s.title, s.ordinal, s.status, s.content, s.word_count, s.citations_json, s.version, s.error
            FROM draft_sections s JOIN drafts d ON d.id = s.draft_id
            WHERE ($draft IS NULL OR d.id = $draft) AND ($study IS NULL OR d.study_id = $study)
            ORDER BY s.draft_id, s.ordinal, s.section_id
            """,
            ("$draft", draftId),
            ("$study", studyId)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var owner = reader.GetString(0);
                if (!sections.TryGetValue(owner, out var list))
                {
                    sections[owner] = list = [];
                }

                list.Add(new DraftSection(
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetInt32(3),
                    Enum.Parse<SectionStatus>(reader.GetString(4), ignoreCase: true),
                    reader.GetString(5),
                    reader.GetInt32(6),
                    StorageJson.Deserialize<List<Citation>>(reader.GetString(7)),
                    reader.GetInt32(8),
                    reader.IsDBNull(9) ? null : reader.GetString(9)));
            }
        }

        using var drafts = Sql.Command(
            connection,
            null,
            """
            SELECT id, study_id, provider, model, template, created_at, updated_at, offline, profile_version FROM drafts
            WHERE ($draft IS NULL OR id = $draft) AND ($study IS NULL OR study_id = $study)
            ORDER BY created_at DESC, rowid DESC
            """,
            ("$draft", draftId),
            ("$study", studyId));
        using var draftReader = drafts.ExecuteReader();
        var result = new List<DraftRecord>();
        while (draftReader.Read())
        {
            var id = draftReader.GetString(0);
            result.Add(new DraftRecord(
                id,
                draftReader.GetString(1),
                draftReader.GetString(2),
                draftReader.IsDBNull(3) ? null : draftReader.GetString(3),
                draftReader.GetString(4),
                StorageJson.ParseTime(draftReader.GetString(5)),
                StorageJson.ParseTime(draftReader.GetString(6)),
                sections.TryGetValue(id, out var list) ? list : [],
                draftReader.GetInt64(7) != 0,
                draftReader.IsDBNull(8) ? null : draftReader.GetInt32(8)));
        }

        return result;
    }
}
