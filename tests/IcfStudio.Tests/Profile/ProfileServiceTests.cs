using IcfStudio.Core;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Profile;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Ingestion;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcfStudio.Tests.Profile;

/// <summary>The review on top of detection: edits win, clear removes, accept confirms, bad changes store nothing.</summary>
public sealed class ProfileServiceTests
{
    private const string StudyId = "WALK-00000001";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReviewAsync_EditClearAcceptReset_EffectiveValuesFollowTheReview()
    {
        var (service, reviews) = await ServiceAsync();

        var reviewed = await service.ReviewAsync(StudyId, 0,
        [
            new("identity.acronym", ProfileAction.Edit, "  WALK-2  "),
            new("identity.phase", ProfileAction.Clear),
            new("identity.sponsor", ProfileAction.Accept),
            new("study.plannedParticipants", ProfileAction.Edit, "1,095"),
            new("audience.adultsUnableToConsent", ProfileAction.Edit, "yes"),
        ], "ana", Ct);

        Assert.Equal(1, reviewed.Version);
        Assert.Equal("WALK-2", reviewed.Find("identity.acronym")!.Effective);
        Assert.Equal("WALK", reviewed.Find("identity.acronym")!.Detected!.Value);
        Assert.Null(reviewed.Find("identity.phase")!.Effective);
        Assert.Equal("accepted", reviewed.Find("identity.sponsor")!.State);
        Assert.Equal("1095", reviewed.Find("study.plannedParticipants")!.Effective);
        var effective = reviewed.Effective();
        Assert.Equal("user:ana", effective.Find("identity.acronym")!.Origin);
        Assert.Null(effective.Find("identity.phase"));
        Assert.Equal(1, effective.Version);
        Assert.True(ProfileFacts.Effective(reviewed, Core.Quality.QualityFacts.Unknown).AdultsUnableToConsent);
        Assert.Equal(5, (await reviews.GetAuditAsync(StudyId, Ct)).Count);

        var reset = await service.ReviewAsync(StudyId, 1, [new("identity.phase", ProfileAction.Reset)], "ben", Ct);
        Assert.Equal("Phase 2", reset.Find("identity.phase")!.Effective);
        Assert.Equal("detected", reset.Find("identity.phase")!.State);
    }

    [Fact]
    public async Task ReviewAsync_BadChangeAmongGoodOnes_ThrowsAndStoresNothing()
    {
        var (service, reviews) = await ServiceAsync();
        ProfileChange good = new("identity.acronym", ProfileAction.Edit, "OK");

        var bad = new (ProfileChange Change, string Code)[]
        {
            (new("identity.coffee", ProfileAction.Edit, "x"), "unknown_profile_item"),
            (new("study.randomized", ProfileAction.Edit, "perhaps"), "bad_profile_value"),
            (new("audience.minAge", ProfileAction.Edit, "twelve"), "bad_profile_value"),
            (new("identity.title", ProfileAction.Edit, "  "), "bad_profile_value"),
            (new("identity.funder", ProfileAction.Accept), "nothing_to_accept"),
            (new("identity.acronym", ProfileAction.Clear), "duplicate_profile_item"),
        };
        foreach (var (change, code) in bad)
        {
            var error = await Assert.ThrowsAsync<BadInputException>(() => service.ReviewAsync(StudyId, 0, [good, change], "ana", Ct));
            Assert.Equal(code, error.Code);
        }

        await Assert.ThrowsAsync<VersionConflictException>(() => service.ReviewAsync(StudyId, 3, [good], "ana", Ct));
        Assert.Equal(0, (await service.GetAsync(StudyId, Ct)).Version);
        Assert.Empty(await reviews.GetAuditAsync(StudyId, Ct));
    }

    [Fact]
    public async Task GetAsync_RepeatedItemsAndCatalog_ListsDetectedRepeatsAndEverySingleItem()
    {
        var (service, _) = await ServiceAsync(new ProfileItem("risk[0].name", "Bruising", new ProfileEvidence(4, "bruising"), 0.8, ProfileOrigins.Rules));

        var profile = await service.GetAsync(StudyId, Ct);

        Assert.Equal("risk", profile.Find("risk[0].name")!.Group);
        Assert.Equal("Risk", profile.Find("risk[0].name")!.Label);
        Assert.Equal("missing", profile.Find("identity.funder")!.State);
        Assert.Null(profile.Find("risk[].name"));
        Assert.Equal(profile.Items.Count, profile.Items.Select(i => i.Key).Distinct().Count());
    }

    [Fact]
    public void Combine_AcceptedValueNoLongerDetected_IsToBeReviewedAgain()
    {
        var accepted = new ProfileDecision("identity.phase", ProfileAction.Accept, "Phase 2", "ana", DateTimeOffset.UnixEpoch);
        var review = new ProfileReviewState(1, new Dictionary<string, ProfileDecision> { ["identity.phase"] = accepted });

        var same = ProfileService.Combine(StudyId, new StudyProfile([new ProfileItem("identity.phase", "Phase 2", null, 0.7, ProfileOrigins.Rules)]), review);
        var changed = ProfileService.Combine(StudyId, new StudyProfile([new ProfileItem("identity.phase", "Phase 3", null, 0.7, ProfileOrigins.Rules)]), review);

        Assert.Equal("accepted", same.Find("identity.phase")!.State);
        Assert.Equal(("detected", "Phase 3"), (changed.Find("identity.phase")!.State, changed.Find("identity.phase")!.Effective));
    }

    private static async Task<(ProfileService Service, InMemoryProfileReviewStore Reviews)> ServiceAsync(params ProfileItem[] extra)
    {
        var studies = new InMemoryStudyStore();
        var document = new ProtocolDocument("walk.txt", ProtocolFormat.Text, [new ProtocolPage(1, "WALK")], [], StudyMetadata.Empty);
        await studies.AddDocumentAsync(new NewDocument(StudyId, document, [], "ab01", StudyMetadata.Empty), Ct);
        var reviews = new InMemoryProfileReviewStore();
        var source = new FixedProfileSource(
        [
            new ProfileItem("identity.acronym", "WALK", new ProfileEvidence(1, "WALK"), 0.7, ProfileOrigins.Rules),
            new ProfileItem("identity.phase", "Phase 2", new ProfileEvidence(1, "Phase 2"), 0.7, ProfileOrigins.Rules),
            new ProfileItem("identity.sponsor", "Example Heart Institute", new ProfileEvidence(1, "Example Heart Institute"), 0.7, ProfileOrigins.Rules),
            .. extra,
        ]);
        return (new ProfileService(source, reviews, studies, NullLogger<ProfileService>.Instance), reviews);
    }
}
