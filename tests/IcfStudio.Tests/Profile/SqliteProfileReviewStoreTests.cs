using IcfStudio.Core;
using IcfStudio.Core.Profile;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Storage;
using Microsoft.Data.Sqlite;

namespace IcfStudio.Tests.Profile;

/// <summary>The profile review in SQLite: decisions per key, the version check, the audit, and the migration of fact overrides.</summary>
public sealed class SqliteProfileReviewStoreTests
{
    private const string StudyId = "CARDIO-00000001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveAsync_EditClearAcceptThenReset_KeepsDecisionsAndVersionAcrossReopening()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        var store = new SqliteProfileReviewStore(storage.Database, storage.Clock);
        Assert.Equal(0, (await store.GetAsync(StudyId, Ct)).Version);

        var version = await store.SaveAsync(StudyId, 0,
        [
            new("identity.acronym", ProfileAction.Edit, "CARDIO-HF", "CARDIO", "CARDIO-HF"),
            new("identity.phase", ProfileAction.Clear, null, "Phase 3", null),
            new("identity.sponsor", ProfileAction.Accept, "Example Pharma Inc.", "Example Pharma Inc.", "Example Pharma Inc."),
        ], "ana", Ct);
        storage.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await store.SaveAsync(StudyId, 1, [new("identity.phase", ProfileAction.Reset, null, null, "Phase 3")], "ben", Ct);

        Assert.Equal(1, version);
        Assert.Equal(2, second);
        using var reopened = storage.Open();
        var state = await new SqliteProfileReviewStore(reopened, storage.Clock).GetAsync(StudyId, Ct);
        Assert.Equal(2, state.Version);
        Assert.Equal(2, state.Decisions.Count);
        var edit = state.Decisions["identity.acronym"];
        Assert.Equal((ProfileAction.Edit, "CARDIO-HF", "ana"), (edit.Action, edit.Value, edit.Actor));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), edit.At);
        Assert.Equal(ProfileAction.Accept, state.Decisions["identity.sponsor"].Action);
        Assert.Equal(2, (await new SqliteStudyStore(reopened, storage.Clock).FindStudyAsync(StudyId, Ct))!.ProfileVersion);
    }

    [Fact]
    public async Task SaveAsync_StaleVersionOrUnknownStudy_ThrowsAndStoresNothing()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        var store = new SqliteProfileReviewStore(storage.Database, storage.Clock);
        await store.SaveAsync(StudyId, 0, [new("identity.acronym", ProfileAction.Edit, "A", null, "A")], "ana", Ct);
        var before = storage.CountRows();

        var conflict = await Assert.ThrowsAsync<VersionConflictException>(() =>
            store.SaveAsync(StudyId, 0, [new("identity.acronym", ProfileAction.Edit, "B", "A", "B")], "ben", Ct));
        await Assert.ThrowsAsync<NotFoundException>(() => store.SaveAsync("NOPE-1", 0, [new("identity.acronym", ProfileAction.Edit, "B", null, "B")], "ben", Ct));

        Assert.Equal(1, conflict.CurrentVersion);
        Assert.Equal(before, storage.CountRows());
        Assert.Equal("A", (await store.GetAsync(StudyId, Ct)).Decisions["identity.acronym"].Value);
    }

    [Fact]
    public async Task SaveAsync_StudyWithDraft_AuditsEveryChangeInProfileAndDraftLogs()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync(StudyId, "D-1", Ct);
        var store = new SqliteProfileReviewStore(storage.Database, storage.Clock);

        await store.SaveAsync(StudyId, 0,
        [
            new("study.randomized", ProfileAction.Edit, "false", "true", "false"),
            new("identity.nctId", ProfileAction.Clear, null, "NCT01234567", null),
        ], "ana", Ct);

        var audit = await store.GetAuditAsync(StudyId, Ct);
        Assert.Equal(2, audit.Count);
        Assert.Equal(("ana", "study.randomized", "edit", "true", "false", 1), (audit[0].Actor, audit[0].Key, audit[0].Action, audit[0].Before, audit[0].After, audit[0].Version));
        Assert.Equal(("identity.nctId", "clear", (string?)null), (audit[1].Key, audit[1].Action, audit[1].After));
        var entry = (await storage.Drafts.ReadAuditAsync("D-1", Ct))[^1];
        Assert.Equal(("profile_changed", "ana"), (entry.Action, entry.Actor));
        Assert.Equal("study.randomized: true → false; identity.nctId: NCT01234567 → (none)", entry.Detail);

        // The draft records the profile version it is written from.
        Assert.Null((await storage.Drafts.FindDraftAsync("D-1", Ct))!.ProfileVersion);
        await storage.Drafts.SetProfileVersionAsync("D-1", 1, Ct);
        Assert.Equal(1, (await storage.Drafts.FindDraftAsync("D-1", Ct))!.ProfileVersion);

        // Deleting the study removes its audit with it.
        await storage.Studies.DeleteStudyAsync(StudyId, Ct);
        Assert.Empty(await store.GetAuditAsync(StudyId, Ct));
    }

    [Fact]
    public async Task Migration4_StoredFactOverrides_BecomeEditDecisionsOfTheProfile()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        storage.Database.Dispose();
        SqliteConnection.ClearAllPools();
        var path = Path.Combine(storage.DataDirectory, "icf.db");

        // Back to a database before the profile migration whose study holds fact overrides, as the facts panel stored them.
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = MigrationRollback.To(3)
                + """UPDATE studies SET fact_overrides_json = '{"randomized":false,"adultsUnableToConsent":true,"usesPhi":true}';""";
            command.ExecuteNonQuery();
        }

        using var migrated = storage.Open();
        var state = await new SqliteProfileReviewStore(migrated, storage.Clock).GetAsync(StudyId, Ct);

        Assert.Equal(1, state.Version);
        Assert.Equal(
            ["audience.adultsUnableToConsent=true", "facts.usesPhi=true", "study.randomized=false"],
            state.Decisions.Values.Where(d => d.Action == ProfileAction.Edit).Select(d => $"{d.Key}={d.Value}").Order(StringComparer.Ordinal));
        Assert.Equal("migration", state.Decisions["facts.usesPhi"].Actor);
    }
}
