using IcfStudio.Core.ProtocolMap;

namespace IcfStudio.Tests.ProtocolMap;

/// <summary>Synthetic headings and text (written for these tests) in the styles of industry (ICH M11) and academic (NIH) templates.</summary>
public sealed class ProtocolRoleClassifierTests
{
    [Theory]
    [InlineData("1. PROTOCOL SUMMARY > 1.1. Synopsis", "Title: a study of drug X. Phase: 2.", ProtocolRole.Synopsis)]
    [InlineData("2 INTRODUCTION > 2.2 Background", "Disease Y affects many children and has no approved treatment.", ProtocolRole.Background)]
    [InlineData("3. OBJECTIVES AND ENDPOINTS", "The primary objective is to compare pain scores.", ProtocolRole.Objectives)]
    [InlineData("5 STUDY POPULATION > 5.1 Inclusion Criteria", "Participants must be 6 to 17 years old.", ProtocolRole.Eligibility)]
    [InlineData("4 STUDY DESIGN > 4.1 Overall Design", "Participants are assigned by chance to one of two groups.", ProtocolRole.Design)]
    [InlineData("6. Study Intervention(s) Administered", "Drug X is given once a day.", ProtocolRole.Intervention)]
    [InlineData("6 STUDY AGENT > 6.1 Study Agent Acquisition and Accountability", "The pharmacy keeps a log.", ProtocolRole.Intervention)]
    [InlineData("1.3 Schedule of Activities (SoA)", "Screening, Day 1, Week 4.", ProtocolRole.Schedule)]
    [InlineData("Appendix A: Schedule of Assessments", "Visit windows are listed below.", ProtocolRole.Schedule)]
    [InlineData("7. Study plan", "The table lists what happens when.", ProtocolRole.Schedule)]
    [InlineData("8 STUDY ASSESSMENTS AND PROCEDURES > 8.1 Efficacy Assessments", "A questionnaire is completed at each visit.", ProtocolRole.Procedures)]
    [InlineData("2.3 Benefit-Risk Assessment > 2.3.1 Risk Assessment", "Headache was seen in some people.", ProtocolRole.Risks)]
    [InlineData("2.3.1 Known Potential Risks", "Bruising where the needle goes in.", ProtocolRole.Risks)]
    [InlineData("10.1.4 Alternatives to Study Participation", "Usual care is available without joining.", ProtocolRole.Risks)]
    [InlineData("8.3 Adverse Events and Serious Adverse Events > 8.3.1 Definition of Adverse Events", "An event is recorded on the form.", ProtocolRole.SafetyReporting)]
    [InlineData("9 STATISTICAL CONSIDERATIONS > 9.5 Sample Size Determination", "Sixty participants are needed.", ProtocolRole.Statistics)]
    [InlineData("10.1.6 Data and Safety Monitoring", "An independent board meets twice a year.", ProtocolRole.DataManagement)]
    [InlineData("10 REGULATORY, ETHICAL AND STUDY OVERSIGHT > 10.1.3 Informed Consent Process", "Parents give permission.", ProtocolRole.Ethics)]
    [InlineData("Protocol Amendment Summary of Changes", "Section 5 was reworded.", ProtocolRole.Administrative)]
    [InlineData("11 REFERENCES", "See the list.", ProtocolRole.References)]
    [InlineData("TABLE OF CONTENTS", "Sections follow.", ProtocolRole.Contents)]
    public void Classify_HeadingOfEachRole_GivesThatRole(string path, string text, ProtocolRole expected) =>
        Assert.Equal(expected, ProtocolRoleClassifier.Classify(path, text));

    [Theory]
    [InlineData("5.1.2. Potential Risks")]
    [InlineData("Section V: POTENTIAL RISKS")]
    [InlineData("C.3 potential risks")]
    [InlineData("Potential Risks")]
    [InlineData("12) Potential risks:")]
    public void Classify_NumberingAndCaseVariants_SameRole(string heading) =>
        Assert.Equal(ProtocolRole.Risks, ProtocolRoleClassifier.Classify("STUDY > " + heading, "Some people feel dizzy."));

    [Fact]
    public void Classify_VagueHeadingWithReportingRules_IsSafetyReporting()
    {
        const string text = "Any serious adverse event must be reported to the sponsor within 24 hours of the site becoming aware of it, "
            + "using the expedited form. An SAE is any untoward medical occurrence that results in death or is life-threatening.";

        Assert.Equal(ProtocolRole.SafetyReporting, ProtocolRoleClassifier.Classify("7 General Considerations", text));
        Assert.Equal(ProtocolRole.SafetyReporting, ProtocolRoleClassifier.Classify("7.4 Study Drug", text));
    }

    [Fact]
    public void Classify_RisksHeadingMentioningReporting_StaysRisks() =>
        Assert.Equal(ProtocolRole.Risks, ProtocolRoleClassifier.Classify(
            "2.3.1 Known Potential Risks",
            "Drug X may cause nausea. Side effects seen so far were mild. Tell the study doctor, who must be reported any new symptom."));

    [Fact]
    public void Classify_NoHeadingButSampleSizeText_IsStatistics() =>
        Assert.Equal(ProtocolRole.Statistics, ProtocolRoleClassifier.Classify("", "With 80% power and a two-sided alpha of 0.05, the sample size is 120."));

    [Fact]
    public void Classify_NothingToGoOn_IsOther() =>
        Assert.Equal(ProtocolRole.Other, ProtocolRoleClassifier.Classify("Page 3", "The quick brown fox."));

    [Fact]
    public void Classify_ScheduleRowsReadAsSubheadings_StaySchedule()
    {
        Assert.Equal(ProtocolRole.Schedule, ProtocolRoleClassifier.Classify("1.3 Schedule of Activities > Eligibility", "Inclusion criteria X X"));
        Assert.Equal(ProtocolRole.Schedule, ProtocolRoleClassifier.Classify("1.3 Schedule of Activities > Study Intervention", "Dispense drug X X X"));
    }

    [Fact]
    public void Classify_TableOfContentsUnderAnotherHeading_IsContents()
    {
        const string toc = "1 Introduction ........ 5 2 Objectives ........ 7 3 Study Design ........ 9 4 Risks ........ 12";

        Assert.Equal(ProtocolRole.Contents, ProtocolRoleClassifier.Classify("Title Page", toc));
    }

    [Fact]
    public void Classify_ReferenceListUnderAnotherHeading_IsReferences()
    {
        const string refs = "Smith AB, Jones CD, et al. A trial of drug X. J Med. 2019;12:100-110. Brown E, et al. Drug X in children. "
            + "Pediatrics. 2020;45(2):200-210. Green F, et al. Safety of drug X. Lancet. 2018;391:1-9. doi:10.1000/xyz";

        Assert.Equal(ProtocolRole.References, ProtocolRoleClassifier.Classify("Appendix 4", refs));
    }

    [Theory]
    [InlineData("safety_reporting", ProtocolRole.SafetyReporting)]
    [InlineData("data_management", ProtocolRole.DataManagement)]
    [InlineData("risks", ProtocolRole.Risks)]
    public void Ids_RoundTrip(string id, ProtocolRole role)
    {
        Assert.Equal(id, ProtocolRoles.Id(role));
        Assert.Equal(role, ProtocolRoles.Parse(id));
    }
}
