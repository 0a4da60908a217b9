using IcfStudio.Core.Quality;
using static IcfStudio.Tests.Quality.QualityTestData;

namespace IcfStudio.Tests.Quality;

public sealed class CompletenessCheckerTests
{
    private static ElementResult Check(string elementId, string text, QualityFacts? facts = null, string? title = null) =>
        CompletenessChecker.Check([Section("s1", text, title: title)], facts ?? AllApply).Single(e => e.Id == elementId);

    // Regulatory-style wording of each element.
    [Theory]
    [InlineData("key_information", "Key information about this study: it is research, taking part is your choice.")]
    [InlineData("research_purpose_duration_procedures", "This is a research study. The purpose of this study is to test a new heart medicine. You will be in the study for about 12 months. You will have 8 visits and blood tests.")]
    [InlineData("risks", "The study drug may cause side effects such as headache and nausea.")]
    [InlineData("benefits", "You may not benefit directly from taking part in this study.")]
    [InlineData("alternatives", "Instead of being in this study, you could receive other treatments from your doctor.")]
    [InlineData("confidentiality", "We will keep your information confidential. The FDA may inspect your study records.")]
    [InlineData("injury_compensation", "If you are injured because of this study, we will give you medical treatment, but we will not pay you for the injury.")]
    [InlineData("contacts", "If you have questions, call Dr. Lee at the clinic. If you have questions about your rights as a research participant, contact the Institutional Review Board. If you are hurt by the study, call Dr. Lee right away.")]
    [InlineData("voluntary_participation", "Taking part is voluntary. If you say no, there is no penalty or loss of benefits. You can stop at any time.")]
    [InlineData("future_use_of_data_and_specimens", "Your identifiers might be removed from your samples and the samples used for future research studies without asking you again.")]
    [InlineData("unforeseeable_risks", "There may be risks that are unknown at this time, including to an unborn baby.")]
    [InlineData("termination_by_investigator", "The study doctor may take you out of the study if staying in is not good for you.")]
    [InlineData("additional_costs", "You will not have to pay for the study drug or study tests.")]
    [InlineData("withdrawal_consequences", "If you decide to leave the study, we will ask you to come for one last safety visit.")]
    [InlineData("new_findings", "We will tell you about any new information that might change your mind about staying in the study.")]
    [InlineData("number_of_participants", "About 300 people will take part in this study at 40 hospitals.")]
    [InlineData("commercial_profit", "Your samples may be used to develop products for commercial profit, and you will not share in that profit.")]
    [InlineData("return_of_results", "We will not share your individual test results with you.")]
    [InlineData("whole_genome_sequencing", "Your blood may be used for whole genome sequencing.")]
    [InlineData("random_assignment", "You will be put in a group by chance, like flipping a coin. You have a 1 in 2 chance of getting the study drug.")]
    [InlineData("participant_responsibilities", "It is important that you tell the study doctor about every medicine you take.")]
    [InlineData("payment", "You will be paid $50 for each completed visit.")]
    [InlineData("record_access", "The sponsor, monitors, auditors, the IRB and the FDA may look at your medical records.")]
    [InlineData("certificate_of_confidentiality", "This study has a Certificate of Confidentiality from the National Institutes of Health.")]
    [InlineData("hipaa_authorization", "By signing this form you authorize us to use and share your health information for this research.")]
    [InlineData("signature", "Signature of participant: ____________ Date: ______")]
    public void Check_RegulatoryWording_IsPresent(string elementId, string text)
    {
        var result = Check(elementId, text);

        Assert.Equal(ElementStatus.Present, result.Status);
        Assert.NotEmpty(result.Evidence);
        Assert.All(result.Evidence, e => Assert.Equal("s1", e.SectionId));
    }

    // Plain-language paraphrases, without the regulation's words.
    [Theory]
    [InlineData("key_information", "Here are the most important things to know before you decide.")]
    [InlineData("research_purpose_duration_procedures", "We want to learn whether a new pill helps people sleep. The trial will last about six weeks for you. You will be asked to fill out a sleep diary every morning.")]
    [InlineData("risks", "The pills could cause an upset stomach or make you dizzy.")]
    [InlineData("benefits", "Being in the study might help your sleep, or it might not help you at all.")]
    [InlineData("alternatives", "You can get other sleep medicines from your own doctor without joining.")]
    [InlineData("voluntary_participation", "It is up to you whether you join. Saying no will not change the care you get. You can change your mind and leave whenever you want, at any time.")]
    [InlineData("random_assignment", "A computer will decide which group you are in. You have an equal chance of being in either group.")]
    [InlineData("termination_by_investigator", "We might remove you from the study if you do not follow the study rules.")]
    [InlineData("withdrawal_consequences", "If you want to stop, tell the study team so they can check on your health one last time.")]
    [InlineData("new_findings", "If we learn something new that could change your mind, we will tell you.")]
    [InlineData("number_of_participants", "Around two hundred adults will join this study.")]
    [InlineData("payment", "You will get a $25 gift card after each visit.")]
    [InlineData("future_use_of_data_and_specimens", "After that, they may be used for other research or shared with other researchers.")]
    [InlineData("termination_by_investigator", "You may be stopped for any of the following reasons.")]
    [InlineData("hipaa_authorization", "To do this study, we need to use your health information.")]
    [InlineData("participant_responsibilities", "You should keep the patch on your skin all day.")]
    public void Check_Paraphrase_IsPresent(string elementId, string text)
    {
        Assert.Equal(ElementStatus.Present, Check(elementId, text).Status);
    }

