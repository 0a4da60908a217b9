using System.Diagnostics;
using System.Text.RegularExpressions;
using IcfStudio.Core;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Templates;
using IcfStudio.Core.Export;
using IcfStudio.Tests.Infrastructure;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Tokens;

namespace IcfStudio.Tests.Export;

public sealed class PdfExportTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(SampleConsent.Now.UtcDateTime);

    private const string SignatureStatement =
        "By signing this form, I confirm that:\n\n- I have read this form, or it was read to me.\n- My questions have been answered.\n- I agree to take part in this study.\n- I will get a signed and dated copy of this form.";

    internal static ConsentDocument SampleDocument(bool draft = false, bool annotated = false, params string[] unapproved) =>
        ConsentDocumentBuilder.Build(
            SampleConsent.Draft(unapproved),
            SampleConsent.Study(),
            SampleConsent.Template(),
            new ExportRequest(ExportFormat.Pdf, draft, annotated),
            Today);

    [Fact]
    public async Task Export_SampleConsentForm_RendersPngArtifacts()
    {
        var output = Path.Combine(RepoPaths.Root, "artifacts", "consent-form");
        Directory.CreateDirectory(output);
        foreach (var file in Directory.GetFiles(output))
        {
            File.Delete(file);
        }

        // The sample form as a reviewer gets it: the shipped template's signature lines and closing statement.
        var template = SampleConsent.Template(TemplateCatalog.Load(TemplateCatalog.DefaultTemplateId).SignatureLines);
        ConsentDocument Sample(bool draft, bool annotated, params string[] unapproved)
        {
            var record = SampleConsent.Draft(unapproved);
            record = record with { Sections = [.. record.Sections, new DraftSection("signature", "Signatures", 999, SectionStatus.Approved, SignatureStatement, 40, [], 2)] };
            return ConsentDocumentBuilder.Build(record, SampleConsent.Study(), template, new ExportRequest(ExportFormat.Pdf, draft, annotated), Today);
        }

        var final = new PdfConsentExporter().Export(Sample(draft: false, annotated: false));
        var draft = new PdfConsentExporter().Export(Sample(draft: true, annotated: true, "risks", "costs"));
        var finalPath = Path.Combine(output, "CARDIO-HF_ICF_final.pdf");
        var draftPath = Path.Combine(output, "CARDIO-HF_ICF_draft-annotated.pdf");
        await File.WriteAllBytesAsync(finalPath, final.Content, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(draftPath, draft.Content, TestContext.Current.CancellationToken);

        await RunPdfToPpmAsync(finalPath, Path.Combine(output, "final-page"));
        await RunPdfToPpmAsync(draftPath, Path.Combine(output, "draft-page"));

        using var pdf = PdfDocument.Open(final.Content);
        var pngs = Directory.GetFiles(output, "final-page-*.png");
        Assert.Equal(pdf.NumberOfPages, pngs.Length);
        Assert.All(pngs, p => Assert.True(new FileInfo(p).Length > 10_000, $"{p} looks blank"));
    }

    [Fact]
    public void Export_Final_EveryPageSaysPageXOfY()
    {
        using var pdf = PdfDocument.Open(new PdfConsentExporter().Export(SampleDocument()).Content);

        Assert.True(pdf.NumberOfPages >= 3, $"expected a multi-page form, got {pdf.NumberOfPages}");
        foreach (var page in pdf.GetPages())
        {
            var text = PageText(page);
            Assert.Contains($"Page {page.Number} of {pdf.NumberOfPages}", text);
            Assert.Contains("Participant initials:", text);
            Assert.Contains("CARDIO-HF · Informed Consent Form", text);
            Assert.Contains("Version 1.0, 28 November 2026", text);
        }
    }

    [Fact]
    public void Export_Final_HasTitleBlockStampBoxAndEveryApprovedSectionInOrder()
    {
        using var pdf = PdfDocument.Open(new PdfConsentExporter().Export(SampleDocument()).Content);

        var first = PageText(pdf.GetPage(1));
        Assert.Contains("IRB approval stamp", first);
        Assert.Contains("Protocol CZ-301 (version 3.0, 12 March 2026)", first);
        Assert.Contains("Sponsor Northwind Cardiology Inc.", first);
        Assert.Contains("Principal investigator", first);
        Assert.Contains("Study site", first);
        Assert.Contains("Key Information About This Study", first);

        var all = string.Join(" ", pdf.GetPages().Select(PageText));
        var at = 0;
        foreach (var title in SampleConsent.Sections.Select(s => s.Title).Append("Signatures").Append("Printed name of participant").Append("Signature of person obtaining consent"))
        {
            var next = all.IndexOf(title, at, StringComparison.Ordinal);
            Assert.True(next >= 0, $"'{title}' missing or out of order");
            at = next + title.Length;
        }

        Assert.DoesNotContain("guardian", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("DRAFT", all, StringComparison.Ordinal);
    }

    /// <summary>The sample form of a study that may (or may not) enrol adults unable to consent for themselves.</summary>
    internal static ConsentDocument SampleDocumentWithRepresentative(bool adultsUnableToConsent) =>
        ConsentDocumentBuilder.Build(
            SampleConsent.Draft(),
            SampleConsent.Study(),
            SampleConsent.Template(),
            new ExportRequest(ExportFormat.Pdf),
            Today,
            adultsUnableToConsent);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Export_AdultsUnableToConsent_HasRepresentativeBlockOnlyWhenTrue(bool adultsUnableToConsent)
    {
        using var pdf = PdfDocument.Open(new PdfConsentExporter().Export(SampleDocumentWithRepresentative(adultsUnableToConsent)).Content);

        var all = string.Join(" ", pdf.GetPages().Select(PageText));
        if (adultsUnableToConsent)
        {
            // Signed instead of the participant: after the participant's signature, before the person obtaining consent.
            var at = all.IndexOf("Signature of participant", StringComparison.Ordinal);
            Assert.True(at >= 0, "participant block missing");
            foreach (var label in new[]
            {
                "Legally authorized representative", "Printed name of participant", "Printed name of legally authorized representative",
                "Relationship to participant / authority to act for the participant", "Signature of legally authorized representative", "Date",
                "Signature of person obtaining consent",
            })
            {
                var next = all.IndexOf(label, at, StringComparison.Ordinal);
                Assert.True(next >= 0, $"'{label}' missing or out of order");
                at = next + label.Length;
            }
        }
        else
        {
            Assert.DoesNotContain("legally authorized representative", all, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Export_Final_NoTextOutsideTheMargins()
    {
        using var pdf = PdfDocument.Open(new PdfConsentExporter().Export(SampleDocument()).Content);

        foreach (var page in pdf.GetPages())
        {
            Assert.Equal(612, page.Width, 1);
            Assert.Equal(792, page.Height, 1);
            foreach (var word in page.GetWords())
            {
                var box = word.BoundingBox;
                Assert.True(box.Left >= 71.5 && box.Right <= 540.5, $"page {page.Number}: '{word.Text}' at x {box.Left:F1}–{box.Right:F1} is outside the 1 inch side margins");
                Assert.True(box.Bottom >= 30 && box.Top <= 762, $"page {page.Number}: '{word.Text}' at y {box.Bottom:F1}–{box.Top:F1} is off the printable area");
            }
        }
    }

    [Fact]
    public void Export_Fonts_AreEmbedded()
    {
        using var pdf = PdfDocument.Open(new PdfConsentExporter().Export(SampleDocument()).Content);

        var descriptors = pdf.Structure.CrossReferenceTable.ObjectOffsets.Keys
            .Select(k => pdf.Structure.GetObject(k).Data)
            .OfType<DictionaryToken>()
            .Where(d => d.Data.TryGetValue(NameToken.Type.Data, out var type) && Equals(type, NameToken.FontDescriptor))
            .ToList();
        Assert.NotEmpty(descriptors);
        Assert.All(descriptors, d => Assert.True(
            d.ContainsKey(NameToken.FontFile) || d.ContainsKey(NameToken.FontFile2) || d.ContainsKey(NameToken.FontFile3),
            $"font {d.Data[NameToken.FontName.Data]} is not embedded"));
        var fonts = pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName ?? "").Distinct().ToList();
        Assert.Contains(fonts, f => f.EndsWith("+DejaVu Serif", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.EndsWith("+DejaVu Sans,Bold", StringComparison.Ordinal));
        Assert.Contains(fonts, f => f.EndsWith("+Droid Sans Fallback", StringComparison.Ordinal));
    }

    [Fact]
    public void Export_ParticipantCopy_DropsCitations_AnnotatedKeepsThemAsNotes()
    {
        using var plain = PdfDocument.Open(new PdfConsentExporter().Export(SampleDocument()).Content);
        using var annotated = PdfDocument.Open(new PdfConsentExporter().Export(SampleDocument(annotated: true)).Content);

        var plainText = string.Join(" ", plain.GetPages().Select(PageText));
        Assert.DoesNotContain("[P", plainText, StringComparison.Ordinal);
        Assert.Contains("stay out of the hospital.", plainText, StringComparison.Ordinal);
        var annotatedText = string.Join(" ", annotated.GetPages().Select(PageText));
        Assert.Contains("Protocol p. 12, 2 Introduction > 2.1 Study Rationale [P3].", annotatedText, StringComparison.Ordinal);
        Assert.Contains("Protocol pp. 22–23, 2 Introduction > 2.3 Benefit/Risk Assessment [P12].", annotatedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_Draft_WatermarksEveryPageAndListsUnapprovedSections()
    {
        using var pdf = PdfDocument.Open(new PdfConsentExporter().Export(SampleDocument(draft: true, annotated: false, "risks", "costs")).Content);

        foreach (var page in pdf.GetPages())
        {
            var big = string.Concat(page.Letters.Where(l => l.PointSize > 60).Select(l => l.Value));
            Assert.Equal("DRAFT", big);
        }

        var first = PageText(pdf.GetPage(1));
        Assert.Contains("DRAFT – not approved for use with participants", first);
        Assert.Contains("2 section(s) are not yet approved:", first);
        Assert.Contains("What Are the Risks and Discomforts?", first);
        Assert.Contains("Costs and Payments", first);
    }

    [Fact]
    public void Build_FinalWithUnapprovedSections_IsRefusedNamingThem()
    {
        var error = Assert.Throws<InvalidStateException>(() => SampleDocument(draft: false, annotated: false, "risks", "costs"));

        Assert.Contains("What Are the Risks and Discomforts? (risks, ready)", error.Message);
        Assert.Contains("Costs and Payments (costs, ready)", error.Message);
    }

    [Fact]
    public void Export_LongSections_FlowAcrossPagesWithoutWidowedHeadings()
    {
        var sections = Enumerable.Range(1, 9).Select(i => (Id: $"s{i}", Title: $"Section Heading {i}", Content: string.Join("\n\n",
            Enumerable.Range(1, i * 3).Select(p => $"Start{i}x{p} " + string.Join(" ", Enumerable.Repeat("The study team will explain each step and answer your questions before you decide.", 1 + (p % 4)))))))
            .ToList();
        var document = Build(sections);

        using var pdf = PdfDocument.Open(new PdfConsentExporter().Export(document).Content);

        Assert.True(pdf.NumberOfPages >= 6, $"expected the text to flow over many pages, got {pdf.NumberOfPages}");
        var pages = pdf.GetPages().Select(p => (p.Number, Words: p.GetWords().Select(w => w.Text).ToList())).ToList();
        foreach (var (id, title, content) in sections)
        {
            var n = id[1..];
            var headingPage = pages.Single(p => string.Join(" ", p.Words).Contains(title + " ", StringComparison.Ordinal) || string.Join(" ", p.Words).EndsWith(title, StringComparison.Ordinal)).Number;
            var firstWordPage = pages.Single(p => p.Words.Contains($"Start{n}x1")).Number;
            Assert.Equal(headingPage, firstWordPage);
            var paragraphs = int.Parse(n, System.Globalization.CultureInfo.InvariantCulture) * 3;
            Assert.Single(pages, p => p.Words.Contains($"Start{n}x{paragraphs}"));
        }

        foreach (var page in pdf.GetPages())
        {
            Assert.Contains($"Page {page.Number} of {pdf.NumberOfPages}", PageText(page));
        }
    }

    [Fact]
    public void Export_LongTable_RepeatsItsHeaderRowOnEveryPage()
    {
        var rows = string.Join("\n", Enumerable.Range(1, 90).Select(i => $"| Visit{i} | Week {i} | Vital signs, blood tests and a short questionnaire about how you feel |"));
        var document = Build([("procedures", "Schedule", $"Visits:\n\n| Visit | When | What happens |\n| --- | --- | --- |\n{rows}")]);

        using var pdf = PdfDocument.Open(new PdfConsentExporter().Export(document).Content);

        var pagesWithRows = pdf.GetPages().Where(p => p.GetWords().Any(w => w.Text.StartsWith("Visit", StringComparison.Ordinal) && w.Text.Length > 5)).ToList();
        Assert.True(pagesWithRows.Count >= 3, $"expected the table to span pages, got {pagesWithRows.Count}");
        Assert.All(pagesWithRows, p => Assert.Contains("Visit When What happens", PageText(p)));
        var all = string.Join(" ", pdf.GetPages().Select(PageText));
        Assert.All(Enumerable.Range(1, 90), i => Assert.Contains($"Visit{i} Week {i} ", all));
    }

    [Fact]
    public void Export_AccentsSymbolsAndCjk_RenderWithTheEmbeddedFonts()
    {
        var document = Build([("summary", "Résumé", "Café, naïve, Zürich, Ærø, señor: dose ≥ 5 µg/kg, 37 °C ± 0.5. 日本語の説明。中文说明。한국어 설명.")]);

        var output = new PdfConsentExporter().Export(document);

        Assert.Empty(output.Warnings);
        using var pdf = PdfDocument.Open(output.Content);
        // CJK characters are separate words to PdfPig (no spaces between them), so compare without spaces.
        var text = PageText(pdf.GetPage(1)).Replace(" ", "", StringComparison.Ordinal);
        foreach (var expected in new[] { "Café,", "naïve,", "Zürich,", "Ærø,", "señor:", "≥5µg/kg,", "37°C±0.5.", "日本語の説明。", "中文说明。", "한국어설명." })
        {
            Assert.Contains(expected, text);
        }
    }

    [Fact]
    public void Export_CharactersNoFontHas_AreReportedByName()
    {
        var document = Build([("summary", "Summary", "Hieroglyph \U00013000 in the text.")]);

        var output = new PdfConsentExporter().Export(document);

        var warning = Assert.Single(output.Warnings);
        Assert.Contains("U+13000", warning);
        Assert.Contains("\U00013000", warning);
    }

    [Fact]
    public void FileName_UsesAcronymVersionAndDate()
    {
        Assert.Equal("CARDIO-HF_ICF_v1.0_2026-11-28.pdf", ConsentDocumentBuilder.FileName(SampleDocument(), "pdf"));
    }

    /// <summary>A document of the sample study with these sections, all approved.</summary>
    internal static ConsentDocument Build(IReadOnlyList<(string Id, string Title, string Content)> sections, bool draft = false)
    {
        var template = new DocumentTemplate
        {
            Id = "t",
            Name = "t",
            Sections = [.. sections.Select((s, i) => new SectionTemplate { Id = s.Id, Title = s.Title, Order = i })],
        };
        var record = SampleConsent.Draft() with
        {
            Sections = [.. sections.Select((s, i) => new DraftSection(s.Id, s.Title, i, SectionStatus.Approved, s.Content, 0, [], 2))],
        };
        return ConsentDocumentBuilder.Build(record, SampleConsent.Study(), template, new ExportRequest(ExportFormat.Pdf, draft), Today);
    }

    /// <summary>A page's words joined by single spaces, so phrases can be found whatever the line breaks.</summary>
    internal static string PageText(Page page) => Regex.Replace(string.Join(" ", page.GetWords().Select(w => w.Text)), @"\s+", " ");

    private static async Task RunPdfToPpmAsync(string pdf, string prefix)
    {
        var start = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-png", "-r", "80", pdf, prefix })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftoppm did not start (install poppler-utils)");
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"pdftoppm failed: {error}");
    }
}
