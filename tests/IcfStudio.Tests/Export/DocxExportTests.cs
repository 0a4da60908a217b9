using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using IcfStudio.Core.Export;

namespace IcfStudio.Tests.Export;

public sealed class DocxExportTests
{
    private static WordprocessingDocument Open(ExportOutput output) => WordprocessingDocument.Open(new MemoryStream(output.Content), false);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void Export_SampleDocument_HasNoValidationErrors(bool draft, bool annotated)
    {
        var output = new DocxConsentExporter().Export(PdfExportTests.SampleDocument(draft, annotated, draft ? ["risks"] : []));

        using var word = Open(output);
        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(word, TestContext.Current.CancellationToken).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")));
    }

    [Fact]
    public void Export_WithRepresentativeBlock_HasNoValidationErrors()
    {
        var output = new DocxConsentExporter().Export(PdfExportTests.SampleDocumentWithRepresentative(adultsUnableToConsent: true));

        using var word = Open(output);
        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(word, TestContext.Current.CancellationToken).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Export_AdultsUnableToConsent_HasRepresentativeHeadingAndLinesOnlyWhenTrue(bool adultsUnableToConsent)
    {
        using var word = Open(new DocxConsentExporter().Export(PdfExportTests.SampleDocumentWithRepresentative(adultsUnableToConsent)));

        var body = word.MainDocumentPart!.Document!.Body!;
        var subheadings = body.Elements<Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading2")
            .Select(p => string.Concat(p.Descendants<Text>().Select(t => t.Text)))
            .ToList();
        var tables = body.Elements<Table>()
            .Select(table => table.Descendants<Paragraph>().Select(p => string.Concat(p.Descendants<Text>().Select(t => t.Text))).Where(t => t.Length > 0).ToList())
            .ToList();
        var labels = tables.FirstOrDefault(t => t.Contains("Printed name of legally authorized representative")) ?? tables.SelectMany(t => t).ToList();
        if (adultsUnableToConsent)
        {
            // Signed instead of the participant: right after the participant's block.
            var at = subheadings.IndexOf("Legally authorized representative");
            Assert.Equal(("Participant", "Person obtaining consent"), (subheadings[at - 1], subheadings[at + 1]));
            Assert.Equal(
                ["Printed name of participant", "Printed name of legally authorized representative", "Relationship to participant / authority to act for the participant", "Signature of legally authorized representative", "Date"],
                labels);
        }
        else
        {
            Assert.DoesNotContain("Legally authorized representative", subheadings);
            Assert.DoesNotContain(labels, l => l.Contains("legally authorized", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Export_Sections_UseHeadingStylesInTemplateOrder()
    {
        using var word = Open(new DocxConsentExporter().Export(PdfExportTests.SampleDocument()));

        var styles = word.MainDocumentPart!.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);
        Assert.Equal("heading 1", styles["Heading1"].StyleName!.Val!.Value);
        Assert.Equal(0, styles["Heading1"].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        Assert.Equal("heading 2", styles["Heading2"].StyleName!.Val!.Value);

        var headings = word.MainDocumentPart.Document!.Body!.Elements<Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1")
            .Select(p => string.Concat(p.Descendants<Text>().Select(t => t.Text)))
            .ToList();
        Assert.Equal([.. SampleConsent.Sections.Select(s => s.Title), "Signatures"], headings);
        Assert.Contains("Schedule of visits", word.MainDocumentPart.Document.Body.Elements<Paragraph>()
            .Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading2")
            .Select(p => string.Concat(p.Descendants<Text>().Select(t => t.Text))));
    }

    [Fact]
    public void Export_Footer_HasPageAndNumPagesFieldsAndInitials()
    {
        using var word = Open(new DocxConsentExporter().Export(PdfExportTests.SampleDocument()));

        var footer = word.MainDocumentPart!.FooterParts.Single().Footer!;
        var fields = footer.Descendants<SimpleField>().Select(f => f.Instruction!.Value!.Trim().Split(' ')[0]).ToList();
        Assert.Equal(["PAGE", "NUMPAGES"], fields);
        Assert.All(footer.Descendants<SimpleField>(), f => Assert.NotEmpty(f.Descendants<Text>()));
        var text = string.Concat(footer.Descendants<Text>().Select(t => t.Text));
        Assert.Contains("Participant initials:", text);
        Assert.Contains("Page 1 of 1", text);

        var header = string.Concat(word.MainDocumentPart.HeaderParts.Single().Header!.Descendants<Text>().Select(t => t.Text));
        Assert.Contains("CARDIO-HF", header);
        Assert.Contains("Informed Consent Form", header);
        Assert.Contains("Version 1.0, 28 November 2026", header);
    }

    [Fact]
    public void Export_Lists_UseNumberingPart()
    {
        using var word = Open(new DocxConsentExporter().Export(PdfExportTests.SampleDocument()));

        var numbered = word.MainDocumentPart!.Document!.Body!.Descendants<NumberingProperties>().ToList();
        Assert.NotEmpty(numbered);
        var numIds = word.MainDocumentPart.NumberingDefinitionsPart!.Numbering!.Elements<NumberingInstance>().Select(n => n.NumberID!.Value).ToHashSet();
        Assert.All(numbered, n => Assert.Contains(n.NumberingId!.Val!.Value, numIds));
        Assert.NotEmpty(word.MainDocumentPart.Document.Body.Descendants<Table>());
    }

    [Fact]
    public void Export_Annotated_WritesRealFootnotes()
    {
        using var word = Open(new DocxConsentExporter().Export(PdfExportTests.SampleDocument(annotated: true)));

        var notes = word.MainDocumentPart!.FootnotesPart!.Footnotes!.Elements<Footnote>().Where(f => f.Id!.Value > 0).ToList();
        Assert.NotEmpty(notes);
        Assert.Contains(notes, n => string.Concat(n.Descendants<Text>().Select(t => t.Text)).Contains("Protocol p. 12, 2 Introduction > 2.1 Study Rationale [P3]"));
        Assert.Equal(notes.Count, word.MainDocumentPart.Document!.Body!.Descendants<FootnoteReference>().Count());
    }

    [Fact]
    public void Export_ParticipantCopy_HasNoCitationsOrFootnotes()
    {
        using var word = Open(new DocxConsentExporter().Export(PdfExportTests.SampleDocument()));

        Assert.Null(word.MainDocumentPart!.FootnotesPart);
        var text = string.Concat(word.MainDocumentPart.Document!.Body!.Descendants<Text>().Select(t => t.Text));
        Assert.DoesNotContain("[P", text);
    }

    [Fact]
    public void Export_Draft_HasWatermarkAndUnapprovedList()
    {
        using var word = Open(new DocxConsentExporter().Export(PdfExportTests.SampleDocument(draft: true, annotated: false, "risks")));

        var header = word.MainDocumentPart!.HeaderParts.Single().Header!;
        Assert.Contains(header.Descendants<DocumentFormat.OpenXml.Vml.TextPath>(), t => t.String?.Value == "DRAFT");
        var text = string.Concat(word.MainDocumentPart.Document!.Body!.Descendants<Text>().Select(t => t.Text));
        Assert.Contains("1 section(s) are not yet approved:What Are the Risks and Discomforts?", text);
    }
}
