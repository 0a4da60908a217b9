using IcfStudio.Core.Drafting;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IcfStudio.Tests.Storage;

/// <summary>A real SQLite store in a temp folder, with a fake clock.</summary>
internal sealed class TestStorage : IDisposable
{
    private readonly TempDirectory directory = new();

    public TestStorage()
    {
        DataDirectory = Path.Combine(directory.Path, "data");
        Database = Open();
        Studies = new SqliteStudyStore(Database, Clock);
        Drafts = new SqliteDraftStore(Database, Clock);
    }

    public string DataDirectory { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public SqliteDatabase Database { get; }

    public SqliteStudyStore Studies { get; }

    public SqliteDraftStore Drafts { get; }

    public SqliteDatabase Open() =>
        new(Options.Create(new StorageOptions { DataDirectory = DataDirectory }), NullLogger<SqliteDatabase>.Instance);

    /// <summary>Row counts of every table, to assert that a failed operation changed nothing.</summary>
    public Dictionary<string, long> CountRows()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, "icf.db")};Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'chunks_fts_%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)count.ExecuteScalar()!;
        }

        return counts;
    }

    public async Task<DocumentRecord> AddSampleStudyAsync(string studyId = "CARDIO-00000001", string sha = "aa01", CancellationToken cancellationToken = default) =>
        await Studies.AddDocumentAsync(SampleProtocol.NewDocument(studyId, sha), cancellationToken);

    public async Task<DraftRecord> CreateDraftAsync(string studyId, string draftId, CancellationToken cancellationToken = default)
    {
        var draft = new DraftRecord(
            draftId,
            studyId,
            "offline",
            null,
            "us-common-rule",
            Clock.GetUtcNow(),
            Clock.GetUtcNow(),
            [
                new DraftSection("purpose", "Purpose of the study", 1, SectionStatus.Pending, "", 0, [], 0),
                new DraftSection("procedures", "What will happen", 2, SectionStatus.Pending, "", 0, [], 0),
                new DraftSection("risks", "Risks", 3, SectionStatus.Pending, "", 0, [], 0),
            ],
            Offline: true);
        await Drafts.CreateDraftAsync(draft, "tester", cancellationToken);
        return draft;
    }

    public void Dispose()
    {
        Database.Dispose();
        SqliteConnection.ClearAllPools();
        directory.Dispose();
    }
}

/// <summary>A small hand-written protocol, parsed and chunked, to exercise the store without the ingestion pipeline.</summary>
internal static class SampleProtocol
{
    public static StudyMetadata Metadata { get; } = new()
    {
        Acronym = new MetadataField("CARDIO", 1),
        Title = new MetadataField("A Randomized Study of Cardiozan in Adults with Heart Failure", 1),
        Sponsor = new MetadataField("Example Pharma Inc.", 1),
        Phase = new MetadataField("Phase 3", 2),
        NctId = new MetadataField("NCT01234567", 1),
    };

    public static IReadOnlyList<DocumentChunk> Chunks { get; } =
    [
        new(0, "This study tests whether cardiozan reduces hospital admissions for heart failure.", "1 Synopsis", 1, 1),
        new(1, "Participants must be 18 years or older with a diagnosis of chronic heart failure and an ejection fraction below 40%.", "5 Study Population > 5.1 Inclusion Criteria", 3, 3),
        new(2, "Participants with severe kidney disease, pregnancy, or a recent stroke cannot take part.", "5 Study Population > 5.2 Exclusion Criteria", 3, 4),
        new(3, "Visits happen at screening, day 1, week 4, week 12 and week 24. Blood samples are drawn at each visit.", "6 Schedule of Activities", 5, 5),
        new(4, "Adverse events are recorded from consent until 30 days after the last dose. Serious adverse events are reported within 24 hours.", "8 Safety > 8.1 Adverse Events", 7, 8),
        new(5, "Common side effects of cardiozan include dizziness, low blood pressure and headache.", "8 Safety > 8.2 Known Risks", 8, 8),
    ];

    public static ProtocolDocument Document(string fileName = "cardio-protocol.txt") =>
        new(
            fileName,
            ProtocolFormat.Text,
            [
                .. Enumerable.Range(1, 8).Select(n => new ProtocolPage(n, $"Page {n} text of the CARDIO protocol.")),
            ],
            [new DocumentBlock(BlockKind.Heading, "1 Synopsis", 1, 1)],
            Metadata);

    public static NewDocument NewDocument(string studyId, string sha, string fileName = "cardio-protocol.txt") =>
        new(studyId, Document(fileName), Chunks, sha, Metadata);
}

/// <summary>
/// Takes a test database back to an older schema version, so a migration can be tested on the rows it finds: each
/// migration after <c>version</c> is undone, newest first. A new migration adds its undo here.
/// </summary>
internal static class MigrationRollback
{
    private static readonly Dictionary<int, string> Undo = new()
    {
        [3] = "ALTER TABLE section_versions DROP COLUMN author;",
        [4] = """
            DROP TABLE profile_audit; DROP TABLE profile_decisions;
            ALTER TABLE drafts DROP COLUMN profile_version; ALTER TABLE studies DROP COLUMN profile_version;
            """,
        [5] = "DROP INDEX chunks_study_role; ALTER TABLE chunks DROP COLUMN role;",
    };

    /// <summary>The SQL that takes a database at the current version back to <paramref name="version"/>.</summary>
    public static string To(int version)
    {
        var sql = new System.Text.StringBuilder();
        for (var applied = SqliteSchema.Migrations.Count; applied > version; applied--)
        {
            sql.AppendLine(Undo.TryGetValue(applied, out var undo)
                ? undo
                : throw new InvalidOperationException($"No undo for migration {applied}: add it to MigrationRollback."));
        }

        return sql.Append($"PRAGMA user_version = {version};").ToString();
    }
}
