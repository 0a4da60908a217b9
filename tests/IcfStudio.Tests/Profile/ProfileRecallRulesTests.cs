using System.Text;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Profile;
using IcfStudio.Core.Storage;

namespace IcfStudio.Tests.Profile;

/// <summary>The second pass of profile rules: page-break sentences, broken lines, citations, and the broadened cues.</summary>
public sealed class ProfileRecallRulesTests
{
    private static StudyProfile ExtractFrom(params string[] pages)
    {
        var document = ProtocolParser.Parse(Encoding.UTF8.GetBytes(string.Join('\f', pages)), "protocol.md", cancellationToken: TestContext.Current.CancellationToken);
        var stored = document.Pages.Select(p => new StoredPage("S", "D", document.FileName, p.Number, p.Text)).ToList();
        var chunks = ProtocolChunker.Chunk(document.Blocks).Select(c => new ChunkHit(c.Ordinal, "D", c.Text, c.SectionPath, c.PageStart, c.PageEnd, 0)).ToList();
        var study = new StudyRecord("S", document.Metadata, [new DocumentRecord("D", document.FileName, document.Format, stored.Count, chunks.Count, "x", DateTimeOffset.UnixEpoch)], 0, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var profile = ProfileExtractor.Extract(study, stored, chunks);
        Assert.All(profile.Items.Where(i => i.Evidence is not null && i.Origin == ProfileOrigins.Rules), i =>
            Assert.True(ProfileText.IsOnPage(stored.Single(p => p.Number == i.Evidence!.Page).Text, i.Evidence!.Quote), $"{i.Key}: quote not on page {i.Evidence.Page}"));
        return profile;
    }

    private static bool Says(StudyProfile profile, string words) =>
        profile.Items.Any(i => i.Evidence is not null && i.Evidence.Quote.Contains(words, StringComparison.Ordinal));

    [Fact]
    public void Sentences_SentenceOverAPageBreak_EachPartOnItsOwnPage()
    {
        var first = "1.2 Methods\nBoth groups receive usual physiotherapy such as stretching exercises (once a day,";
        var second = "30 minutes a time, 5 times a week), and gait training.\n12";
        var pages = new[] { new StoredPage("S", "D", "p.pdf", 1, first), new StoredPage("S", "D", "p.pdf", 2, second) };
        var chunk = new ChunkHit(1, "D", "Both groups receive usual physiotherapy such as stretching exercises (once a day,\n30 minutes a time, 5 times a week), and gait training.", "1.2 Methods", 1, 2, 0);

        var sentences = ProfileExtractor.Sentences(pages, [chunk]);

        Assert.Contains(sentences, s => s.Page == 1 && s.Text == "Both groups receive usual physiotherapy such as stretching exercises (once a day,");
        Assert.Contains(sentences, s => s.Page == 2 && s.Text == "30 minutes a time, 5 times a week), and gait training.");
    }

    [Fact]
    public void SplitAtPageBreak_PartsNotAtTheEdges_IsNull()
    {
        var split = ProfileExtractor.SplitAtPageBreak("Patients walk daily for six weeks.", "Patients walk daily" + new string('x', 100), "for six weeks.");

        Assert.Null(split);
    }

    [Fact]
    public void Sentences_LineEndingOnAFunctionWord_JoinedWithACapitalisedNextLine()
    {
        var text = "Participants have measurable disease by the Response Evaluation Criteria in\nSolid Tumors version 1.1.";
        var pages = new[] { new StoredPage("S", "D", "p.pdf", 3, text) };
        var chunk = new ChunkHit(1, "D", text, "6.1 Inclusion Criteria", 3, 3, 0);

        var sentences = ProfileExtractor.Sentences(pages, [chunk]);

        Assert.Contains(sentences, s => s.Text == "Participants have measurable disease by the Response Evaluation Criteria in Solid Tumors version 1.1.");
    }

    [Fact]
    public void Extract_EligibilityCriterionWithALiteratureCitation_IsKept()
    {
        var profile = ExtractFrom("# 5 Eligibility\n\n## 5.1 Inclusion Criteria\n\nPatients have a Lansky performance score of at least 50 (Lansky et al. 1987) at enrolment.");

        Assert.True(Says(profile, "Lansky performance score of at least 50"));
    }

    [Fact]
    public void Extract_PurposeOfAPlatformAndAHypothesis_ArePurposeItems()
    {
        var profile = ExtractFrom("# 1 Introduction\n\nThe main purpose of the platform is to test new medicines for children with solid tumors.\n\n# 2 Hypothesis\n\nWe hypothesize that early walking training shortens the hospital stay after hip surgery.");

        Assert.Contains("purpose of the platform", profile.Value("study.purpose"), StringComparison.Ordinal);
        Assert.Contains(profile.Items, i => i.Key.EndsWith(".about", StringComparison.Ordinal) && i.Value == "study.purpose" && i.Evidence!.Quote.Contains("We hypothesize", StringComparison.Ordinal));
    }

    [Fact]
    public void Extract_TotalOfPatientsSelected_IsAPlannedParticipantsStatement()
    {
        var profile = ExtractFrom("# 1 General information\n\nA total of 60 adult knee replacement patients were selected from the orthopaedic ward.");

        Assert.True(Says(profile, "A total of 60 adult knee replacement patients"));
    }

    [Fact]
    public void Extract_DeviceTrainingDurationAndBlindAssessor_AreFound()
    {
        var profile = ExtractFrom("# 2 Method\n\nThe portable balance trainer was used for training of the ankle muscles. Train once a day, 5 days a week, for a total of 4 weeks. An assessor who is blinded to the group evaluates balance before and after treatment.");

        Assert.Contains("balance trainer was used", profile.Value("intervention[0].description"), StringComparison.Ordinal);
        Assert.True(Says(profile, "for a total of 4 weeks"));
        Assert.True(Says(profile, "An assessor who is blinded"));
    }

    [Fact]
    public void Extract_RiskThatMayOccur_IsANamedRisk()
    {
        var profile = ExtractFrom("# 9 Device Description\n\nA brief change in taste may occur when the saline flush is given.");

        Assert.Contains(profile.Items, i => i.Key.StartsWith("risk[", StringComparison.Ordinal) && i.Key.EndsWith(".name", StringComparison.Ordinal) && i.Value == "taste");
    }

    [Fact]
    public void Extract_DrugGivenOrallyAndAnAddOn_AreDoseStatements()
    {
        var profile = ExtractFrom("# 4 Study Treatment\n\nBoth study medicines will be administered orally in the morning. If blood pressure stays high, oral amlodipine will be added at the lowest dose.");

        Assert.True(Says(profile, "will be administered orally in the morning"));
        Assert.True(Says(profile, "oral amlodipine will be added"));
    }

    [Fact]
    public void Extract_BloodSampleWithAVolume_IsTheFirstBloodDrawEvidence()
    {
        var profile = ExtractFrom("# 6 Procedures\n\nBlood counts will be checked at every visit. Safety labs will be obtained at Visits 4, 5 and 7.\n\n## 6.2 Pharmacokinetics\n\nBlood samples (7 mL) for the determination of drug concentrations in plasma will be collected from each patient at Visits 3, 4, 5, 7, 9, and 11. The blood sample drawn at Visit 3 is a baseline sample.");

        Assert.Equal("blood draw", profile.Value("procedure[0].name"));
        Assert.StartsWith("Blood samples (7 mL)", profile.Value("procedure[0].burden"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Age >or equal to 18, no limitation on gender;", 18)]
    [InlineData("Age greater than or equal to 21 at screening.", 21)]
    public void AgeRange_AgeGreaterOrEqualWordings_ReadMin(string text, int min)
    {
        Assert.Equal(min, ProfileRules.AgeRange(text)?.Min);
    }

    [Fact]
    public void Extract_DataPreservedForYearsScreeningPeriodAndSameTrainingAsAnotherGroup_AreFound()
    {
        var profile = ExtractFrom("# 3 Design\n\nThe first phase is the screening period with a maximum of 5 days. Group B training has the same settings as the training of group A.\n\n# 12 Records\n\nThe hospital shall preserve the trial data for 15 years after the end of the trial.");

        Assert.True(Says(profile, "screening period with a maximum of 5 days"));
        Assert.True(Says(profile, "Group B training has the same settings"));
        Assert.True(Says(profile, "preserve the trial data for 15 years"));
    }

    [Theory]
    [InlineData("Blood samples will be drawn at each visit.", false)]
    [InlineData("Results were reported in Blood 2015;125:100-110.", true)]
    [InlineData("Outcomes were published in Lancet. 2019; 394: 12.", true)]
    public void AboutOtherStudies_JournalNameOnlyWithAYear(string text, bool expected)
    {
        Assert.Equal(expected, MetadataExtractor.AboutOtherStudies(text));
    }

    [Fact]
    public void Extract_WashoutGenotypeObjectiveAndWorseningAfterStopping_AreFound()
    {
        var profile = ExtractFrom("# 2 Objectives\n\nTo assess the response to treatment as a function of ApoE genotype.\n\n# 5 Treatment\n\nParticipants will stop their current thyroid medicine for about 7 days before the first dose. After stopping thyroid medicine, a worsening of symptoms can follow within weeks.");

        Assert.Contains(profile.Items, i => i.Key.EndsWith(".name", StringComparison.Ordinal) && i.Value == "genetic test" && i.Evidence!.Quote.Contains("ApoE genotype", StringComparison.Ordinal));
        Assert.Contains(profile.Items, i => i.Key.EndsWith(".name", StringComparison.Ordinal) && i.Value == "stopping current medicines");
        Assert.Contains(profile.Items, i => i.Key.StartsWith("risk[", StringComparison.Ordinal) && i.Evidence!.Quote.Contains("a worsening of symptoms", StringComparison.Ordinal));
    }
}
