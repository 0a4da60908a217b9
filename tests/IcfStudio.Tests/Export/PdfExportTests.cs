using System.Diagnostics;
using IcfStudio.Core.Export;
using IcfStudio.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace IcfStudio.Tests.Export;

public sealed class PdfExportTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(SampleConsent.Now.UtcDateTime);

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

        var final = new PdfConsentExporter().Export(SampleDocument());
        var draft = new PdfConsentExporter().Export(SampleDocument(draft: true, annotated: true, "risks", "costs"));
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
