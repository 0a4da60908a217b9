using IcfStudio.Core.Ingestion;
using UglyToad.PdfPig;

namespace IcfStudio.Tests.Ingestion;

/// <summary>The shipped CARDIO sample must parse well in every format it comes in.</summary>
public sealed class SampleProtocolTests
{
    public static TheoryData<string> SampleFiles => new()
    {
        "cardio-protocol.pdf",
        "cardio-protocol.docx",
        "cardio-protocol.md",
    };

    private static ProtocolDocument Parse(string fileName) =>
        ProtocolParser.Parse(File.ReadAllBytes(Path.Combine(Infrastructure.RepoPaths.Samples, fileName)), fileName, cancellationToken: TestContext.Current.CancellationToken);

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Parse_Sample_ExtractsMetadataWithPages(string fileName)
    {
        var metadata = Parse(fileName).Metadata;

        Assert.Equal("CARDIO", metadata.Acronym?.Value);
        Assert.StartsWith("CARDIO: A Randomized, Double-Blind, Placebo-Controlled Phase 3 Study of Cardiozan", metadata.Title?.Value, StringComparison.Ordinal);
        Assert.Equal(1, metadata.Title?.Page);
        Assert.Equal("CN-2025-301", metadata.ProtocolNumber?.Value);
        Assert.Equal("2.0", metadata.Version?.Value);
        Assert.Equal("14 March 2025", metadata.VersionDate?.Value);
        Assert.Equal("Northwind Cardiac Research Inc.", metadata.Sponsor?.Value);
        Assert.Equal("Phase 3", metadata.Phase?.Value);
        Assert.Equal("NCT09912345", metadata.NctId?.Value);
        Assert.Equal("240", metadata.PlannedParticipants?.Value);
        Assert.Equal("52 weeks", metadata.Duration?.Value);
        Assert.NotNull(metadata.PlannedParticipants?.Page);
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Parse_Sample_KeepsHeadingHierarchyAndTable(string fileName)
    {
        var document = Parse(fileName);
        var headings = document.Blocks.Where(b => b.Kind == BlockKind.Heading).ToList();

        Assert.Contains(headings, h => h is { Text: "4 Study Population", Level: 1 });
        Assert.Contains(headings, h => h is { Text: "4.1 Inclusion Criteria", Level: 2 });
        Assert.Contains(headings, h => h is { Text: "6 Schedule of Activities", Level: 1 });
        Assert.Contains(headings, h => h is { Text: "10.1 Sample Size", Level: 2 });
        var echoRow = Assert.Single(document.Blocks, b => b.Kind == BlockKind.TableRow && b.Text.StartsWith("Echocardiogram", StringComparison.Ordinal));
        Assert.Contains(" | ", echoRow.Text, StringComparison.Ordinal);

        var chunks = ProtocolChunker.Chunk(document.Blocks);
        Assert.Contains(chunks, c => c.SectionPath == "4 Study Population > 4.1 Inclusion Criteria" && c.Text.Contains("ejection fraction of 40% or less", StringComparison.Ordinal));
        Assert.All(chunks, c => Assert.InRange(c.PageStart, 1, c.PageEnd));
        Assert.All(chunks, c => Assert.InRange(c.PageEnd, c.PageStart, document.Pages.Count));
    }

    [Fact]
    public void ParsePdf_Sample_PageCountMatchesAndRunningLinesAreRemoved()
    {
        var document = Parse("cardio-protocol.pdf");
        using var pdf = PdfDocument.Open(Path.Combine(Infrastructure.RepoPaths.Samples, "cardio-protocol.pdf"));

        Assert.Equal(pdf.NumberOfPages, document.Pages.Count);
        Assert.InRange(document.Pages.Count, 8, 15);
        Assert.All(document.Pages, page =>
        {
            Assert.DoesNotContain("Version 2.0 · Confidential", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain($"Page {page.Number} of", page.Text, StringComparison.Ordinal);
        });
        Assert.Equal(7, document.Blocks.First(b => b.Text == "7.1 Blood Draws").Page);
        var title = document.Blocks[0];
        Assert.Equal((BlockKind.Heading, 1), (title.Kind, title.Level));
        Assert.StartsWith("CARDIO: A Randomized, Double-Blind,", title.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseDocx_Sample_PagesFollowPageBreaks()
    {
        var document = Parse("cardio-protocol.docx");

        Assert.InRange(document.Pages.Count, 6, 15);
        Assert.Equal(2, document.Blocks.First(b => b.Text == "Synopsis").Page);
        Assert.Equal(3, document.Blocks.First(b => b.Text == "1 Introduction and Background").Page);
    }

    [Fact]
    public void SampleDocx_IsValidOpenXml()
    {
        using var docx = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(Path.Combine(Infrastructure.RepoPaths.Samples, "cardio-protocol.docx"), false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(docx, TestContext.Current.CancellationToken).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
    }
}
