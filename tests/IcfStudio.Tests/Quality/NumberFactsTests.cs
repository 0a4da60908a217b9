using IcfStudio.Core.Quality;
using static IcfStudio.Tests.Quality.QualityTestData;

namespace IcfStudio.Tests.Quality;

public sealed class NumberFactsTests
{
    private const string Protocol = """
        Approximately 300 subjects will be randomized in a 1:1 ratio at 40 sites.
        Each subject will attend 12 study visits over 52 weeks. The study drug (10 mg tablets) is taken twice daily.
        Eligible participants are aged 18 to 65 years. Blood samples (10 mL) are collected at each visit.
        """;

    private static readonly ProtocolNumberIndex Index = new([Protocol]);

    [Theory]
    [InlineData("You will come to 12 study visits.", 12, "visits")]
    [InlineData("You will have twelve visits in all.", 12, "visits")]
    [InlineData("About 1,000 people will take part.", 1000, "people")]
    [InlineData("Take one 10 mg tablet.", 10, "mg")]
    [InlineData("Take it twice a day.", 2, "times")]
    [InlineData("The study lasts twenty-four weeks.", 24, "weeks")]
    [InlineData("About 15% of people had headaches.", 15, "%")]
    public void Extract_NumberWithUnit_FindsValueAndUnit(string sentence, double value, string unit)
    {
        var found = Assert.Single(NumberExtractor.Extract(sentence));

        Assert.Equal(value, found.Value);
        Assert.Equal(unit, found.Unit);
    }

    [Theory]
    [InlineData("Call 555-123-4567 with questions.")]
    [InlineData("See section 5.2 of the protocol.")]
    [InlineData("This is one of the first studies.")]
    [InlineData("The form was approved in 2024.")]
    [InlineData("Version 4 of this form.")]
    [InlineData("The study number is NCT01234567.")]
    [InlineData("Under 21 CFR 50.25 we must tell you this.")]
    [InlineData("You have a 1 in 2 chance of getting the drug.")]
    public void Extract_ReferencesAndPronouns_AreNotQuantities(string sentence)
    {
        Assert.Empty(NumberExtractor.Extract(sentence));
    }

    [Fact]
    public void Extract_Range_GivesBothEndsTheUnit()
    {
        var found = NumberExtractor.Extract("You must be 18 to 65 years old.");

        Assert.Equal([18.0, 65.0], found.Select(f => f.Value));
        Assert.All(found, f => Assert.Equal("years", f.Unit));
    }

    [Theory]
    [InlineData(300, "participants")] // "subjects" in the protocol
    [InlineData(12, "visits")]
    [InlineData(52, "weeks")]
    [InlineData(10, "mg")]
    [InlineData(2, "times")] // "twice daily"
    [InlineData(18, "years")]
    [InlineData(40, "hospitals")] // "sites"
    public void Check_SupportedNumber_ReturnsNull(double value, string unit)
    {
        Assert.Null(Index.Check(value, unit));
    }

    [Theory]
    [InlineData(500, "participants", "not found")]
    [InlineData(12, "months", "never with")]
    [InlineData(6, "visits", "not found")]
    public void Check_UnsupportedNumber_SaysWhy(double value, string unit, string reason)
    {
        Assert.Contains(reason, Index.Check(value, unit));
    }

    [Fact]
    public void Unsupported_DraftSection_FlagsOnlyInventedNumbers()
    {
        var section = Section("what-happens", "About 300 people will take part. You will have 12 study visits over 52 weeks. Each visit takes 3 hours [P4].");

        var unsupported = FactChecker.Unsupported(FactChecker.Mentions(section), Index);

        var flagged = Assert.Single(unsupported);
        Assert.Equal("3 hours", flagged.Text);
        Assert.Equal("Each visit takes 3 hours.", flagged.Sentence);
        Assert.Equal("what-happens", flagged.SectionId);
    }

    [Fact]
    public void Mentions_MarkdownTableCells_DoNotBorrowUnitsFromNextCell()
    {
        var section = Section("schedule", "| When | What |\n| --- | --- |\n| Day 8 | See the visit name |\n| Week 16 | Blood tests |");

        var mentions = FactChecker.Mentions(section);

        Assert.Equal([("day", 8.0), ("week", 16.0)], mentions.Select(m => (m.Unit!, m.Value)));
        Assert.Empty(FactChecker.Unsupported(mentions, new ProtocolNumberIndex(["Visit 5 (Day 8) and Week 16 visits."])));
    }

    [Fact]
    public void Contradictions_DifferentParticipantCounts_AreFlagged()
    {
        var mentions = FactChecker.Mentions(Section("key", "About 300 people will take part in this study.", 1, "Key information"))
            .Concat(FactChecker.Mentions(Section("how-many", "About 350 participants will join this study.", 2, "How many people")))
            .ToList();

        var contradiction = Assert.Single(FactChecker.Contradictions(mentions));

        Assert.Equal("participants", contradiction.Kind);
        Assert.Equal(2, contradiction.Mentions.Count);
        Assert.Contains("Key information", contradiction.Message);
    }

    [Fact]
    public void Contradictions_SameDurationInOtherUnits_AreNotFlagged()
    {
        var mentions = FactChecker.Mentions(Section("key", "You will be in this study for 6 months.", 1))
            .Concat(FactChecker.Mentions(Section("time", "You will be in this study for 26 weeks.", 2)))
            .ToList();

        Assert.Empty(FactChecker.Contradictions(mentions));
    }

    [Fact]
    public void Contradictions_DifferentDurations_AreFlagged()
    {
        var mentions = FactChecker.Mentions(Section("key", "You will be in this study for 6 months.", 1))
            .Concat(FactChecker.Mentions(Section("time", "You will be in this study for 1 year.", 2)))
            .ToList();

        Assert.Equal("duration", Assert.Single(FactChecker.Contradictions(mentions)).Kind);
    }

    [Fact]
    public void Contradictions_PerSiteAndTotalCounts_AreNotFlagged()
    {
        var mentions = FactChecker.Mentions(Section("key", "About 300 people will take part in this study. About 20 people will take part at this site. We need at least 250 people to complete the study.", 1)).ToList();

        Assert.Empty(FactChecker.Contradictions(mentions));
    }
}
