using System.Collections.Concurrent;
using System.Text;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.ProtocolMap;
using Microsoft.Data.Sqlite;

namespace IcfStudio.Core.Storage;

/// <summary>The SQLite <see cref="IStudyStore"/>: studies, documents, pages and chunks with an FTS5 (BM25) index.</summary>
internal sealed class SqliteStudyStore(SqliteDatabase database, TimeProvider timeProvider) : IStudyStore
{
    // bm25 column weights: the chunk text, then its section path (a heading naming the query's subject is a strong signal).
    private const string SearchSelect = """
        SELECT c.id, c.document_id, c.text, c.section_path, c.page_start, c.page_end, bm25(chunks_fts, 1.0, 2.0) AS rank, c.role
        FROM chunks_fts JOIN chunks c ON c.id = chunks_fts.rowid
        WHERE chunks_fts MATCH $query AND c.study_id = $study
        """;

    private const string DocumentColumns = "id, file_name, format, page_count, chunk_count, sha256, added_at";

    public Task<StudyRecord?> FindStudyAsync(string studyId, CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, _) => Task.FromResult(ReadStudies(connection, studyId).FirstOrDefault()), cancellationToken);

    public Task<IReadOnlyList<StudyRecord>> ListStudiesAsync(CancellationToken cancellationToken = default) =>
        database.ReadAsync((connection, _) => Task.FromResult<IReadOnlyList<StudyRecord>>(ReadStudies(connection, null)), cancellationToken);

    public Task<(string StudyId, DocumentRecord Document)?> FindDocumentByHashAsync(string? studyId, string sha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        return database.ReadAsync(
            (connection, _) =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"""
                    SELECT study_id, {DocumentColumns} FROM documents
                    WHERE sha256 = $sha AND ($study IS NULL OR study_id = $study)
                    ORDER BY rowid LIMIT 1
                    """;
                command.Parameters.AddWithValue("$sha", sha256.ToLowerInvariant());
                command.Parameters.AddWithValue("$study", (object?)studyId ?? DBNull.Value);
                using var reader = command.ExecuteReader();
                (string, DocumentRecord)? found = reader.Read() ? (reader.GetString(0), ReadDocument(reader, 1)) : null;
                return Task.FromResult(found);
            },
            cancellationToken);
    }

    public Task<DocumentRecord> AddDocumentAsync(NewDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrWhiteSpace(document.StudyId);
        return database.WriteAsync(
            (connection, transaction, ct) =>
            {
                var now = timeProvider.GetUtcNow();
                var nowText = StorageJson.FormatTime(now);
                var sha = document.Sha256.ToLowerInvariant();
                var parsed = document.Document;

                if (Sql.Scalar(connection, transaction, "SELECT 1 FROM documents WHERE study_id = $study AND sha256 = $sha", ("$study", document.StudyId), ("$sha", sha)) is not null)
                {
                    throw new InvalidStateException($"{parsed.FileName} (SHA-256 {sha}) is already in study {document.StudyId}.");
                }

                var studyExists = Sql.Scalar(connection, transaction, "SELECT 1 FROM studies WHERE id = $study", ("$study", document.StudyId)) is not null;
                if (!studyExists)
                {
                    Sql.Execute(
                        connection,
                        transaction,
                        "INSERT INTO studies (id, metadata_json, facts_json, created_at, updated_at) VALUES ($id, $metadata, $facts, $now, $now)",
                        ("$id", document.StudyId),
                        ("$metadata", StorageJson.Serialize(document.Metadata)),
                        ("$facts", parsed.Facts is null ? null : StorageJson.Serialize(parsed.Facts)),
                        ("$now", nowText));
                }
                else
                {
                    // An added document (an amendment, a USDM file) brings structured facts the study may not have had yet.
                    Sql.Execute(
                        connection,
                        transaction,
                        "UPDATE studies SET updated_at = $now, facts_json = COALESCE(facts_json, $facts) WHERE id = $id",
                        ("$id", document.StudyId),
                        ("$facts", parsed.Facts is null ? null : StorageJson.Serialize(parsed.Facts)),
                        ("$now", nowText));
                }

                var documentId = Guid.CreateVersion7(now).ToString("N");
                Sql.Execute(
                    connection,
                    transaction,
                    """
                    INSERT INTO documents (id, study_id, file_name, format, page_count, chunk_count, sha256, added_at)
                    VALUES ($id, $study, $file, $format, $pages, $chunks, $sha, $now)
                    """,
                    ("$id", documentId),
                    ("$study", document.StudyId),
                    ("$file", parsed.FileName),
                    ("$format", parsed.Format.ToString()),
                    ("$pages", parsed.Pages.Count),
                    ("$chunks", document.Chunks.Count),
                    ("$sha", sha),
                    ("$now", nowText));

                using (var insertPage = connection.CreateCommand())
                {
                    insertPage.Transaction = transaction;
                    insertPage.CommandText = "INSERT INTO pages (document_id, number, text) VALUES ($doc, $number, $text)";
                    insertPage.Parameters.AddWithValue("$doc", documentId);
                    var number = insertPage.Parameters.Add("$number", SqliteType.Integer);
                    var text = insertPage.Parameters.Add("$text", SqliteType.Text);
                    insertPage.Prepare();
                    foreach (var page in parsed.Pages)
                    {
                        ct.ThrowIfCancellationRequested();
                        number.Value = page.Number;
                        text.Value = page.Text;
                        insertPage.ExecuteNonQuery();
                    }
                }

                using (var insertChunk = connection.CreateCommand())
                {
                    insertChunk.Transaction = transaction;
                    insertChunk.CommandText = """
                        INSERT INTO chunks (study_id, document_id, ordinal, text, section_path, page_start, page_end, role)
                        VALUES ($study, $doc, $ordinal, $text, $path, $start, $end, $role)
                        """;
                    insertChunk.Parameters.AddWithValue("$study", document.StudyId);
                    insertChunk.Parameters.AddWithValue("$doc", documentId);
                    var ordinal = insertChunk.Parameters.Add("$ordinal", SqliteType.Integer);
                    var text = insertChunk.Parameters.Add("$text", SqliteType.Text);
                    var path = insertChunk.Parameters.Add("$path", SqliteType.Text);
                    var start = insertChunk.Parameters.Add("$start", SqliteType.Integer);
                    var end = insertChunk.Parameters.Add("$end", SqliteType.Integer);
                    var role = insertChunk.Parameters.Add("$role", SqliteType.Text);
                    insertChunk.Prepare();
                    foreach (var chunk in document.Chunks)
                    {
                        ct.ThrowIfCancellationRequested();
                        ordinal.Value = chunk.Ordinal;
                        text.Value = chunk.Text;
                        path.Value = chunk.SectionPath;
                        start.Value = chunk.PageStart;
                        end.Value = chunk.PageEnd;
                        role.Value = ProtocolRoles.Id(ProtocolRoleClassifier.Classify(chunk.SectionPath, chunk.Text));
                        insertChunk.ExecuteNonQuery();
                    }
                }

                return Task.FromResult(new DocumentRecord(documentId, parsed.FileName, parsed.Format, parsed.Pages.Count, document.Chunks.Count, sha, now));
            },
            cancellationToken);
    }

    public async Task<StudyRecord> UpdateMetadataAsync(string studyId, StudyMetadata metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var changed = await database.WriteAsync(
            (connection, transaction, _) => Task.FromResult(Sql.Execute(
                connection,
                transaction,
                "UPDATE studies SET metadata_json = $metadata, updated_at = $now WHERE id = $id",
                ("$id", studyId),
                ("$metadata", StorageJson.Serialize(metadata)),
                ("$now", StorageJson.FormatTime(timeProvider.GetUtcNow())))),
            cancellationToken);
        if (changed == 0)
        {
            throw new NotFoundException($"Study {studyId} not found.");
        }

        return await FindStudyAsync(studyId, cancellationToken) ?? throw new NotFoundException($"Study {studyId} not found.");
    }

    public Task<bool> DeleteStudyAsync(string studyId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            (connection, transaction, _) =>
            {
                // The audit log has no foreign key (it is append-only), so a study's entries go explicitly with the study.
                Sql.Execute(connection, transaction, "DELETE FROM audit_log WHERE draft_id IN (SELECT id FROM drafts WHERE study_id = $id)", ("$id", studyId));
                Sql.Execute(connection, transaction, "DELETE FROM chunks WHERE study_id = $id", ("$id", studyId));
                Sql.Execute(connection, transaction, "DELETE FROM profile_audit WHERE study_id = $id", ("$id", studyId));
                return Task.FromResult(Sql.Execute(connection, transaction, "DELETE FROM studies WHERE id = $id", ("$id", studyId)) > 0);
            },
            cancellationToken);

    public Task<StoredPage?> GetPageAsync(string studyId, int pageNumber, string? documentId = null, CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            (connection, _) =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT d.id, d.file_name, p.number, p.text FROM pages p JOIN documents d ON d.id = p.document_id
                    WHERE d.study_id = $study AND p.number = $number AND ($doc IS NULL OR d.id = $doc)
                    ORDER BY d.rowid LIMIT 1
                    """;
                command.Parameters.AddWithValue("$study", studyId);
                command.Parameters.AddWithValue("$number", pageNumber);
                command.Parameters.AddWithValue("$doc", (object?)documentId ?? DBNull.Value);
                using var reader = command.ExecuteReader();
                var page = reader.Read() ? new StoredPage(studyId, reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3)) : null;
                return Task.FromResult(page);
            },
            cancellationToken);

    public Task<IReadOnlyList<StoredPage>> GetPagesAsync(string studyId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            (connection, ct) =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT d.id, d.file_name, p.number, p.text FROM pages p JOIN documents d ON d.id = p.document_id
                    WHERE d.study_id = $study ORDER BY d.rowid, p.number
                    """;
                command.Parameters.AddWithValue("$study", studyId);
                using var reader = command.ExecuteReader();
                var pages = new List<StoredPage>();
                while (reader.Read())
                {
                    ct.ThrowIfCancellationRequested();
                    pages.Add(new StoredPage(studyId, reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3)));
                }

                return Task.FromResult<IReadOnlyList<StoredPage>>(pages);
            },
            cancellationToken);

    public Task<IReadOnlyList<ChunkHit>> GetChunksAsync(string studyId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            (connection, ct) =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT c.id, c.document_id, c.text, c.section_path, c.page_start, c.page_end, 0.0, c.role
                    FROM chunks c JOIN documents d ON d.id = c.document_id
                    WHERE c.study_id = $study ORDER BY d.rowid, c.ordinal
                    """;
                command.Parameters.AddWithValue("$study", studyId);
                return Task.FromResult(ReadHits(command, negateScore: false, ct));
            },
            cancellationToken);

    public Task<ChunkHit?> FindChunkAsync(string studyId, long chunkId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(
            (connection, ct) =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT id, document_id, text, section_path, page_start, page_end, 0.0, role
                    FROM chunks WHERE study_id = $study AND id = $id
                    """;
                command.Parameters.AddWithValue("$study", studyId);
                command.Parameters.AddWithValue("$id", chunkId);
                var hits = ReadHits(command, negateScore: false, ct);
                return Task.FromResult(hits.Count > 0 ? hits[0] : null);
            },
            cancellationToken);

    public Task<IReadOnlyList<ChunkHit>> SearchAsync(string studyId, string query, int k, IReadOnlyList<string>? sectionPathPrefixes = null, CancellationToken cancellationToken = default) =>
        SearchAsync(studyId, query, k, sectionPathPrefixes, null, cancellationToken);

    public Task<IReadOnlyList<ChunkHit>> SearchAsync(
        string studyId, string query, int k, IReadOnlyList<string>? sectionPathPrefixes, RoleFilter? roles, CancellationToken cancellationToken = default)
    {
        var match = FtsQuery.Build(query);
        if (match is null || k <= 0)
        {
            return Task.FromResult<IReadOnlyList<ChunkHit>>([]);
        }

        var filters = sectionPathPrefixes?.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f.ToLowerInvariant()).ToList() ?? [];

        // Synchronous on purpose: Microsoft.Data.Sqlite's async methods run synchronously anyway, and this is the hot path.
        return Task.FromResult(database.Read(connection =>
        {
            // Every draft runs the same queries (about 140 for an ICF), and a regeneration its section's again: results are
            // kept per study for as long as its documents are the same ones, which another process (the CLI adding a
            // document beside a running server) changes too, so the documents are checked on every search.
            var documents = DocumentsSignature(connection, studyId);
            var key = new SearchKey(studyId, match, k, string.Join('\n', filters), roles?.Key ?? "");
            if (searchCache.TryGetValue(key, out var cached) && cached.Documents == documents)
            {
                return cached.Hits;
            }

            using var command = connection.CreateCommand();
            var sql = new StringBuilder(SearchSelect);
            if (filters.Count > 0)
            {
                sql.Append(" AND (");
                for (var i = 0; i < filters.Count; i++)
                {
                    var name = "$f" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    sql.Append(i == 0 ? "" : " OR ").Append("instr(lower(c.section_path), ").Append(name).Append(") > 0");
                    command.Parameters.AddWithValue(name, filters[i]);
                }

                sql.Append(')');
            }

            if (roles is not null)
            {
                AppendRoles(sql, command, "IN", "$r", roles.Include);
                AppendRoles(sql, command, "NOT IN", "$x", roles.Exclude);
            }

            sql.Append(" ORDER BY rank LIMIT $k");
            command.CommandText = sql.ToString();
            command.Parameters.AddWithValue("$query", match);
            command.Parameters.AddWithValue("$study", studyId);
            command.Parameters.AddWithValue("$k", k);
            var hits = ReadHits(command, negateScore: true, cancellationToken);
            if (searchCache.Count >= MaxCachedSearches)
            {
                searchCache.Clear();
                cachedTexts.Clear();
            }

            // A passage found by many queries is kept once (by its text: row ids can come back after a study is deleted).
            IReadOnlyList<ChunkHit> shared = [.. hits.Select(h => h with { Text = cachedTexts.GetOrAdd(h.Text, h.Text) })];
            searchCache[key] = new CachedSearch(documents, shared);
            return shared;
        }));
    }

    // About 14 drafts' worth of distinct queries; the passages' text is held once per chunk, so the cache stays within the
    // size of the protocols searched (a few megabytes).
    private const int MaxCachedSearches = 2_048;

    private readonly ConcurrentDictionary<SearchKey, CachedSearch> searchCache = new();
    private readonly ConcurrentDictionary<string, string> cachedTexts = new(StringComparer.Ordinal);

    private sealed record SearchKey(string StudyId, string Match, int K, string Filters, string Roles);

    private static void AppendRoles(StringBuilder sql, SqliteCommand command, string op, string prefix, IReadOnlyList<ProtocolRole>? roles)
    {
        if (roles is null)
        {
            return;
        }

        var names = new List<string>(roles.Count);
        foreach (var role in roles.Distinct())
        {
            var name = prefix + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.AddWithValue(name, ProtocolRoles.Id(role));
            names.Add(name);
        }

        // An empty include list matches nothing; an empty exclude list excludes nothing.
        sql.Append(" AND c.role ").Append(op).Append(" (").Append(string.Join(", ", names)).Append(')');
    }

    private sealed record CachedSearch((long Count, long LastRowId) Documents, IReadOnlyList<ChunkHit> Hits);

    /// <summary>Which documents a study has: their number and the newest one's row id (documents are only ever added, or deleted with their study).</summary>
    private static (long Count, long LastRowId) DocumentsSignature(SqliteConnection connection, string studyId)
    {
        using var command = Sql.Command(connection, null, "SELECT COUNT(*), COALESCE(MAX(rowid), 0) FROM documents WHERE study_id = $study", ("$study", studyId));
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static IReadOnlyList<ChunkHit> ReadHits(SqliteCommand command, bool negateScore, CancellationToken cancellationToken)
    {
        using var reader = command.ExecuteReader();
        var hits = new List<ChunkHit>();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var score = reader.GetDouble(6);
            hits.Add(new ChunkHit(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt32(4),
                reader.GetInt32(5),
                // FTS5's bm25() is lower-is-better (negative); callers get higher-is-better.
                negateScore ? -score : score)
            {
                Role = ProtocolRoles.TryParse(reader.GetString(7), out var role) ? role : ProtocolRole.Other,
            });
        }

        return hits;
    }

    private static List<StudyRecord> ReadStudies(SqliteConnection connection, string? studyId)
    {
        var documents = new Dictionary<string, List<DocumentRecord>>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT study_id, {DocumentColumns} FROM documents WHERE $study IS NULL OR study_id = $study ORDER BY rowid";
            command.Parameters.AddWithValue("$study", (object?)studyId ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var owner = reader.GetString(0);
                if (!documents.TryGetValue(owner, out var list))
                {
                    documents[owner] = list = [];
                }

                list.Add(ReadDocument(reader, 1));
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT s.id, s.metadata_json, s.facts_json, s.created_at, s.updated_at,
                       (SELECT COUNT(*) FROM drafts d WHERE d.study_id = s.id), s.profile_version,
                       (SELECT MAX(d.updated_at) FROM drafts d WHERE d.study_id = s.id)
                FROM studies s WHERE $study IS NULL OR s.id = $study
                ORDER BY s.created_at, s.id
                """;
            command.Parameters.AddWithValue("$study", (object?)studyId ?? DBNull.Value);
            using var reader = command.ExecuteReader();
            var studies = new List<StudyRecord>();
            while (reader.Read())
            {
                var id = reader.GetString(0);
                var updatedAt = StorageJson.ParseTime(reader.GetString(4));

                // Derived, not stored: every draft change already touches its draft, and the study's own UpdatedAt keeps
                // meaning "the study changed" (the quality checks cache the study's protocol facts by it).
                var lastDraftChange = reader.IsDBNull(7) ? (DateTimeOffset?)null : StorageJson.ParseTime(reader.GetString(7));
                studies.Add(new StudyRecord(
                    id,
                    StorageJson.Deserialize<StudyMetadata>(reader.GetString(1)),
                    documents.TryGetValue(id, out var docs) ? docs : [],
                    reader.GetInt32(5),
                    StorageJson.ParseTime(reader.GetString(3)),
                    updatedAt,
                    reader.IsDBNull(2) ? null : StorageJson.Deserialize<UsdmFacts>(reader.GetString(2)),
                    reader.GetInt32(6),
                    lastDraftChange > updatedAt ? lastDraftChange : updatedAt));
            }

            return studies;
        }
    }

    private static DocumentRecord ReadDocument(SqliteDataReader reader, int offset) =>
        new(
            reader.GetString(offset),
            reader.GetString(offset + 1),
            Enum.Parse<ProtocolFormat>(reader.GetString(offset + 2)),
            reader.GetInt32(offset + 3),
            reader.GetInt32(offset + 4),
            reader.GetString(offset + 5),
            StorageJson.ParseTime(reader.GetString(offset + 6)));
}
