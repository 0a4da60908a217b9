using IcfStudio.Core;
using IcfStudio.Core.Ingestion;

namespace IcfStudio.Tests.Ingestion;

public sealed class StudyIngestionServiceTests
{
    private sealed class RecordingProgress : IProgress<IngestProgress>
    {
        public List<IngestProgress> Reports { get; } = [];

        public void Report(IngestProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
        }
    }

    [Fact]
    public async Task IngestAsync_SamplePdf_CreatesStudyWithAcronymId()
    {
        var store = new InMemoryStudyStore();
        var progress = new RecordingProgress();

        var result = await IngestionTestFiles.Service(store).IngestAsync(
            [IngestionTestFiles.FromPath(IngestionTestFiles.SamplePdf)], null, null, progress, TestContext.Current.CancellationToken);

        Assert.Matches("^CARDIO-[0-9a-f]{8}$", result.StudyId);
        var document = Assert.Single(result.Documents);
        Assert.False(document.AlreadyIngested);
        Assert.Equal(ProtocolFormat.Pdf, document.Document.Format);
        Assert.Equal(64, document.Document.Sha256.Length);
        Assert.True(document.Document.ChunkCount > 10);
        Assert.Equal("Northwind Cardiac Research Inc.", result.Metadata.Sponsor?.Value);
        Assert.Equal(["parsing", "indexing", "done"], progress.Reports.Select(r => r.Stage).Distinct());
        var done = progress.Reports[^1];
        Assert.Equal((document.Document.PageCount, document.Document.ChunkCount), (done.PagesParsed, done.ChunksIndexed));

        var hits = await store.SearchAsync(result.StudyId, "inclusion criteria", 3, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains("Inclusion Criteria", hits[0].SectionPath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_SameFileAgain_ChangesNothing()
    {
        var store = new InMemoryStudyStore();
        var service = IngestionTestFiles.Service(store);
        var first = await service.IngestAsync([IngestionTestFiles.FromPath(IngestionTestFiles.SampleMarkdown)], null, null, null, TestContext.Current.CancellationToken);

        var again = await service.IngestAsync([IngestionTestFiles.FromPath(IngestionTestFiles.SampleMarkdown)], null, null, null, TestContext.Current.CancellationToken);
        var intoStudy = await service.IngestAsync([IngestionTestFiles.FromPath(IngestionTestFiles.SampleMarkdown)], null, first.StudyId, null, TestContext.Current.CancellationToken);

        Assert.Equal(first.StudyId, again.StudyId);
        Assert.True(Assert.Single(again.Documents).AlreadyIngested);
        Assert.True(Assert.Single(intoStudy.Documents).AlreadyIngested);
        Assert.Equal(first.Documents[0].Document, again.Documents[0].Document);
        Assert.Equal(1, store.AddCalls);
        Assert.Single(await store.ListStudiesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IngestAsync_SecondDocument_KeepsMetadataAndFillsGaps()
    {
        var store = new InMemoryStudyStore();
        var service = IngestionTestFiles.Service(store);
        var usdm = "{\"usdmVersion\":\"4.0\",\"study\":{\"versions\":[{\"versionIdentifier\":\"9\",\"titles\":[{\"text\":\"Another title\",\"type\":{\"decode\":\"Official Study Title\"}}],\"studyIdentifiers\":[{\"text\":\"NCT00000001\"}]}]}}"u8.ToArray();
        var first = await service.IngestAsync([IngestionTestFiles.FromBytes("notes.txt", "Some study notes without facts.\n\nThe duration of participation is 10 weeks."u8.ToArray())], "my study!", null, null, TestContext.Current.CancellationToken);

        var second = await service.IngestAsync([IngestionTestFiles.FromBytes("study.json", usdm)], null, first.StudyId, null, TestContext.Current.CancellationToken);

        Assert.Matches("^MYSTUDY-[0-9a-f]{8}$", first.StudyId);
        Assert.Equal(first.StudyId, second.StudyId);
        Assert.Equal("MYSTUDY", second.Metadata.Acronym?.Value);
        Assert.Equal("10 weeks", second.Metadata.Duration?.Value);
        Assert.Equal("Another title", second.Metadata.Title?.Value);
        Assert.Equal("NCT00000001", second.Metadata.NctId?.Value);
        Assert.Equal(2, (await store.FindStudyAsync(first.StudyId, TestContext.Current.CancellationToken))!.Documents.Count);
    }

    [Fact]
    public async Task IngestAsync_NoAcronymAnywhere_UsesProtocolNumberOrStudy()
    {
        var store = new InMemoryStudyStore();
        var service = IngestionTestFiles.Service(store);

        var withNumber = await service.IngestAsync([IngestionTestFiles.FromBytes("a.txt", "Protocol Number: H2Q-MC-LZZT\n\nText."u8.ToArray())], null, null, null, TestContext.Current.CancellationToken);
        var without = await service.IngestAsync([IngestionTestFiles.FromBytes("b.txt", "Just some words."u8.ToArray())], null, null, null, TestContext.Current.CancellationToken);

        Assert.Matches("^H2QMCLZZT-[0-9a-f]{8}$", withNumber.StudyId);
        Assert.Matches("^STUDY-[0-9a-f]{8}$", without.StudyId);
    }

    [Fact]
    public async Task IngestAsync_UnknownStudy_IsNotFound()
    {
        var service = IngestionTestFiles.Service(new InMemoryStudyStore());
        await Assert.ThrowsAsync<NotFoundException>(() => service.IngestAsync(
            [IngestionTestFiles.FromPath(IngestionTestFiles.SampleMarkdown)], null, "NOPE-00000000", null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IngestAsync_UsdmFile_StoresFacts()
    {
        var store = new InMemoryStudyStore();
        var path = Infrastructure.SharedData.Require("protocols", "lilly-nct03421379.usdm.json");

        var result = await IngestionTestFiles.Service(store).IngestAsync([IngestionTestFiles.FromPath(path)], null, null, null, TestContext.Current.CancellationToken);

        Assert.Equal(ProtocolFormat.UsdmJson, result.Documents[0].Document.Format);
        Assert.Matches("^I8RJEIGBJ-[0-9a-f]{8}$", result.StudyId);
        var study = await store.FindStudyAsync(result.StudyId, TestContext.Current.CancellationToken);
        Assert.NotEmpty(study!.Facts!.Visits);
        Assert.Equal("NCT03421379", result.Metadata.NctId?.Value);
    }
}
