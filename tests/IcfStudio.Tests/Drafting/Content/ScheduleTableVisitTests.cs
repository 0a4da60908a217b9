using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Prompting;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Infrastructure;

namespace IcfStudio.Tests.Drafting.Content;

/// <summary>The visit table of a PDF, DOCX or text protocol comes from its schedule-of-activities table.</summary>
public sealed class ScheduleTableVisitTests
{
    public static TheoryData<string> SampleFiles => new()
    {
        "cardio-protocol.pdf",
        "cardio-protocol.docx",
        "cardio-protocol.md",
    };

    private static List<Passage> SchedulePassages(string path)
    {
        var document = ProtocolParser.Parse(File.ReadAllBytes(path), Path.GetFileName(path), cancellationToken: TestContext.Current.CancellationToken);
        return ProtocolChunker.Chunk(document.Blocks)
            .Select((c, i) => new Passage($"P{i + 1}", new ChunkHit(i + 1, "doc1", c.Text, c.SectionPath, c.PageStart, c.PageEnd, 1.0)))
            .ToList();
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void FromPassages_SampleSchedule_VisitsInOrderWithTheirProcedures(string fileName)
    {
        var visits = VisitTableBuilder.FromPassages(SchedulePassages(Path.Combine(RepoPaths.Samples, fileName)));

        Assert.Equal(["Screening", "Day 1", "Week 2", "Week 4", "Week 12", "Week 24", "Week 36", "Week 52"], visits.Select(v => v.Name));
        Assert.Contains("Informed consent", visits[0].Activities);
        Assert.DoesNotContain("Informed consent", visits[1].Activities);
        Assert.Contains("Randomization", visits[1].Activities);
        Assert.Contains("Echocardiogram", visits[5].Activities);
        Assert.DoesNotContain("Echocardiogram", visits[4].Activities);
        Assert.Contains("Pharmacokinetic blood sample", visits[2].Activities);
        Assert.DoesNotContain("Pharmacokinetic blood sample", visits[7].Activities);
        Assert.DoesNotContain("Dispense study tablets", visits[7].Activities);
        Assert.Equal(["Vital signs and weight", "12-lead ECG", "Blood tests (safety laboratory)", "Pharmacokinetic blood sample", "Adverse event review"], visits[2].Activities);
        Assert.Equal(["12-lead ECG", "Pharmacokinetic blood sample"], visits[2].ResearchOnly);
    }

    [Fact]
    public void Build_SampleSchedule_ResearchOnlyColumnFollowsTheProtocol()
    {
        var visits = VisitTableBuilder.FromPassages(SchedulePassages(Path.Combine(RepoPaths.Samples, "cardio-protocol.pdf")));

        var lines = VisitTableBuilder.Build(visits)!.Split('\n');

        Assert.Equal(2 + 8, lines.Length);
        Assert.StartsWith("| Screening | See the visit name. | Ask the study team. | Sign the consent form.", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("| Heart tracing (ECG). Blood draws to measure the study drug. |", lines[4], StringComparison.Ordinal);
        Assert.Contains("| Week 2 |", lines[4], StringComparison.Ordinal);
        Assert.DoesNotContain("Blood tests.", lines[4].Split('|')[5], StringComparison.Ordinal);
    }

    [Fact]
    public void FromPassages_MisalignedRows_YieldNoVisits()
    {
        Passage[] passages =
        [
            new("P1", ContentSamples.Chunk(1, "6 Schedule of Activities", 7,
                "Procedure | Screening | Day 1 | Week 2\nInformed consent | X | No\nECG | X | X | X\nVitals | X | X")),
        ];

        Assert.Empty(VisitTableBuilder.FromPassages(passages));
    }

    [Fact]
    public void FromPassages_TimingRow_GivesWhenEachVisitHappens()
    {
        Passage[] passages =
        [
            new("P1", ContentSamples.Chunk(1, "1.3 Schedule of Activities", 7,
                "Procedure | Screening | Baseline | Week 4\n | Day -28 to -1 | Day 1 | Day 28 ± 3\nInformed consent | X |  | \nECG | X | X | X\nGenetic sample (research only) |  | X | ")),
        ];

        var visits = VisitTableBuilder.FromPassages(passages);

        Assert.Equal(["Day -28 to -1", "Day 1", "Day 28 ± 3"], visits.Select(v => v.Timing));
        Assert.Equal(["ECG", "Genetic sample"], visits[1].Activities);
        Assert.Equal(["Genetic sample"], visits[1].ResearchOnly);
        Assert.Equal([], visits[0].ResearchOnly);
    }

    [Theory]
    [InlineData("alexion-nct04573309.pdf")]
    [InlineData("cdisc-pilot-lzzt.pdf")]
    [InlineData("lilly-nct03421379.pdf")]
    public void FromPassages_SharedProtocolsComplexSchedules_NoGuessedVisits(string fileName)
    {
        // Their schedules span pages with changing columns, spanned headers and notes: no table beats a wrong one.
        var path = SharedData.Require("protocols", fileName);

        Assert.Empty(VisitTableBuilder.FromPassages(SchedulePassages(path)));
    }

    [Fact]
    public void FromPassages_WrappedRowThatIsNoVisit_IsNotReadAsOne()
    {
        Passage[] passages = [new("P1", ContentSamples.Chunk(1, "2. Schedule of Activities", 7, "Medications | regimens to confirm\nInduce Hypoglycemia | insulin infusion"))];

        Assert.Empty(VisitTableBuilder.FromPassages(passages));
    }
}
