using System.Text;
using IcfStudio.Core;
using IcfStudio.Core.Ingestion;

namespace IcfStudio.Tests.Ingestion;

/// <summary>Every kind of bad file gets its own code and message, and nothing is stored.</summary>
public sealed class BadInputTests
{
    private static async Task<BadInputException> IngestBadAsync(IngestFile file, long maxFileBytes = 100L * 1024 * 1024)
    {
        var store = new InMemoryStudyStore();
        var service = IngestionTestFiles.Service(store, maxFileBytes);

        var ex = await Assert.ThrowsAsync<BadInputException>(() =>
            service.IngestAsync([file], acronym: null, studyId: null, progress: null, TestContext.Current.CancellationToken));

        Assert.Equal(0, store.AddCalls);
        Assert.Empty(await store.ListStudiesAsync(TestContext.Current.CancellationToken));
        return ex;
    }

    [Fact]
    public async Task Ingest_EmptyFile_IsRejected()
    {
        var ex = await IngestBadAsync(IngestionTestFiles.FromBytes("empty.pdf", []));
        Assert.Equal("empty_file", ex.Code);
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_TruncatedPdf_IsCorrupt()
    {
        var bytes = await File.ReadAllBytesAsync(IngestionTestFiles.SamplePdf, TestContext.Current.CancellationToken);
        var ex = await IngestBadAsync(IngestionTestFiles.FromBytes("truncated.pdf", bytes[..(bytes.Length / 3)]));
        Assert.Equal("corrupt_pdf", ex.Code);
        Assert.Equal(422, ex.StatusCode);
        Assert.Contains("damaged or truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_GarbagePdf_IsCorrupt()
    {
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7\n" + new string('x', 500));
        var ex = await IngestBadAsync(IngestionTestFiles.FromBytes("garbage.pdf", bytes));
        Assert.Equal("corrupt_pdf", ex.Code);
    }

    [Fact]
    public async Task Ingest_EncryptedPdf_AsksForAnUnprotectedCopy()
    {
        var ex = await IngestBadAsync(IngestionTestFiles.FromBytes("locked.pdf", IngestionTestFiles.EncryptedPdf()));
        Assert.Equal("encrypted_pdf", ex.Code);
        Assert.Contains("password", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_ImageOnlyPdf_HasNoTextLayer()
    {
        var ex = await IngestBadAsync(IngestionTestFiles.FromBytes("scan.pdf", IngestionTestFiles.ImageOnlyPdf()));
        Assert.Equal("no_text_layer", ex.Code);
        Assert.Contains("OCR", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_ZipBombDocx_IsRefusedBeforeParsing()
    {
        var ex = await IngestBadAsync(IngestionTestFiles.FromBytes("protocol.docx", IngestionTestFiles.ZipBombDocx()));
        Assert.Equal("zip_bomb", ex.Code);
        Assert.Contains("word/document.xml", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_FileOverLimit_Is413()
    {
        var ex = await IngestBadAsync(IngestionTestFiles.FromPath(IngestionTestFiles.SamplePdf), maxFileBytes: 10_000);
        Assert.Equal("file_too_large", ex.Code);
        Assert.Equal(413, ex.StatusCode);
        Assert.Contains("limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_UnsupportedType_Is415()
    {
        var ex = await IngestBadAsync(IngestionTestFiles.FromBytes("photo.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]));
        Assert.Equal("unsupported_type", ex.Code);
        Assert.Equal(415, ex.StatusCode);
    }

    [Fact]
    public async Task Ingest_NonUtf8Text_IsRejected()
    {
        var ex = await IngestBadAsync(IngestionTestFiles.FromBytes("protocol.txt", IngestionTestFiles.Latin1Text()));
        Assert.Equal("invalid_utf8", ex.Code);
    }

    [Theory]
    [InlineData("{\"usdmVersion\":\"4.0\",\"study\":{\"versions\":[{\"titles\":{}}]}}", "$.study.versions[0].titles")]
    [InlineData("{\"usdmVersion\":\"4.0\",\"study\":{\"versions\":[{\"titles\":[{\"text\":5}]}]}}", "$.study.versions[0].titles[0].text")]
    [InlineData("{\"usdmVersion\":\"4.0\",\"study\":{}}", "$.study.versions")]
    [InlineData("{\"usdmVersion\":\"4.0\",\"study\":{\"versions\":[]}}", "$.study.versions")]
    [InlineData("{\"usdmVersion\":\"4.0\",\"study\":{\"versions\":[{\"titles\":[],\"studyDesigns\":[{\"arms\":{}}]}]}}", "$.study.versions[0].studyDesigns[0].arms")]
    public async Task Ingest_MalformedUsdm_NamesTheJsonPath(string json, string path)
    {
        var ex = await IngestBadAsync(IngestionTestFiles.FromBytes("study.json", Encoding.UTF8.GetBytes(json)));
        Assert.Equal("malformed_usdm", ex.Code);
        Assert.Contains(path + ":", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_InvalidJsonUsdm_NamesLine()
    {
        var ex = await IngestBadAsync(IngestionTestFiles.FromBytes("study.json", "{\"usdmVersion\":\"4.0\",\n\"study\": {\"versions\": [ }"u8.ToArray()));
        Assert.Equal("malformed_usdm", ex.Code);
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }
}
