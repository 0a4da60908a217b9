using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Offline;

namespace IcfStudio.Tests.Drafting.Content;

public sealed class OfflineSectionWriterTests
{
    private static readonly IReadOnlyList<Passage> ParticipantPassages =
    [
        new("P1", ContentSamples.Chunk(301, "Synopsis", 2,
            "This protocol was written for the example project as sample material for the sample size team. "
            + "Approximately 240 patients will be randomized at approximately 30 sites in the United States and Canada.")),
        new("P2", ContentSamples.Chunk(302, "10 Statistical Considerations > 10.1 Sample Size", 10,
            "A sample size of 240 patients provides 90% power for the primary endpoint. "
            + "The sample size assumes a standard deviation of the walk distance that is typical for this group.")),
    ];

    [Fact]
    public void Write_Participants_RestatesOnlySentencesThatCountPeople()
    {
        var context = ContentSamples.Context("participants", ParticipantPassages);

        var text = OfflineSectionWriter.Write(context);

        Assert.Contains("About 240 people will be assigned by chance", text, StringComparison.Ordinal);
        Assert.DoesNotContain("240 you", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sample material", text, StringComparison.Ordinal);
        Assert.DoesNotContain("standard deviation", text, StringComparison.Ordinal);
        Assert.Empty(NumberCheck.Unsourced(text, context.Passages, context.Facts));
    }

    [Fact]
    public void Write_ParticipantsWithoutFactCount_DoesNotClaimNoNumberWhenAPassageGivesOne()
    {
        var context = ContentSamples.Context("participants", ParticipantPassages) with
        {
            Facts = ContentSamples.Facts with { Metadata = ContentSamples.Facts.Metadata with { PlannedParticipants = null } },
        };

        var text = OfflineSectionWriter.Write(context);

        Assert.Contains("240 people", text, StringComparison.Ordinal);
        Assert.DoesNotContain("does not give a clear number", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_Procedures_LeavesOutTableLegendsAndAbbreviationLists()
    {
        IReadOnlyList<Passage> passages =
        [
            new("P1", ContentSamples.Chunk(401, "6 Schedule of Activities", 7,
                "A X means the procedure is done at that visit. PK = pharmacokinetics. "
                + "Procedures marked research-only are done only because of this study. "
                + "Each clinic visit lasts about 2 to 4 hours and includes a walk test.")),
        ];
        var context = ContentSamples.Context("procedures", passages);

        var text = OfflineSectionWriter.Write(context);

        Assert.DoesNotContain("X means", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PK =", text, StringComparison.Ordinal);
        Assert.Contains("research-only", text, StringComparison.Ordinal);
    }

    private static readonly IReadOnlyList<Passage> ScreeningPassages =
    [
        new("P1", ContentSamples.Chunk(402, "5 Study Design", 5,
            "The screening process should occur within 2 weeks of randomization. "
            + "Subjects will have a physical exam and blood tests at the screening visit.")),
    ];

    [Fact]
    public void Write_ConsentSection_LeavesOutSentencesForTheStudyTeam()
    {
        var text = OfflineSectionWriter.Write(ContentSamples.Context("procedures", ScreeningPassages));

        Assert.DoesNotContain("should occur within 2 weeks", text, StringComparison.Ordinal);
        Assert.Contains("physical exam and blood tests", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_SectionWithoutConsentElements_KeepsSentencesForTheStudyTeam()
    {
        // A site checklist is written for the staff: the same sentence belongs there.
        var context = ContentSamples.Context("procedures", ScreeningPassages);
        context = context with { Section = context.Section with { ElementIds = [] } };

        var text = OfflineSectionWriter.Write(context);

        Assert.Contains("should occur within 2 weeks", text, StringComparison.Ordinal);
    }
}
