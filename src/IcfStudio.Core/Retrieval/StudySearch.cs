using System.Collections.Concurrent;
using System.Numerics.Tensors;
using IcfStudio.Core.ProtocolMap;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcfStudio.Core.Retrieval;

/// <summary>Searches a study's chunks: BM25 (FTS5), fused with dense similarity by reciprocal rank fusion when an embedding generator is configured.</summary>
public sealed partial class StudySearch
{
    // Each ranker contributes this many candidates per requested hit: fusion needs more than k from each to find agreement.
    private const int CandidateFactor = 4;
    private const int MinCandidates = 40;

    private readonly IStudyStore store;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? generator;
    private readonly SqliteEmbeddingCache? vectorStore;
    private readonly string modelKey;
    private readonly int batchSize;
    private readonly ILogger logger;

    // Vectors already loaded or generated, by (model, chunk): chunk ids are never reused while the process runs.
    private readonly ConcurrentDictionary<(string Model, long ChunkId), float[]> vectors = new();

    /// <summary>BM25 only.</summary>
    public StudySearch(IStudyStore store)
        : this(store, null, null, null, 64, NullLogger<StudySearch>.Instance)
    {
    }

    /// <param name="vectorStore">Where chunk vectors persist between runs; null keeps them in memory only.</param>
    internal StudySearch(
        IStudyStore store,
        IEmbeddingGenerator<string, Embedding<float>>? generator,
        SqliteEmbeddingCache? vectorStore,
        string? model,
        int batchSize,
        ILogger<StudySearch> logger)
    {
        this.store = store;
        this.generator = generator;
        this.vectorStore = vectorStore;
        this.logger = logger;
        this.batchSize = Math.Max(1, batchSize);
        modelKey = model is { Length: > 0 }
            ? model
            : generator?.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? "default";
    }

    /// <summary>False when the text holds no word to search for (only punctuation or blanks): such a query finds nothing.</summary>
    public static bool IsSearchable(string? query) => FtsQuery.Build(query) is not null;

    /// <summary>True when dense similarity is fused with BM25.</summary>
    public bool IsHybrid => generator is not null;

    /// <param name="sectionPathFilters">Restrict to chunks whose section path contains one of these (case-insensitive); null: no restriction.</param>
    public Task<IReadOnlyList<ChunkHit>> SearchAsync(
        string studyId,
        string query,
        int k = 5,
        IReadOnlyList<string>? sectionPathFilters = null,
        CancellationToken cancellationToken = default) =>
        SearchAsync(studyId, query, k, sectionPathFilters, null, cancellationToken);

    /// <param name="sectionPathFilters">Restrict to chunks whose section path contains one of these (case-insensitive); null: no restriction.</param>
    /// <param name="roles">Restrict to chunks whose protocol-map role this allows; null: no restriction.</param>
    public async Task<IReadOnlyList<ChunkHit>> SearchAsync(
        string studyId,
        string query,
        int k,
        IReadOnlyList<string>? sectionPathFilters,
        RoleFilter? roles,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(studyId);
        ArgumentNullException.ThrowIfNull(query);
        if (k <= 0)
        {
            return [];
        }

        if (generator is null)
        {
            return await store.SearchAsync(studyId, query, k, sectionPathFilters, roles, cancellationToken);
        }

        var candidates = Math.Max(k * CandidateFactor, MinCandidates);
        var lexical = await store.SearchAsync(studyId, query, candidates, sectionPathFilters, roles, cancellationToken);
        IReadOnlyList<ChunkHit> dense;
        try
        {
            dense = await DenseSearchAsync(generator, studyId, query, candidates, sectionPathFilters, roles, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The embedding service is optional: without it, BM25 alone still answers.
            LogEmbeddingFailed(logger, ex, modelKey);
            return lexical.Take(k).ToList();
        }

        return ReciprocalRankFusion.Fuse([lexical, dense], k);
    }

    private async Task<IReadOnlyList<ChunkHit>> DenseSearchAsync(
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        string studyId,
        string query,
        int take,
        IReadOnlyList<string>? sectionPathFilters,
        RoleFilter? roles,
        CancellationToken cancellationToken)
    {
        var chunks = await store.GetChunksAsync(studyId, cancellationToken);
        if (roles is not null)
        {
            chunks = chunks.Where(c => roles.Allows(c.Role)).ToList();
        }

        var filters = sectionPathFilters?.Where(f => !string.IsNullOrWhiteSpace(f)).ToList();
        if (filters is { Count: > 0 })
        {
            chunks = chunks.Where(c => filters.Any(f => c.SectionPath.Contains(f, StringComparison.OrdinalIgnoreCase))).ToList();
        }

        if (chunks.Count == 0)
        {
            return [];
        }

        await EnsureVectorsAsync(embedder, studyId, chunks, cancellationToken);
        var queryVector = (await embedder.GenerateVectorAsync(query, cancellationToken: cancellationToken)).ToArray();
        var scored = new List<ChunkHit>(chunks.Count);
        foreach (var chunk in chunks)
        {
            var vector = vectors[(modelKey, chunk.ChunkId)];
            if (vector.Length != queryVector.Length)
            {
                throw new InvalidOperationException($"Embedding model {modelKey} returned vectors of different lengths ({vector.Length} and {queryVector.Length}).");
            }

            scored.Add(chunk with { Score = TensorPrimitives.CosineSimilarity(vector, queryVector) });
        }

        return scored.OrderByDescending(h => h.Score).Take(take).ToList();
    }

    /// <summary>Embeds the chunks that have no vector yet (lazily, on the first hybrid search of a study), in batches.</summary>
    private async Task EnsureVectorsAsync(
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        string studyId,
        IReadOnlyList<ChunkHit> chunks,
        CancellationToken cancellationToken)
    {
        var missing = chunks.Where(c => !vectors.ContainsKey((modelKey, c.ChunkId))).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        if (vectorStore is not null)
        {
            foreach (var (chunkId, vector) in await vectorStore.GetAsync(studyId, modelKey, cancellationToken))
            {
                vectors[(modelKey, chunkId)] = vector;
            }

            missing = missing.Where(c => !vectors.ContainsKey((modelKey, c.ChunkId))).ToList();
        }

        foreach (var batch in missing.Chunk(batchSize))
        {
            var embeddings = await embedder.GenerateAsync(batch.Select(c => c.Text), cancellationToken: cancellationToken);
            if (embeddings.Count != batch.Length)
            {
                throw new InvalidOperationException($"Embedding model {modelKey} returned {embeddings.Count} vectors for {batch.Length} texts.");
            }

            var generated = new List<(long, float[])>(batch.Length);
            for (var i = 0; i < batch.Length; i++)
            {
                var vector = embeddings[i].Vector.ToArray();
                vectors[(modelKey, batch[i].ChunkId)] = vector;
                generated.Add((batch[i].ChunkId, vector));
            }

            if (vectorStore is not null)
            {
                await vectorStore.SaveAsync(modelKey, generated, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Embedding model {Model} failed; searching with BM25 only")]
    private static partial void LogEmbeddingFailed(ILogger logger, Exception exception, string model);
}
