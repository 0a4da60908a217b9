using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Drafting.Content;
using IcfStudio.Tests.Export;
using Microsoft.Extensions.DependencyInjection;

namespace IcfStudio.Tests.Quality;

public sealed class ConsentCapacityDetectorTests
{
    [Theory]
    [InlineData("If the patient is unable to provide informed consent, consent will be obtained from the patient's legally authorized representative.")]
    [InlineData("Patients with impaired decision-making capacity may take part.")]
    [InlineData("Because participants are sedated and cannot consent for themselves, written consent is obtained from a legally authorised representative (LAR).")]
    [InlineData("Surrogate consent will be obtained from the next of kin where the patient lacks capacity.")]
    [InlineData("Proxy consent is acceptable for participants with moderate dementia.")]
    [InlineData("Next of kin consent will be sought within 24 hours of admission.")]
    [InlineData("This trial is conducted under an exception from informed consent (21 CFR 50.24).")]
    [InlineData("Participants lacking the capacity to consent are enrolled with the agreement of their LAR. Legally authorized representative (LAR) means a person authorised under law.")]
    public void Detect_StatementThatAdultsUnableToConsentMayEnrol_IsTrue(string text)
    {
        var (value, reason) = ConsentCapacityDetector.Detect(null, text);

        Assert.True(value, reason);
        Assert.StartsWith("protocol: \"", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Participants must be able to provide informed consent.")]
    [InlineData("12. Participants capable of giving signed informed consent, which includes compliance with the requirements listed in the protocol.")]
    [InlineData("Patients unable to consent are excluded.")]
    [InlineData("Participants who are unable to provide informed consent will not be enrolled.")]
    [InlineData("Surrogate consent is not permitted in this study.")]
    [InlineData("5.2 Exclusion Criteria\n1. Known allergy to the study drug.\n2. Impaired decision-making capacity.\n3. Pregnancy.")]
    [InlineData("Inability to provide written informed consent is an exclusion criterion.")]
    public void Detect_RuleThatParticipantsConsentThemselves_IsFalse(string text)
    {
        var (value, reason) = ConsentCapacityDetector.Detect(null, text);

        Assert.False(value, reason);
        Assert.NotNull(reason);
    }

    [Theory]
    [InlineData("Participants or their legally authorized representative will be required to sign a statement of informed consent.")]
    [InlineData("The investigator ensures that informed consent is given by each patient or legal representative.")]
    public void Detect_RepresentativeOnlyInBoilerplate_IsUnknownWithReason(string text)
    {
        var (value, reason) = ConsentCapacityDetector.Detect(null, text);

        Assert.Null(value);
        Assert.Contains("general consent wording", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Participants will receive octreotide LAR 30 mg every 4 weeks. Blood samples are taken at each visit.")]
    [InlineData("The MMSE alone is unable to provide diagnostic information. The site has capacity for 20 patients.")]
    public void Detect_NothingAboutConsentCapacity_IsUnknownWithoutReason(string text)
    {
        var (value, reason) = ConsentCapacityDetector.Detect(null, text);

        Assert.Null(value);
        Assert.Null(reason);
    }

    [Fact]
    public void Detect_RepresentativeInInclusionCriterion_IsTrue()
    {
        var study = SampleConsent.Study(new UsdmFacts { InclusionCriteria = ["Informed consent signed by the patient (and/or legal representative) and by the caregiver"] });

        var (value, reason) = ConsentCapacityDetector.Detect(study, "");

        Assert.True(value);
        Assert.Contains("legal representative", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_UnableToConsentInStructuredExclusionCriterion_IsFalse()
    {
        var study = SampleConsent.Study(new UsdmFacts { ExclusionCriteria = ["Unable to provide informed consent"] });

        Assert.False(ConsentCapacityDetector.Detect(study, "").Value);
    }

    [Fact]
    public void Detect_RepresentativePermittedBesideSelfConsentRule_PositiveWins()
    {
        // A study may ask capable participants to sign and let a representative sign for those who cannot.
        const string text = "Participants must be able to provide informed consent, or have a legally authorized representative able to do so when they lack decision-making capacity.";

        Assert.True(ConsentCapacityDetector.Detect(null, text).Value);
    }

    [Fact]
    public void QualityFacts_AdultsUnableToConsent_IsDetectedAndOverridable()
    {
        var detected = QualityFactsDetector.Detect(null, "Patients unable to consent are excluded.");

        Assert.False(detected.Facts.AdultsUnableToConsent);
        Assert.Contains("adultsUnableToConsent", QualityFacts.Names);
        Assert.Contains("unable to consent", detected.Reasons["adultsUnableToConsent"], StringComparison.Ordinal);
        var overridden = detected.Facts.Merge(QualityFacts.Unknown.WithValue("adultsUnableToConsent", true));
        Assert.True(overridden.AdultsUnableToConsent);
    }
}

/// <summary>The fact on the three real protocols of ../shared, as ingested (PDF with its USDM file).</summary>
[Collection(ProtocolCollection.Name)]
public sealed class ConsentCapacitySharedProtocolTests(ProtocolFixture fixture)
{
    [Theory]
    [InlineData("cdisc-pilot-lzzt", true, "legal representative")]
    [InlineData("lilly-nct03421379", null, "general consent wording")]
    [InlineData("alexion-nct04573309", false, "capable of giving signed informed consent")]
    public async Task Detect_SharedProtocol_ReadsEligibilityNotBoilerplate(string name, bool? expected, string evidence)
    {
        var study = await fixture.StudyAsync(name);
        var pages = await fixture.Services.GetRequiredService<IStudyStore>().GetPagesAsync(study.StudyId, TestContext.Current.CancellationToken);

        var (value, reason) = ConsentCapacityDetector.Detect(study, string.Join("\n", pages.Select(p => p.Text)));

        Assert.True(expected == value, $"{name}: {value?.ToString() ?? "unknown"} ({reason})");
        Assert.Contains(evidence, reason, StringComparison.Ordinal);
    }
}
