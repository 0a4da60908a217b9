using System.Text;
using IcfStudio.Core;
using IcfStudio.Core.Ingestion;

namespace IcfStudio.Tests.Ingestion;

public sealed class FormatDetectionTests
{
    [Fact]
    public void Detect_PdfBytesWithTxtExtension_IsPdf() =>
        Assert.Equal(ProtocolFormat.Pdf, FormatDetector.Detect(File.ReadAllBytes(IngestionTestFiles.SamplePdf), "protocol.txt"));

    [Fact]
    public void Detect_DocxBytesWithPdfExtension_IsDocx() =>
        Assert.Equal(ProtocolFormat.Docx, FormatDetector.Detect(File.ReadAllBytes(IngestionTestFiles.SampleDocx), "protocol.pdf"));

    [Fact]
    public void Detect_UsdmShape_IsUsdm()
    {
        Assert.Equal(ProtocolFormat.UsdmJson, FormatDetector.Detect("{\"study\":{\"versions\":[]}}"u8.ToArray(), "x.json"));
        Assert.Equal(ProtocolFormat.UsdmJson, FormatDetector.Detect("{\"usdmVersion\":\"4.0\",\"study\":{}}"u8.ToArray(), "x.txt"));
    }

    [Fact]
    public void Detect_OtherJson_IsUnsupported()
    {
        var ex = Assert.Throws<BadInputException>(() => FormatDetector.Detect("{\"name\":\"not a study\"}"u8.ToArray(), "x.json"));
        Assert.Equal("unsupported_type", ex.Code);
        Assert.Equal(415, ex.StatusCode);
    }

    [Fact]
    public void Detect_MarkdownHeadingsWithoutExtension_IsMarkdown() =>
        Assert.Equal(ProtocolFormat.Markdown, FormatDetector.Detect("# Title\n\nSome text.\n"u8.ToArray(), "protocol"));

    [Fact]
    public void Detect_MdExtension_IsMarkdown() =>
        Assert.Equal(ProtocolFormat.Markdown, FormatDetector.Detect("Plain words.\n"u8.ToArray(), "notes.md"));

    [Fact]
    public void Detect_PlainText_IsText() =>
        Assert.Equal(ProtocolFormat.Text, FormatDetector.Detect("1 Introduction\nThis study...\f2 Objectives\n"u8.ToArray(), "protocol.txt"));

    [Fact]
    public void Detect_ZipWithoutWordDocument_IsUnsupported()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("hello");
        }

        var ex = Assert.Throws<BadInputException>(() => FormatDetector.Detect(stream.ToArray(), "protocol.docx"));
        Assert.Equal("unsupported_type", ex.Code);
    }

    [Fact]
    public void Detect_PngImage_IsUnsupportedWithClearMessage()
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D];
        var ex = Assert.Throws<BadInputException>(() => FormatDetector.Detect(png, "scan.pdf"));
        Assert.Equal("unsupported_type", ex.Code);
        Assert.Equal(415, ex.StatusCode);
        Assert.Contains("image", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_Latin1Text_IsInvalidUtf8()
    {
        var ex = Assert.Throws<BadInputException>(() => FormatDetector.Detect(IngestionTestFiles.Latin1Text(), "protocol.txt"));
        Assert.Equal("invalid_utf8", ex.Code);
        Assert.Contains("UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_Utf8Bom_IsAccepted() =>
        Assert.Equal(ProtocolFormat.Text, FormatDetector.Detect([.. Encoding.UTF8.Preamble, .. "Protocol text"u8.ToArray()], "p.txt"));

    [Fact]
    public void Detect_Empty_IsEmptyFile() =>
        Assert.Equal("empty_file", Assert.Throws<BadInputException>(() => FormatDetector.Detect([], "p.pdf")).Code);
}
