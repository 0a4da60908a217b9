using IcfStudio.Core.Drafting.Templates;
using IcfStudio.Core.Quality;
using static IcfStudio.Tests.Quality.QualityTestData;

namespace IcfStudio.Tests.Quality;

public sealed class StaffFacingDetectorTests
{
    [Theory]
    // Offline drafts of the LZZT protocol before the drafter used the detector (issue closing note).
    [InlineData("Screening exams and procedures may be performed after Visit 1, but their results must be completed and available before assignment by chance.", StaffFacingDetector.StaffInstruction)]
    [InlineData("The screening process should occur within 2 weeks of assignment by chance (Visit 3 of the study).", StaffFacingDetector.StaffInstruction)]
    [InlineData("A Data Safety Monitoring Board, chaired by an external cardiologist, will meet after 75, 150, 225, and 300 people have completed 1 month of treatment.", StaffFacingDetector.Committee)]
    [InlineData("The MMSE can be used to screen for thinking impairment and as a measurement of cognition over time and with drug treatment.", StaffFacingDetector.Methodology)]
    [InlineData("This needs spontaneity on the part of the individual and must be accomplished at an appropriate moment and place.", StaffFacingDetector.Methodology)]
    [InlineData("The stopping rate associated with this oral dosing regimen was 58.6%, and alternative clinical strategies have been sought to improve tolerance for the compound.", StaffFacingDetector.Methodology)]
    // Instructions to the site, records and roles.
    [InlineData("The investigator must report all serious adverse events within 24 hours.", StaffFacingDetector.StaffInstruction)]
    [InlineData("Site personnel should notify the sponsor of all withdrawals.", StaffFacingDetector.StaffInstruction)]
    [InlineData("The sponsor will review the data listings before database lock.", StaffFacingDetector.StaffInstruction)]
    [InlineData("Vital signs will be entered in the eCRF at each visit.", StaffFacingDetector.StaffRecords)]
    [InlineData("If a person is not retrievable, this will be documented in the source record.", StaffFacingDetector.StaffRecords)]
    [InlineData("Only subjects treated per protocol are included in the analysis.", StaffFacingDetector.StaffRecords)]
    [InlineData("The study monitor will visit the site every 6 weeks.", StaffFacingDetector.StaffRecords)]
    [InlineData("You must be informed that your taking part is voluntary.", StaffFacingDetector.StaffInstruction)]
    [InlineData("Study doctors must ensure that appropriate medical care is maintained throughout the study.", StaffFacingDetector.StaffInstruction)]
    [InlineData("Lilly has standards for reporting side effects that are to be followed, regardless of less stringent requirements.", StaffFacingDetector.StaffInstruction)]
    [InlineData("Detailed information about the known risks of ALXN1840 is presented in the IB.", StaffFacingDetector.StaffRecords)]
    [InlineData("Serious side effects should be handled and reported as described in 3.9.3.2.1 without regard to how they were reported.", StaffFacingDetector.StaffRecords)]
    [InlineData("Serious side effects should be handled promptly.", StaffFacingDetector.StaffInstruction)]
    public void Reason_StaffFacingSentence_IsFlaggedWithItsKind(string sentence, string expected)
    {
        Assert.Equal(expected, StaffFacingDetector.Reason(sentence));
    }

    [Theory]
    [InlineData("You must not drive for 24 hours after each dose.")]
    [InlineData("The study doctor will check your blood pressure at each visit.")]
    [InlineData("The study doctor will check blood pressure at each visit.")]
    [InlineData("You should tell the study team about any side effects.")]
    [InlineData("The sponsor will pay for the treatment of a study-related injury.")]
    [InlineData("The sponsor will use your data only for this research.")]
    [InlineData("You will be told about new findings that may change your mind about taking part.")]
    [InlineData("A group of independent experts will look at the safety data during the study.")]
    [InlineData("About 300 people will take part in this study.")]
    [InlineData("Your blood must be drawn before you eat breakfast.")]
    [InlineData("The study team can tell you how many people are taking part at this site.")]
    [InlineData("The investigator will explain the study to you.")]
    public void Reason_ParticipantFacingSentence_IsNotFlagged(string sentence)
    {
        Assert.Null(StaffFacingDetector.Reason(sentence));
    }

    [Fact]
    public void Find_Section_ListsOnlyTheStaffSentencesWithSectionAndReason()
    {
        var section = Section("procedures", """
            You will have 8 study visits.

            - The screening process should occur within 2 weeks of assignment by chance [p12].
            - The study doctor will check your blood pressure [p13].
            """, 4, "Study Procedures");

        var found = Assert.Single(StaffFacingDetector.Find(section));

        Assert.Equal("procedures", found.SectionId);
        Assert.Equal("Study Procedures", found.SectionTitle);
        Assert.StartsWith("The screening process should occur within 2 weeks", found.Sentence, StringComparison.Ordinal);
        Assert.Equal(StaffFacingDetector.StaffInstruction, found.Reason);
    }

    [Fact]
    public void Find_ConsentTemplatesStandardWording_IsNeverStaffFacing()
    {
        // The drafter writes the templates' standard wording verbatim: the check must not flag its own boilerplate in the
        // sections that speak to the participant (those carrying consent elements; the site checklist is for staff).
        var flagged = TemplateCatalog.ShippedIds
            .Select(TemplateCatalog.Load)
            .SelectMany(t => t.Sections)
            .Where(s => s.ElementIds.Count > 0)
            .Where(s => !string.IsNullOrWhiteSpace(s.StandardText))
            .SelectMany(s => StaffFacingDetector.Find(Section(s.Id, s.StandardText!)))
            .Select(f => $"{f.SectionId}: {f.Sentence}")
            .ToList();

        Assert.Empty(flagged);
    }
}
