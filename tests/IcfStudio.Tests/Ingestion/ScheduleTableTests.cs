using IcfStudio.Core.Ingestion;

namespace IcfStudio.Tests.Ingestion;

/// <summary>Table rows keep their columns: an X stays under its visit in every format the sample comes in.</summary>
public sealed class ScheduleTableTests
{
    public static TheoryData<string> SampleFiles => new()
    {
        "cardio-protocol.pdf",
        "cardio-protocol.docx",
        "cardio-protocol.md",
    };

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Parse_SampleSchedule_RowsAlignToTheHeaderColumns(string fileName)
    {
        var document = ProtocolParser.Parse(File.ReadAllBytes(Path.Combine(Infrastructure.RepoPaths.Samples, fileName)), fileName, cancellationToken: TestContext.Current.CancellationToken);
        var rows = document.Blocks.Where(b => b.Kind == BlockKind.TableRow).Select(b => b.Text).ToList();

        var header = Assert.Single(rows, r => r.StartsWith("Procedure | ", StringComparison.Ordinal));
        Assert.Equal("Procedure | Screening | Day 1 | Week 2 | Week 4 | Week 12 | Week 24 | Week 36 | Week 52 | Research-only", header);
        Assert.Contains("Informed consent | X |  |  |  |  |  |  |  | No", rows);
        Assert.Contains("Echocardiogram | X |  |  |  |  | X |  | X | Yes", rows);
        Assert.Contains("Pharmacokinetic blood sample |  | X | X |  | X | X |  |  | Yes", rows);
        Assert.Contains("Dispense study tablets |  | X |  | X | X | X | X |  | Yes", rows);
        var start = rows.IndexOf(header);
        Assert.All(rows.Skip(start).Take(17), r => Assert.Equal(10, r.Split(" | ").Length));
    }

    [Fact]
    public void Parse_SharedScheduleWithWrappedLabels_RowsKeepTheirVisitColumns()
    {
        var path = Infrastructure.SharedData.Require("protocols", "cdisc-pilot-lzzt.pdf");
        var document = ProtocolParser.Parse(File.ReadAllBytes(path), Path.GetFileName(path), cancellationToken: TestContext.Current.CancellationToken);
        var rows = document.Blocks.Where(b => b.Kind == BlockKind.TableRow).Select(b => b.Text).ToList();

        Assert.Contains("Informed consent |  | X |  |  |  |  |  | ", rows);
        Assert.Contains("Apo E genotyping |  |  |  |  | X |  |  | ", rows);
        // After "CT Scan (if not within" wraps over two lines of its own.
        Assert.Contains("Concomitant Medications |  | X |  | X | X | X | X | X", rows);
        Assert.Contains("Plasma Specimen |  |  |  | X | X | X | X | ", rows);
    }
}
