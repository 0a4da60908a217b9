namespace IcfStudio.Core.Storage;

/// <summary>
/// Schema migrations, applied in order at start; the file's <c>PRAGMA user_version</c> is the number applied.
/// Never edit a released migration: append a new one.
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        // 1: studies, documents, pages, chunks with their FTS5 index; drafts, versions, events, audit, quality.
        """
        CREATE TABLE studies (
            id            TEXT PRIMARY KEY,
            metadata_json TEXT NOT NULL,
            facts_json    TEXT,
            created_at    TEXT NOT NULL,
            updated_at    TEXT NOT NULL
        );

        CREATE TABLE documents (
            id          TEXT PRIMARY KEY,
            study_id    TEXT NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
            file_name   TEXT NOT NULL,
            format      TEXT NOT NULL,
            page_count  INTEGER NOT NULL,
            chunk_count INTEGER NOT NULL,
            sha256      TEXT NOT NULL,
            added_at    TEXT NOT NULL,
            UNIQUE (study_id, sha256)
        );
        CREATE INDEX documents_sha256 ON documents(sha256);

        CREATE TABLE pages (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            number      INTEGER NOT NULL,
            text        TEXT NOT NULL,
            PRIMARY KEY (document_id, number)
        ) WITHOUT ROWID;

        CREATE TABLE chunks (
            id           INTEGER PRIMARY KEY,
            study_id     TEXT NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
            document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ordinal      INTEGER NOT NULL,
            text         TEXT NOT NULL,
            section_path TEXT NOT NULL,
            page_start   INTEGER NOT NULL,
            page_end     INTEGER NOT NULL
        );
        CREATE INDEX chunks_study ON chunks(study_id);
        CREATE INDEX chunks_document ON chunks(document_id, ordinal);

        -- External-content FTS5 index over chunks, kept in step by triggers (also on cascaded deletes).
        CREATE VIRTUAL TABLE chunks_fts USING fts5(
            text, section_path, content = 'chunks', content_rowid = 'id', tokenize = 'porter unicode61');
        CREATE TRIGGER chunks_ai AFTER INSERT ON chunks BEGIN
            INSERT INTO chunks_fts(rowid, text, section_path) VALUES (new.id, new.text, new.section_path);
        END;
        CREATE TRIGGER chunks_ad AFTER DELETE ON chunks BEGIN
            INSERT INTO chunks_fts(chunks_fts, rowid, text, section_path) VALUES ('delete', old.id, old.text, old.section_path);
        END;

        -- Dense vectors, computed lazily per embedding model.
        CREATE TABLE chunk_embeddings (
            chunk_id INTEGER NOT NULL REFERENCES chunks(id) ON DELETE CASCADE,
            model    TEXT NOT NULL,
            vector   BLOB NOT NULL,
            PRIMARY KEY (chunk_id, model)
        ) WITHOUT ROWID;

        CREATE TABLE drafts (
            id         TEXT PRIMARY KEY,
            study_id   TEXT NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
            provider   TEXT NOT NULL,
            model      TEXT,
            template   TEXT NOT NULL,
            offline    INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX drafts_study ON drafts(study_id, created_at);

        CREATE TABLE draft_sections (
            draft_id       TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            section_id     TEXT NOT NULL,
            title          TEXT NOT NULL,
            ordinal        INTEGER NOT NULL,
            status         TEXT NOT NULL,
            version        INTEGER NOT NULL,
            content        TEXT NOT NULL,
            word_count     INTEGER NOT NULL,
            citations_json TEXT NOT NULL,
            error          TEXT,
            PRIMARY KEY (draft_id, section_id)
        ) WITHOUT ROWID;

        CREATE TABLE section_versions (
            draft_id       TEXT NOT NULL,
            section_id     TEXT NOT NULL,
            version        INTEGER NOT NULL,
            content        TEXT NOT NULL,
            citations_json TEXT NOT NULL,
            reason         TEXT NOT NULL,
            actor          TEXT NOT NULL,
            at             TEXT NOT NULL,
            feedback       TEXT,
            status         TEXT NOT NULL,
            PRIMARY KEY (draft_id, section_id, version),
            FOREIGN KEY (draft_id, section_id) REFERENCES draft_sections(draft_id, section_id) ON DELETE CASCADE
        ) WITHOUT ROWID;

        CREATE TABLE draft_events (
            draft_id  TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            sequence  INTEGER NOT NULL,
            name      TEXT NOT NULL,
            data_json TEXT NOT NULL,
            PRIMARY KEY (draft_id, sequence)
        ) WITHOUT ROWID;

        -- Append-only: no foreign key, so entries outlive nothing but an explicit study deletion (which removes all of the study's data).
        CREATE TABLE audit_log (
            sequence       INTEGER PRIMARY KEY AUTOINCREMENT,
            draft_id       TEXT NOT NULL,
            at             TEXT NOT NULL,
            actor          TEXT NOT NULL,
            action         TEXT NOT NULL,
            section_id     TEXT,
            version        INTEGER,
            content_sha256 TEXT,
            detail         TEXT
        );
        CREATE INDEX audit_log_draft ON audit_log(draft_id, sequence);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
            SELECT RAISE(ABORT, 'audit_log is append-only');
        END;

        CREATE TABLE section_quality (
            draft_id     TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
            section_id   TEXT NOT NULL,
            version      INTEGER NOT NULL,
            quality_json TEXT NOT NULL,
            PRIMARY KEY (draft_id, section_id, version)
        ) WITHOUT ROWID;
        """,

        // 2: the user's corrections of a study's detected facts (QualityFacts; null: none), used by quality and export.
        """
        ALTER TABLE studies ADD COLUMN fact_overrides_json TEXT;
        """,

        // 3: what wrote a generated or regenerated version ("offline", "anthropic:claude-…"); actor stays the person who asked.
        // Versions stored before are given their draft's provider and model (the best knowledge there is of them).
        """
        ALTER TABLE section_versions ADD COLUMN author TEXT;
        UPDATE section_versions SET author = (
            SELECT CASE WHEN d.offline OR d.model IS NULL THEN d.provider ELSE d.provider || ':' || d.model END
            FROM drafts d WHERE d.id = section_versions.draft_id)
        WHERE reason IN ('generated', 'regenerated');
        """,

        // 4: the review of the study profile: one decision per item key (accept, edit, clear) with who and when, the
        // profile's version (the review API's concurrency token), its append-only audit, and the profile version each draft
        // was written from. The fact overrides of migration 2 become edit decisions of the matching profile items.
        """
        ALTER TABLE studies ADD COLUMN profile_version INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE drafts ADD COLUMN profile_version INTEGER;

        CREATE TABLE profile_decisions (
            study_id TEXT NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
            key      TEXT NOT NULL,
            action   TEXT NOT NULL,
            value    TEXT,
            actor    TEXT NOT NULL,
            at       TEXT NOT NULL,
            PRIMARY KEY (study_id, key)
        ) WITHOUT ROWID;

        CREATE TABLE profile_audit (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            study_id TEXT NOT NULL,
            version  INTEGER NOT NULL,
            at       TEXT NOT NULL,
            actor    TEXT NOT NULL,
            key      TEXT NOT NULL,
            action   TEXT NOT NULL,
            before   TEXT,
            after    TEXT
        );
        CREATE INDEX profile_audit_study ON profile_audit(study_id, sequence);
        CREATE TRIGGER profile_audit_no_update BEFORE UPDATE ON profile_audit BEGIN
            SELECT RAISE(ABORT, 'profile_audit is append-only');
        END;

        INSERT INTO profile_decisions (study_id, key, action, value, actor, at)
        SELECT s.id,
               CASE f.key WHEN 'randomized' THEN 'study.randomized'
                          WHEN 'adultsUnableToConsent' THEN 'audience.adultsUnableToConsent'
                          ELSE 'facts.' || f.key END,
               'edit',
               CASE f.value WHEN 1 THEN 'true' ELSE 'false' END,
               'migration',
               s.updated_at
        FROM studies s, json_each(s.fact_overrides_json) f
        WHERE s.fact_overrides_json IS NOT NULL AND f.type IN ('true', 'false');
        UPDATE studies SET profile_version = 1 WHERE id IN (SELECT study_id FROM profile_decisions);
        UPDATE studies SET fact_overrides_json = NULL;
        """,

        // 5: the protocol map: each chunk's role (ProtocolRole, snake_case). Existing chunks are classified here by
        // protocol_role(section_path, text), the classifier registered on the connection by SqliteDatabase.
        """
        ALTER TABLE chunks ADD COLUMN role TEXT NOT NULL DEFAULT 'other';
        UPDATE chunks SET role = protocol_role(section_path, text);
        CREATE INDEX chunks_study_role ON chunks(study_id, role);
        """,
    ];
}
