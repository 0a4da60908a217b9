using IcfStudio.Core.Drafting.Prompting;
using IcfStudio.Core.Ingestion;

namespace IcfStudio.Tests.Drafting.Content;

public sealed class VisitTableBuilderTests
{
    [Fact]
    public void Build_UsdmVisits_OneRowPerVisitInPlainWords()
    {
        var table = VisitTableBuilder.Build(ContentSamples.Facts.Facts!.Visits)!;

        var lines = table.Split('\n');
        Assert.Equal("| Visit | When | About how long | What happens | Research only? |", lines[0]);
        Assert.StartsWith("| --- |", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("| Screening | Day -14 | Ask the study team. | Sign the consent form. Check whether you can join. Questions about your health. Blood tests. Heart tracing (ECG). | None listed. |", lines[2], StringComparison.Ordinal);
        Assert.Contains("Assigned to a group by chance", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("| Assigned to a group by chance. Take the study drug. Blood draws to measure the study drug. |", lines[3], StringComparison.Ordinal);
        Assert.DoesNotContain("Hematology", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ConsecutiveVisitsWithSameActivities_AreMerged()
    {
        var table = VisitTableBuilder.Build(ContentSamples.Facts.Facts!.Visits)!;

        Assert.Contains("| Week 4 to Week 8 | Day 28 to Day 56 |", table, StringComparison.Ordinal);
        Assert.Equal(2 + 4, table.Split('\n').Length);
    }

    [Fact]
    public void Build_NoVisits_ReturnsNull()
    {
        Assert.Null(VisitTableBuilder.Build([]));
    }

    [Fact]
    public void Build_PipesInNames_DoNotBreakTheTable()
    {
        var table = VisitTableBuilder.Build([new ScheduledVisit("Day 1 | AM", null, ["Vital signs"])])!;

        Assert.Contains("| Day 1 / AM | See the visit name. | Ask the study team. | Blood pressure and pulse. | None listed. |", table, StringComparison.Ordinal);
    }
}

public sealed class VisitTableFromPassagesTests
{
    [Fact]
    public void FromPassages_ScheduleChunk_ReadsVisitLinesAndIgnoresOtherText()
    {
        IcfStudio.Core.Drafting.Passage[] passages =
        [
            new("P1", ContentSamples.Chunk(7, "Schedule of Activities", 6,
                "Schedule of Activities\nScreening (Day -14) | Informed consent, Hematology, ECG\nWeek 4 (Day 28) | Vital signs, Adverse events\nnot a row at all")),
            new("P2", ContentSamples.Chunk(8, "7 Safety", 40, "Week 9 (Day 60) | Vital signs")),
        ];

        var visits = VisitTableBuilder.FromPassages(passages);

        Assert.Equal(["Screening", "Week 4"], visits.Select(v => v.Name));
        Assert.Equal("Day -14", visits[0].Timing);
        Assert.Equal(["Informed consent", "Hematology", "ECG"], visits[0].Activities);
    }

    [Fact]
    public void VisitTable_StudyWithoutStructuredVisits_UsesTheScheduleInThePassages()
    {
        var context = ContentSamples.Context("procedures",
            [new("P1", ContentSamples.Chunk(7, "1.3 Schedule of Activities", 6, "Screening (Day -14) | Informed consent, ECG\nWeek 4 (Day 28) | Vital signs"))])
            with { Facts = ContentSamples.Facts with { Facts = null } };

        var table = SectionPrompt.VisitTable(context);

        Assert.NotNull(table);
        Assert.Contains("| Week 4 | Day 28 |", table, StringComparison.Ordinal);
    }
}
