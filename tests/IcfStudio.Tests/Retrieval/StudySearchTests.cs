using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Retrieval;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcfStudio.Tests.Retrieval;

public sealed class StudySearchTests
{
    private const string StudyId = "KIDNEY-00000001";

    private static readonly DocumentChunk[] Chunks =
    [
        new(0, "Kidney function is checked with a kidney blood test; renal problems are reported.", "8 Safety > 8.3 Kidney Monitoring", 9, 9),
        new(1, "Kidney stones were seen in animal studies.", "1 Background", 2, 2),
        new(2, "Participants with renal impairment cannot take part.", "5 Population > 5.2 Exclusion Criteria", 4, 4),
        new(3, "Visits happen every four weeks with a heart tracing.", "6 Schedule of Activities", 6, 6),
        new(4, "Pregnancy must be avoided during the study.", "5 Population > 5.3 Contraception", 5, 5),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Fuse_TwoRankings_ScoresEachChunkBySumOfReciprocalRanks()
    {
        var a = Hit(1);
        var b = Hit(2);
        var c = Hit(3);

        var fused = ReciprocalRankFusion.Fuse([[a, b], [c, a]], take: 3);

        Assert.Equal([1L, 3L, 2L], fused.Select(h => h.ChunkId));
        Assert.Equal((1.0 / 61) + (1.0 / 62), fused[0].Score, 12);
        Assert.Equal(1.0 / 61, fused[1].Score, 12);
        Assert.Equal(1.0 / 62, fused[2].Score, 12);
        Assert.Single(ReciprocalRankFusion.Fuse([[a, b], [c, a]], take: 1));
    }

    [Fact]
    public async Task SearchAsync_WithoutEmbeddings_IsTheStoresBm25Ranking()
    {
        using var storage = await StorageWithChunksAsync();
        var search = new StudySearch(storage.Studies);

        var hits = await search.SearchAsync(StudyId, "kidney", 3, cancellationToken: Ct);

        Assert.False(search.IsHybrid);
        Assert.Equal(await storage.Studies.SearchAsync(StudyId, "kidney", 3, cancellationToken: Ct), hits);
    }

    [Fact]
    public async Task SearchAsync_WithEmbeddings_FusesDenseHitsBm25CannotFind()
    {
        using var storage = await StorageWithChunksAsync();
        var generator = new FakeEmbeddingGenerator();
        var search = Hybrid(storage, generator);
        var lexical = await storage.Studies.SearchAsync(StudyId, "kidney", 10, cancellationToken: Ct);
        Assert.DoesNotContain(lexical, h => h.Text.Contains("renal impairment", StringComparison.Ordinal));

        var hits = await search.SearchAsync(StudyId, "kidney", 3, cancellationToken: Ct);

        Assert.True(search.IsHybrid);
        // Dense ranking: chunk 1 and 2 (pure kidney concept, tie kept in chunk order), then chunk 0; BM25 has chunks 0 and 1.
        Assert.Equal([Chunks[1].Text, Chunks[0].Text, Chunks[2].Text], hits.Select(h => h.Text));
        Assert.Equal(1.0 / 62, hits[2].Score, 12);
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public async Task SearchAsync_WithEmbeddings_EmbedsChunksOnceAndKeepsVectorsInTheDatabase()
    {
        using var storage = await StorageWithChunksAsync();
        var generator = new FakeEmbeddingGenerator();

        await Hybrid(storage, generator).SearchAsync(StudyId, "kidney", 3, cancellationToken: Ct);
        Assert.Equal(Chunks.Length + 1, generator.Embedded.Count);

        var search = Hybrid(storage, generator);
        await search.SearchAsync(StudyId, "heart", 3, cancellationToken: Ct);
        await search.SearchAsync(StudyId, "pregnancy", 3, cancellationToken: Ct);

        // A new searcher (as after a restart) reads the stored vectors: only the queries are embedded.
        Assert.Equal(["heart", "pregnancy"], generator.Embedded.Skip(Chunks.Length + 1));
        Assert.Equal(Chunks.Length, storage.CountRows()["chunk_embeddings"]);
    }

    [Fact]
    public async Task SearchAsync_WithEmbeddingsAndSectionFilter_KeepsOnlyMatchingSections()
    {
        using var storage = await StorageWithChunksAsync();
        var search = Hybrid(storage, new FakeEmbeddingGenerator());

        var hits = await search.SearchAsync(StudyId, "kidney", 5, ["population"], Ct);

        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.StartsWith("5 Population", h.SectionPath, StringComparison.Ordinal));
        Assert.Equal(Chunks[2].Text, hits[0].Text);
    }

    [Fact]
    public async Task SearchAsync_EmbeddingServiceFails_FallsBackToBm25()
    {
        using var storage = await StorageWithChunksAsync();
        var search = Hybrid(storage, new FakeEmbeddingGenerator { Failure = new HttpRequestException("connection refused") });

        var hits = await search.SearchAsync(StudyId, "kidney", 2, cancellationToken: Ct);

        Assert.Equal(await storage.Studies.SearchAsync(StudyId, "kidney", 2, cancellationToken: Ct), hits);
    }

    [Fact]
    public void IsSearchable_TextWithoutWords_IsFalse()
    {
        Assert.True(StudySearch.IsSearchable("adverse events"));
        Assert.False(StudySearch.IsSearchable("\"*( )"));
        Assert.False(StudySearch.IsSearchable(null));
    }

    private static StudySearch Hybrid(TestStorage storage, FakeEmbeddingGenerator generator) =>
        new(storage.Studies, generator, new SqliteEmbeddingCache(storage.Database), null, 2, NullLogger<StudySearch>.Instance);

    private static async Task<TestStorage> StorageWithChunksAsync()
    {
        var storage = new TestStorage();
        var document = SampleProtocol.Document("kidney.txt");
        await storage.Studies.AddDocumentAsync(new NewDocument(StudyId, document, Chunks, "k1", StudyMetadata.Empty), Ct);
        return storage;
    }

    private static ChunkHit Hit(long id) => new(id, "doc", $"chunk {id}", "1 Section", 1, 1, 0);
}
