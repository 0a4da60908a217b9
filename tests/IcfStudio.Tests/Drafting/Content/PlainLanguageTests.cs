using IcfStudio.Core.Drafting.Offline;

namespace IcfStudio.Tests.Drafting.Content;

public sealed class PlainLanguageTests
{
    [Fact]
    public void Simplify_QuantifiedSubject_KeepsQuantifierWithPeople()
    {
        var s = PlainLanguage.Simplify("About 240 patients will be randomized to Cardiozan 10 mg or placebo.");

        Assert.StartsWith("About 240 people will be assigned by chance", s, StringComparison.Ordinal);
        Assert.DoesNotContain("240 you", s, StringComparison.Ordinal);
    }

    [Fact]
    public void Simplify_BareSubject_BecomesYou()
    {
        var s = PlainLanguage.Simplify("Patients will be randomized to Cardiozan or placebo.");

        Assert.StartsWith("You will be assigned by chance", s, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("The duration of participation for each patient is 52 weeks after randomization.", "You will be in the study for 52 weeks after assignment by chance.")]
    [InlineData("The duration of participation for patients are 52 weeks.", "You will be in the study for 52 weeks.")]
    public void Simplify_DurationOfParticipation_SaysHowLongYouAreInTheStudy(string sentence, string expected)
    {
        var s = PlainLanguage.Simplify(sentence);

        Assert.Equal(expected, s);
        Assert.DoesNotContain("for you are", s, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("It is not approved by the US Food and Drug Administration.", "Food and Drug Administration")]
    [InlineData("The Alzheimer's Disease Assessment Scale is used at each visit.", "Disease Assessment Scale")]
    [InlineData("The Data Safety Monitoring Board meets twice.", "Data Safety Monitoring Board")]
    public void ApplyGlossary_CapitalisedName_IsNotReworded(string sentence, string name)
    {
        Assert.Contains(name, PlainLanguage.ApplyGlossary(sentence), StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyGlossary_SentenceStart_StillReworded()
    {
        Assert.StartsWith("Side effects will be watched", PlainLanguage.ApplyGlossary("Adverse events will be monitored."), StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyGlossary_CapitalisedTermAfterLowerCaseWord_UsesPlainCase()
    {
        Assert.Equal("Contact the study doctor.", PlainLanguage.ApplyGlossary("Contact the Investigator."));
    }

    [Fact]
    public void ApplyGlossary_CapitalisedTermAfterSentenceStarter_UsesPlainCase()
    {
        Assert.Equal("The study doctor may ask for records.", PlainLanguage.ApplyGlossary("The Investigator may ask for records."));
    }

    [Fact]
    public void ApplyGlossary_PrimaryEndpoint_IsPlain()
    {
        Assert.Equal("The main measure is the walk distance.", PlainLanguage.ApplyGlossary("The primary endpoint is the walk distance."));
    }

    [Fact]
    public void Simplify_CommaAfterBut_IsDropped()
    {
        Assert.Equal("It is mild, but it could affect you.", PlainLanguage.Simplify("It is mild, however, it could affect you."));
    }

    [Fact]
    public void ApplyGlossary_PlaceboArm_IsAGroup()
    {
        Assert.Equal("The groups include a dummy drug group and a high-dose group.", PlainLanguage.ApplyGlossary("The groups include a placebo arm and a high-dose group."));
    }

    [Fact]
    public void ApplyGlossary_SymptomAfterCause_ReadsAsANoun()
    {
        Assert.Equal("It may cause upset stomach and throwing up.", PlainLanguage.ApplyGlossary("It may cause nausea and vomiting."));
    }

    [Fact]
    public void ApplyGlossary_PerfectTense_UsesParticiple()
    {
        Assert.Equal("The dose has been shown to be safe.", PlainLanguage.ApplyGlossary("The dose has been demonstrated to be safe."));
    }

    [Fact]
    public void ApplyGlossary_EligibilityCriteria_IsOnePhrase()
    {
        var s = PlainLanguage.ApplyGlossary("Patients must meet all eligibility criteria.");

        Assert.Contains("rules for who can join", s, StringComparison.Ordinal);
        Assert.DoesNotContain("whether you can join criteria", s, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyGlossary_AnApproximately_DropsArticle()
    {
        Assert.Equal("This is consistent with about 2-day transit.", PlainLanguage.ApplyGlossary("This is consistent with an approximately 2-day transit."));
    }

    [Theory]
    [InlineData("If a subject's participation terminates early, an early visit is scheduled.", "If your taking part")]
    [InlineData("Patients must be informed that their participation is voluntary.", "that your taking part")]
    public void Simplify_ParticipantMentions_FollowTheYouRewrite(string sentence, string expected)
    {
        var s = PlainLanguage.Simplify(sentence);

        Assert.Contains(expected, s, StringComparison.Ordinal);
        Assert.DoesNotContain("a your", s, StringComparison.Ordinal);
        Assert.DoesNotContain("their", s, StringComparison.Ordinal);
    }

    [Fact]
    public void Simplify_DesignList_IsDescribed()
    {
        var s = PlainLanguage.Simplify("Multicenter, randomized, double-blind, placebo-controlled, parallel-group study.");

        Assert.Contains("put in a study group by chance", s, StringComparison.Ordinal);
        Assert.DoesNotContain("coin", s, StringComparison.Ordinal);
        Assert.Contains("many clinics", s, StringComparison.Ordinal);
        Assert.DoesNotContain("parallel-group study", s, StringComparison.Ordinal);
    }

    [Fact]
    public void Simplify_LeadingHowever_IsDropped()
    {
        Assert.Equal("The rate was 58.6%.", PlainLanguage.Simplify("However, the rate was 58.6%."));
    }

    [Theory]
    [InlineData("A X means the procedure is done at that visit.")]
    [InlineData("An “X” indicates the assessment is performed.")]
    [InlineData("Abbreviations: ECG, electrocardiogram; PK, pharmacokinetics.")]
    [InlineData("PK = pharmacokinetics.")]
    [InlineData("I understand that medical records that reveal my identity will remain confidential.")]
    [InlineData("A participant will be considered lost if he or she repeatedly fails to return.")]
    [InlineData("In such cases, the actual duration will be recorded.")]
    [InlineData("IM injection by study site personnel People will undergo a screening examination.")]
    [InlineData("If a SAE occurs it MUST be reported.")]
    [InlineData("Group 1: People who have received therapy for > 28 days.")]
    public void IsNotForReader_LegendsDefinitionsAndStaffText_AreRejected(string sentence)
    {
        Assert.True(PlainLanguage.IsNotForReader(sentence));
    }

    [Theory]
    [InlineData("Procedures marked research-only are done only because of this study.")]
    [InlineData("About 240 patients will be randomized at 30 sites in the United States and Canada.")]
    [InlineData("The images are read by a central laboratory.")]
    public void IsNotForReader_PlainProse_IsKept(string sentence)
    {
        Assert.False(PlainLanguage.IsNotForReader(sentence));
    }

    [Theory]
    [InlineData("To find out whether Cardiozan improves exercise capacity at Week 24.")]
    [InlineData("Side effects, blood pressure and pulse, laboratory tests and heart tracings throughout the study.")]
    [InlineData("The IRB/IEC or study center.")]
    public void IsFragment_VerblessPieces_AreFragments(string sentence)
    {
        Assert.True(PlainLanguage.IsFragment(sentence));
    }

    [Theory]
    [InlineData("Cardiozan improves how well the heart muscle contracts in most people.")]
    [InlineData("You will have blood drawn at every visit.")]
    public void IsFragment_Sentences_AreNotFragments(string sentence)
    {
        Assert.False(PlainLanguage.IsFragment(sentence));
    }
}
