using System.IO.Compression;
using System.Text;
using IcfStudio.Core.Ingestion;
using IcfStudio.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace IcfStudio.Tests.Ingestion;

/// <summary>Builds the files the ingestion tests feed in, including deliberately bad ones.</summary>
internal static class IngestionTestFiles
{
    public static string SamplePdf => Path.Combine(RepoPaths.Samples, "cardio-protocol.pdf");

    public static string SampleDocx => Path.Combine(RepoPaths.Samples, "cardio-protocol.docx");

    public static string SampleMarkdown => Path.Combine(RepoPaths.Samples, "cardio-protocol.md");

    public static IngestFile FromBytes(string name, byte[] content) => new(name, () => new MemoryStream(content, writable: false));

    public static IngestFile FromPath(string path) => new(Path.GetFileName(path), () => File.OpenRead(path));

    public static StudyIngestionService Service(InMemoryStudyStore store, long maxFileBytes = 100L * 1024 * 1024) =>
        new(store, Options.Create(new IngestionOptions { MaxFileBytes = maxFileBytes }), NullLogger<StudyIngestionService>.Instance);

    /// <summary>A valid PDF with a password: PDFsharp encrypts it.</summary>
    public static byte[] EncryptedPdf()
    {
        using var document = new PdfDocument();
        document.AddPage();
        document.SecuritySettings.UserPassword = "secret";
        document.SecuritySettings.OwnerPassword = "owner-secret";
        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>Pages with drawings only, like a scan: no text layer.</summary>
    public static byte[] ImageOnlyPdf()
    {
        using var document = new PdfDocument();
        for (var i = 0; i < 3; i++)
        {
            var page = document.AddPage();
            using var graphics = XGraphics.FromPdfPage(page);
            graphics.DrawRectangle(XBrushes.LightGray, 50, 50, 400, 600);
            graphics.DrawLine(XPens.Black, 60, 100, 400, 100);
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    /// <summary>A zip named like a DOCX whose document.xml inflates from a few KB to 64 MB.</summary>
    public static byte[] ZipBombDocx()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                writer.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                entry.Write(zeros);
            }
        }

        return stream.ToArray();
    }

    public static byte[] Latin1Text() => Encoding.Latin1.GetBytes("Protocole de l'étude: critères d'inclusion et d'exclusion, café.");
}