    [Fact]
    public void Check_UnrelatedText_EveryElementMissing()
    {
        const string text = "The weather in the mountains is cold in winter. Bring a warm coat and sturdy boots.";

        var results = CompletenessChecker.Check([Section("s1", text)], AllApply);

        Assert.Equal(ConsentElementCatalog.Elements.Count, results.Count);
        Assert.All(results, r => Assert.Equal(ElementStatus.Missing, r.Status));
    }

    [Fact]
    public void Check_VoluntaryWithoutStopAnyTime_IsMissingThatPart()
    {
        var result = Check("voluntary_participation", "Taking part is voluntary. If you say no, there is no penalty or loss of benefits.");

        Assert.Equal(ElementStatus.Missing, result.Status);
        Assert.Equal(["stop any time"], result.MissingParts);
        Assert.Contains("partly covered", result.Note);
    }

    [Fact]
    public void Check_ConfidentialityWithoutFdaInspection_DependsOnFdaRegulation()
    {
        const string text = "We will keep your records private and locked in a cabinet.";

        Assert.Equal(ElementStatus.Missing, Check("confidentiality", text).Status);
        Assert.Equal(ElementStatus.Present, Check("confidentiality", text, AllApply with { FdaRegulated = false }).Status);
    }

    [Fact]
    public void Check_ExactClinicalTrialsGovStatement_IsPresentDespiteCitationsAndLinkSyntax()
    {
        var text = CtGovStatement.Replace("http://www.ClinicalTrials.gov", "[www.ClinicalTrials.gov](https://www.clinicaltrials.gov)", StringComparison.Ordinal) + " [P3]";

        var result = Check("clinicaltrials_gov_statement", text);

        Assert.Equal(ElementStatus.Present, result.Status);
        Assert.Equal("21 CFR 50.25(c)", result.Citation);
    }

    [Fact]
    public void Check_RewordedClinicalTrialsGovStatement_IsMissingWithNote()
    {
        var text = CtGovStatement.Replace("search this Web site", "search the web site", StringComparison.Ordinal);

        var result = Check("clinicaltrials_gov_statement", text);

        Assert.Equal(ElementStatus.Missing, result.Status);
        Assert.Contains("word for word", result.Note);
        Assert.NotEmpty(result.Evidence);
    }

    [Fact]
    public void Check_FactsFalse_ConditionalElementsNotApplicable()
    {
        var facts = AllApply with { Randomized = false, ApplicableClinicalTrial = false, Biospecimens = false, ParticipantsPaid = false };

        var results = CompletenessChecker.Check([Section("s1", "Nothing relevant here.")], facts).ToDictionary(r => r.Id);

        Assert.Equal(ElementStatus.NotApplicable, results["random_assignment"].Status);
        Assert.Equal(ElementStatus.NotApplicable, results["clinicaltrials_gov_statement"].Status);
        Assert.Equal(ElementStatus.NotApplicable, results["whole_genome_sequencing"].Status);
        Assert.Equal(ElementStatus.NotApplicable, results["payment"].Status);
        Assert.Equal(ElementStatus.Missing, results["risks"].Status);
        Assert.Equal(Applicability.Required, results["risks"].Applicability);
    }

    [Fact]
    public void Check_UnknownFacts_ConditionalElementsRecommended()
    {
        var results = CompletenessChecker.Check([Section("s1", "Nothing relevant here.")], QualityFacts.Unknown).ToDictionary(r => r.Id);

        Assert.Equal(Applicability.Recommended, results["random_assignment"].Applicability);
        Assert.Equal(ElementStatus.Missing, results["random_assignment"].Status);
        Assert.Equal(Applicability.Required, results["signature"].Applicability);
    }

    [Fact]
    public void Check_EvidenceAcrossSections_NamesEachSection()
    {
        var sections = new[]
        {
            Section("purpose", "This research study will test whether a new drug lowers blood pressure.", 1, "Why is this study being done?"),
            Section("procedures", "You will be in the study for 6 months. You will have 5 visits.", 2, "What will happen?"),
        };

        var result = CompletenessChecker.Check(sections, AllApply).Single(r => r.Id == "research_purpose_duration_procedures");

        Assert.Equal(ElementStatus.Present, result.Status);
        Assert.Contains(result.Evidence, e => e.SectionId == "purpose" && e.Part == "purpose");
        Assert.Contains(result.Evidence, e => e.SectionId == "procedures" && e.Part == "duration");
    }

    [Fact]
    public void CheckSection_ExpectedElementMissing_IsReported()
    {
        var results = CompletenessChecker.CheckSection(Section("risks", "The drug may cause headaches."), AllApply, ["risks", "unforeseeable_risks"]);

        Assert.Equal(ElementStatus.Present, results.Single(r => r.Id == "risks").Status);
        Assert.Equal(ElementStatus.Missing, results.Single(r => r.Id == "unforeseeable_risks").Status);
        Assert.DoesNotContain(results, r => r.Id == "payment");
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(null, false)]
    public void Check_Signature_ReasonNamesTheRepresentativeOnlyWhenAdultsUnableToConsent(bool? adultsUnableToConsent, bool named)
    {
        var result = Check("signature", "Signature of participant ____________", AllApply with { AdultsUnableToConsent = adultsUnableToConsent });

        Assert.Equal(Applicability.Required, result.Applicability);
        Assert.Equal(named, result.ApplicabilityReason.Contains("legally authorized representative", StringComparison.Ordinal));
    }
}
