using IcfStudio.Core;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Retrieval;
using IcfStudio.Tests.Infrastructure;
using IcfStudio.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IcfStudio.Tests.Ingestion;

/// <summary>Ingestion into the real SQLite store: search finds the right sections, failures leave the database as it was.</summary>
public sealed class SqliteIngestionTests
{
    private static StudyIngestionService Service(TestStorage storage, long maxFileBytes = 100L * 1024 * 1024) =>
        new(storage.Studies, Options.Create(new IngestionOptions { MaxFileBytes = maxFileBytes }), NullLogger<StudyIngestionService>.Instance);

    public static TheoryData<string, string, string[]> Searches => new()
    {
        { "cardio-protocol.pdf", "inclusion criteria", ["Inclusion Criteria"] },
        { "cardio-protocol.pdf", "schedule of activities", ["Schedule of Activities"] },
        { "cardio-protocol.pdf", "adverse events", ["Risks", "Objectives", "Safety"] },
        { "cdisc-pilot-lzzt.pdf", "inclusion criteria", ["Inclusion Criteria", "Criteria for Enrollment"] },
        { "cdisc-pilot-lzzt.pdf", "schedule of activities", ["Schedule of Events"] },
        { "cdisc-pilot-lzzt.pdf", "adverse events", ["Adverse Events", "Safety"] },
        { "lilly-nct03421379.pdf", "inclusion criteria", ["Inclusion Criteria"] },
        { "lilly-nct03421379.pdf", "schedule of activities", ["Schedule of Activities"] },
        { "lilly-nct03421379.pdf", "adverse events", ["Adverse Events", "Safety"] },
        { "alexion-nct04573309.pdf", "inclusion criteria", ["Inclusion Criteria"] },
        { "alexion-nct04573309.pdf", "schedule of activities", ["Schedule of Activities"] },
        { "alexion-nct04573309.pdf", "adverse events", ["Adverse Events", "Safety"] },
    };

    private static string Locate(string fileName)
    {
        if (!fileName.StartsWith("cardio", StringComparison.Ordinal))
        {
            return SharedData.Require("protocols", fileName);
        }

        var path = Path.Combine(RepoPaths.Samples, fileName);
        Assert.True(File.Exists(path), $"Missing {path}");
        return path;
    }

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task Search_AfterIngest_FindsTheRightSection(string fileName, string query, string[] expectedSections)
    {
        using var storage = new TestStorage();
        var result = await Service(storage).IngestAsync([IngestionTestFiles.FromPath(Locate(fileName))], null, null, null, TestContext.Current.CancellationToken);

        var hits = await new StudySearch(storage.Studies).SearchAsync(result.StudyId, query, 3, cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEmpty(hits);
        Assert.True(
            hits.Any(h => expectedSections.Any(s => h.SectionPath.Contains(s, StringComparison.OrdinalIgnoreCase))),
            $"'{query}' in {fileName} returned sections: {string.Join(" || ", hits.Select(h => h.SectionPath))}");
    }

    [Fact]
    public async Task Ingest_SampleTwice_StoresOnce()
    {
        using var storage = new TestStorage();
        var service = Service(storage);
        var first = await service.IngestAsync([IngestionTestFiles.FromPath(IngestionTestFiles.SamplePdf)], null, null, null, TestContext.Current.CancellationToken);
        var before = storage.CountRows();

        var again = await service.IngestAsync([IngestionTestFiles.FromPath(IngestionTestFiles.SamplePdf)], null, null, null, TestContext.Current.CancellationToken);

        Assert.Equal(first.StudyId, again.StudyId);
        Assert.True(again.Documents[0].AlreadyIngested);
        Assert.Equal(before, storage.CountRows());
        var study = await storage.Studies.FindStudyAsync(first.StudyId, TestContext.Current.CancellationToken);
        Assert.Equal(10, study!.Documents.Single().PageCount);
        Assert.Equal("CARDIO", study.Metadata.Acronym?.Value);
    }

    [Fact]
    public async Task Ingest_DocxIntoExistingStudy_AddsSecondDocument()
    {
        using var storage = new TestStorage();
        var service = Service(storage);
        var first = await service.IngestAsync([IngestionTestFiles.FromPath(IngestionTestFiles.SamplePdf)], null, null, null, TestContext.Current.CancellationToken);

        var second = await service.IngestAsync([IngestionTestFiles.FromPath(IngestionTestFiles.SampleDocx)], null, first.StudyId, null, TestContext.Current.CancellationToken);

        var study = await storage.Studies.FindStudyAsync(first.StudyId, TestContext.Current.CancellationToken);
        Assert.Equal(2, study!.Documents.Count);
        Assert.Equal(first.Metadata.Title, second.Metadata.Title);
    }

    public static TheoryData<string> BadFiles => new() { "empty", "truncated", "encrypted", "image-only", "zip-bomb", "latin1", "too-large", "usdm" };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Ingest_BadFile_LeavesDatabaseUnchanged(string kind)
    {
        using var storage = new TestStorage();
        await Service(storage).IngestAsync([IngestionTestFiles.FromPath(IngestionTestFiles.SampleMarkdown)], null, null, null, TestContext.Current.CancellationToken);
        var before = storage.CountRows();
        var sample = await File.ReadAllBytesAsync(IngestionTestFiles.SamplePdf, TestContext.Current.CancellationToken);
        var (file, limit) = kind switch
        {
            "empty" => (IngestionTestFiles.FromBytes("e.pdf", []), 100L * 1024 * 1024),
            "truncated" => (IngestionTestFiles.FromBytes("t.pdf", sample[..(sample.Length / 2)]), 100L * 1024 * 1024),
            "encrypted" => (IngestionTestFiles.FromBytes("x.pdf", IngestionTestFiles.EncryptedPdf()), 100L * 1024 * 1024),
            "image-only" => (IngestionTestFiles.FromBytes("s.pdf", IngestionTestFiles.ImageOnlyPdf()), 100L * 1024 * 1024),
            "zip-bomb" => (IngestionTestFiles.FromBytes("b.docx", IngestionTestFiles.ZipBombDocx()), 100L * 1024 * 1024),
            "latin1" => (IngestionTestFiles.FromBytes("l.txt", IngestionTestFiles.Latin1Text()), 100L * 1024 * 1024),
            "too-large" => (IngestionTestFiles.FromBytes("big.pdf", sample), 1000L),
            _ => (IngestionTestFiles.FromBytes("u.json", "{\"study\":{\"versions\":[{\"titles\":7}]}}"u8.ToArray()), 100L * 1024 * 1024),
        };

        await Assert.ThrowsAsync<BadInputException>(() => Service(storage, limit).IngestAsync([file], null, null, null, TestContext.Current.CancellationToken));

        Assert.Equal(before, storage.CountRows());
    }
}
