using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Profile;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;

namespace IcfStudio.Tests.Profile;

public sealed class ProfileEvalTests
{
    private static readonly StoredPage[] Pages =
    [
        new("S", "D", "p.pdf", 1, "Sponsor: Acme Biotech, Inc.\nClinicalTrials.gov: NCT01234567"),
        new("S", "D", "p.pdf", 2, "Headache was reported in 12% of\nparticipants who received examplumab."),
    ];

    private static readonly ConsentFact Headache = new("risk-headache", "risk", "risks", "Headache", [["headache"], ["12%", "12 percent"]], 2, "Headache was reported in 12%");

    [Fact]
    public void Score_ItemQuotingTheFactOnItsPage_FindsTheFact()
    {
        var profile = new StudyProfile([new ProfileItem("risk[0].name", "Headache", new ProfileEvidence(2, "Headache was reported in 12% of participants who received examplumab.", "D"), 0.6, ProfileOrigins.Rules)]);

        var score = ProfileEval.Score(profile, new ConsentFactsFile("p.pdf", null, [Headache]), null, Pages, "D");

        Assert.Equal(1, score.FactsFound);
        Assert.Equal(1, score.ItemsSupported);
    }

    [Fact]
    public void Score_FactStatedOnAnotherPage_IsNotFound()
    {
        var profile = new StudyProfile([new ProfileItem("risk[0].name", "Headache", new ProfileEvidence(1, "Headache was reported in 12%", "D"), 0.6, ProfileOrigins.Rules)]);

        var score = ProfileEval.Score(profile, new ConsentFactsFile("p.pdf", null, [Headache]), null, Pages, "D");

        Assert.Equal(0, score.FactsFound);
        Assert.Equal(["risk-headache"], score.FactsMissed);
        Assert.Equal(0, score.ItemsSupported);
    }

    [Fact]
    public void Score_IdentityItemContradictingUsdm_IsNotSupported()
    {
        var profile = new StudyProfile([new ProfileItem("identity.nctId", "NCT01234567", new ProfileEvidence(1, "ClinicalTrials.gov: NCT01234567", "D"), 0.9, ProfileOrigins.Rules)]);

        var score = ProfileEval.Score(profile, null, new StudyMetadata { NctId = new MetadataField("NCT07654321") }, Pages, "D");

        Assert.Equal(0, score.ItemsSupported);
    }

    [Fact]
    public void CompareMetadata_NormalisedValues_CountsCorrectWrongAndMissing()
    {
        var extracted = new StudyMetadata
        {
            Sponsor = new MetadataField("Acme Biotech, Inc.", 1),
            NctId = new MetadataField("NCT01234567", 1),
            Phase = new MetadataField("Phase 2", 1),
        };
        var usdm = new StudyMetadata
        {
            Sponsor = new MetadataField("Acme Biotech"),
            NctId = new MetadataField("NCT01234567"),
            Phase = new MetadataField("Phase 3"),
            Acronym = new MetadataField("ACME"),
        };

        var score = ProfileEval.CompareMetadata(extracted, usdm);

        Assert.Equal(4, score.Expected);
        Assert.Equal(3, score.Extracted);
        Assert.Equal(2, score.Correct);
        Assert.Equal(["identity.acronym"], score.Missing);
    }
}
