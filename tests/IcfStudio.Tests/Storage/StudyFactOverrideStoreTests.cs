using IcfStudio.Core;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;

namespace IcfStudio.Tests.Storage;

/// <summary>The study's stored fact overrides: kept across reopening, merged per fact, audited on the study's drafts.</summary>
public sealed class StudyFactOverrideStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UpdateFactOverridesAsync_SetThenClear_MergesPerFactAndSurvivesReopening()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        var before = (await storage.Studies.FindStudyAsync("CARDIO-00000001", Ct))!;
        Assert.Null(before.FactOverrides);
        storage.Clock.Advance(TimeSpan.FromMinutes(1));

        await storage.Studies.UpdateFactOverridesAsync("CARDIO-00000001", new Dictionary<string, bool?> { ["randomized"] = false, ["fdaRegulated"] = true }, "ana", Ct);
        var updated = await storage.Studies.UpdateFactOverridesAsync("CARDIO-00000001", new Dictionary<string, bool?> { ["fdaRegulated"] = null, ["adultsUnableToConsent"] = true }, "ana", Ct);

        Assert.Equal(new QualityFacts { Randomized = false, AdultsUnableToConsent = true }, updated.FactOverrides);
        Assert.True(updated.UpdatedAt > before.UpdatedAt);
        using var reopened = storage.Open();
        var reread = await new SqliteStudyStore(reopened, storage.Clock).FindStudyAsync("CARDIO-00000001", Ct);
        Assert.Equal(updated.FactOverrides, reread!.FactOverrides);

        var cleared = await storage.Studies.UpdateFactOverridesAsync("CARDIO-00000001", new Dictionary<string, bool?> { ["randomized"] = null, ["adultsUnableToConsent"] = null }, "ana", Ct);
        Assert.Null(cleared.FactOverrides);
    }

    [Fact]
    public async Task UpdateFactOverridesAsync_StudyWithDraft_RecordsTheChangeInTheDraftAuditLog()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "D-1", Ct);

        await storage.Studies.UpdateFactOverridesAsync("CARDIO-00000001", new Dictionary<string, bool?> { ["randomized"] = false, ["usesPhi"] = null }, "ana", Ct);

        var entry = (await storage.Drafts.ReadAuditAsync("D-1", Ct))[^1];
        Assert.Equal("study_facts_changed", entry.Action);
        Assert.Equal("ana", entry.Actor);
        Assert.Equal("randomized=no; usesPhi=detected", entry.Detail);
    }

    [Fact]
    public async Task UpdateFactOverridesAsync_UnknownNameOrStudy_ThrowsAndStoresNothing()
    {
        using var storage = new TestStorage();
        await storage.AddSampleStudyAsync(cancellationToken: Ct);
        await storage.CreateDraftAsync("CARDIO-00000001", "D-1", Ct);
        var rows = storage.CountRows();

        var bad = await Assert.ThrowsAsync<BadInputException>(() =>
            storage.Studies.UpdateFactOverridesAsync("CARDIO-00000001", new Dictionary<string, bool?> { ["randomized"] = true, ["coffee"] = true }, "ana", Ct));
        await Assert.ThrowsAsync<NotFoundException>(() =>
            storage.Studies.UpdateFactOverridesAsync("NOPE-1", new Dictionary<string, bool?> { ["randomized"] = true }, "ana", Ct));

        Assert.Equal("unknown_fact", bad.Code);
        Assert.Null((await storage.Studies.FindStudyAsync("CARDIO-00000001", Ct))!.FactOverrides);
        Assert.Equal(rows, storage.CountRows());
    }
}
