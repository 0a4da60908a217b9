using System.Text;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Templates;
using IcfStudio.Core.Export;
using IcfStudio.Core.Ingestion;

namespace IcfStudio.Tests.Export;

public sealed class ConsentDocumentBuilderTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    [Fact]
    public void Build_SummaryComesFirstThenTemplateOrder()
    {
        var draft = SampleConsent.Draft();
        var shuffled = draft with { Sections = [.. draft.Sections.Reverse()] };

        var document = ConsentDocumentBuilder.Build(shuffled, SampleConsent.Study(), SampleConsent.Template(), new ExportRequest(ExportFormat.Pdf), Today);

        Assert.Equal(SampleConsent.Sections.Select(s => s.Id), document.Sections.Select(s => s.SectionId));
        Assert.Equal("summary", document.Sections[0].SectionId);
    }

    [Fact]
    public void Build_ParsesParagraphsBulletsTablesAndBold()
    {
        var document = PdfExportTests.SampleDocument();

        var procedures = document.Sections.Single(s => s.SectionId == "procedures");
        Assert.IsType<ParagraphBlock>(procedures.Blocks[0]);
        var table = Assert.IsType<TableBlock>(procedures.Blocks[1]);
        Assert.Equal(["Group", "What you take", "Chance of being in the group"], table.Header!.Select(ConsentMarkdown.PlainText));
        Assert.Equal(2, table.Rows.Count);
        var list = procedures.Blocks.OfType<ListBlock>().Single();
        Assert.True(list.Numbered);
        Assert.Equal(3, list.Items.Count);
        Assert.Contains(procedures.Blocks, b => b is SubheadingBlock { Text: "Schedule of visits" });

        var summary = document.Sections[0];
        var bullets = Assert.IsType<ListBlock>(summary.Blocks[1]);
        Assert.False(bullets.Numbered);
        Assert.Equal(new InlineRun("Why is this study being done?", Bold: true), bullets.Items[0][0]);
    }

    [Fact]
    public void Build_ParticipantCopy_RemovesCitationMarksAndTheirSpace()
    {
        var document = PdfExportTests.SampleDocument();

        var text = ConsentMarkdown.PlainText(((ParagraphBlock)document.Sections.Single(s => s.SectionId == "purpose").Blocks[0]).Runs);
        Assert.EndsWith("(a pill with no medicine in it).", text);
        Assert.All(document.Sections, s => Assert.Empty(s.Notes));
    }

    [Fact]
    public void Build_Annotated_NumbersNotesAcrossTheDocument()
    {
        var document = PdfExportTests.SampleDocument(annotated: true);

        var numbers = document.Sections.SelectMany(s => s.Notes).Select(n => n.Number).ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        var first = document.Sections[0].Notes[0];
        Assert.Equal("P3", first.Key);
        Assert.Equal("Protocol p. 12, 2 Introduction > 2.1 Study Rationale [P3].", first.Text);
    }

    [Fact]
    public void Build_Annotated_UnknownKeyIsStillANote()
    {
        var markdown = new ConsentMarkdown(annotated: true, [], () => 1);

        var runs = markdown.ParseInline("Dose is 5 mg [P99, P98].");

        Assert.Equal(2, runs.Count(r => r.NoteNumber is not null));
        Assert.Contains("P99", markdown.Notes[0].Text);
    }

    [Fact]
    public void Build_Draft_ListsUnapprovedSectionsAndKeepsThem()
    {
        var document = PdfExportTests.SampleDocument(draft: true, annotated: false, "risks");

        Assert.True(document.IsDraft);
        Assert.Equal(["What Are the Risks and Discomforts?"], document.UnapprovedSections);
        Assert.Contains(document.Sections, s => s.SectionId == "risks");
    }

    [Theory]
    [InlineData("Age ≥ 18 years", false)]
    [InlineData("Aged 12 to 17 years at screening", true)]
    [InlineData("Participants 16 years of age or older", true)]
    [InlineData("At least 18 years old", false)]
    [InlineData("Paediatric patients with asthma", true)]
    [InlineData("LVEF ≤ 40%", false)]
    public void EnrollsMinors_ReadsEligibilityAges(string criterion, bool expected)
    {
        var study = SampleConsent.Study(new UsdmFacts { InclusionCriteria = [criterion] });

        Assert.Equal(expected, ConsentDocumentBuilder.EnrollsMinors(study));
    }

    [Fact]
    public void Build_DefaultTemplate_GroupsSignatureLinesAndAddsGuardianOnlyForMinors()
    {
        var template = TemplateCatalog.Load(TemplateCatalog.DefaultTemplateId);

        var adults = ConsentDocumentBuilder.SignatureGroups(template.SignatureLines, enrollsMinors: false);
        var minors = ConsentDocumentBuilder.SignatureGroups(template.SignatureLines, enrollsMinors: true);

        Assert.Equal(["Participant", "Person obtaining consent"], adults.Select(g => g.Heading));
        Assert.Equal(["Participant", "Person obtaining consent", "Parent or legal guardian"], minors.Select(g => g.Heading));
        Assert.Equal(["Printed name of participant", "Signature of participant", "Date"], adults[0].Lines);
        Assert.Contains("Relationship to participant", minors[2].Lines);
    }

    [Fact]
    public void SignatureGroups_AdultsUnableToConsent_AddsRepresentativeBlockOnlyWhenTrue()
    {
        var template = TemplateCatalog.Load(TemplateCatalog.DefaultTemplateId);

        var capable = ConsentDocumentBuilder.SignatureGroups(template.SignatureLines, enrollsMinors: false, adultsUnableToConsent: false);
        var unable = ConsentDocumentBuilder.SignatureGroups(template.SignatureLines, enrollsMinors: false, adultsUnableToConsent: true);
        var both = ConsentDocumentBuilder.SignatureGroups(template.SignatureLines, enrollsMinors: true, adultsUnableToConsent: true);

        Assert.DoesNotContain(capable, g => g.Heading == "Legally authorized representative");
        Assert.Equal(["Participant", "Legally authorized representative", "Person obtaining consent"], unable.Select(g => g.Heading));
        Assert.Equal(
            ["Printed name of participant", "Printed name of legally authorized representative", "Relationship to participant / authority to act for the participant", "Signature of legally authorized representative", "Date"],
            unable[1].Lines);
        Assert.Equal(["Participant", "Legally authorized representative", "Person obtaining consent", "Parent or legal guardian"], both.Select(g => g.Heading));
    }

    [Fact]
    public void SignatureGroups_TemplateWithItsOwnRepresentativeLines_UsesThemOnlyWhenAdultsUnableToConsent()
    {
        string[] lines =
        [
            "Signature of participant", "Date",
            "Name of legally authorised representative", "Signature of LAR", "Relationship to participant", "Date",
            "Signature of person obtaining consent", "Date",
        ];

        var capable = ConsentDocumentBuilder.SignatureGroups(lines, enrollsMinors: false, adultsUnableToConsent: false);
        var unable = ConsentDocumentBuilder.SignatureGroups(lines, enrollsMinors: false, adultsUnableToConsent: true);

        Assert.Equal(["Participant", "Person obtaining consent"], capable.Select(g => g.Heading));
        var representative = Assert.Single(unable, g => g.Heading == "Legally authorized representative");
        Assert.Equal(["Name of legally authorised representative", "Signature of LAR", "Relationship to participant", "Date"], representative.Lines);
    }

    [Fact]
    public void Build_TemplateSignatureSection_BecomesTheStatementAboveTheLines()
    {
        var draft = SampleConsent.Draft();
        draft = draft with
        {
            Sections = [.. draft.Sections, new DraftSection("signature", "Signatures", 999, SectionStatus.Approved, "I agree to take part in this study.", 7, [], 2)],
        };

        var document = ConsentDocumentBuilder.Build(draft, SampleConsent.Study(), SampleConsent.Template(), new ExportRequest(ExportFormat.Md), Today);

        Assert.DoesNotContain(document.Sections, s => s.SectionId == "signature");
        Assert.Equal("Signatures", document.SignatureSection.Title);
        Assert.Equal("I agree to take part in this study.", ConsentMarkdown.PlainText(((ParagraphBlock)document.SignatureSection.Blocks[0]).Runs));
    }

    [Fact]
    public void MarkdownExport_HasHeadingsFootnotesAndNoCitationMarks()
    {
        var exporter = new MarkdownConsentExporter();

        var plain = Encoding.UTF8.GetString(exporter.Export(PdfExportTests.SampleDocument()).Content);
        var annotated = Encoding.UTF8.GetString(exporter.Export(PdfExportTests.SampleDocument(annotated: true)).Content);

        Assert.StartsWith("# Informed Consent Form", plain);
        Assert.Contains("## Key Information About This Study", plain);
        Assert.Contains("| Group | What you take | Chance of being in the group |", plain);
        Assert.Contains("1. Check your blood pressure", plain);
        Assert.Contains("- **Why is this study being done?** To learn", plain);
        Assert.DoesNotContain("[P", plain);
        Assert.DoesNotContain("[^", plain);
        Assert.Contains("stay out of the hospital[^1].", annotated);
        Assert.Contains("[^1]: Protocol p. 12, 2 Introduction > 2.1 Study Rationale [P3].", annotated);
        Assert.Contains("Signature of participant: ____", plain);
    }
}
