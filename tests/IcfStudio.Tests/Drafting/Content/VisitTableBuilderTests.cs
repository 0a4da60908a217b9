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
        Assert.StartsWith("| Screening | Day -14 | Ask the study team | Sign the consent form, check whether you can join, questions about your health, blood tests, heart tracing (ECG). | None listed |", lines[2], StringComparison.Ordinal);
        Assert.Contains("Assigned to a group by chance", lines[3], StringComparison.Ordinal);
        Assert.Contains("take the study drug", lines[3], StringComparison.Ordinal);
        Assert.EndsWith("| Assigned to a group by chance, take the study drug, blood draws to measure the study drug. |", lines[3], StringComparison.Ordinal);
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

        Assert.Contains("| Day 1 / AM | See the visit name | Ask the study team | Blood pressure and pulse. | None listed |", table, StringComparison.Ordinal);
    }
}
