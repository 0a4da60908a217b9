using Microsoft.Extensions.AI;

namespace IcfStudio.Tests.Retrieval;

/// <summary>
/// Embeds text as counts of a few hand-picked concepts, so that synonyms BM25 cannot match ("renal" for "kidney") land close together.
/// Counts the texts it was asked to embed.
/// </summary>
internal sealed class FakeEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private static readonly string[][] Concepts =
    [
        ["kidney", "kidneys", "renal", "nephro"],
        ["heart", "cardiac", "myocardial", "cardiovascular"],
        ["visit", "visits", "schedule", "week", "weeks"],
        ["pregnant", "pregnancy", "contraception"],
    ];

    public List<string> Embedded { get; } = [];

    public Exception? Failure { get; set; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (Failure is not null)
        {
            throw Failure;
        }

        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            lock (Embedded)
            {
                Embedded.Add(value);
            }

            embeddings.Add(new Embedding<float>(Embed(value)));
        }

        return Task.FromResult(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("fake", null, "fake-concepts-v1") : null;

    public void Dispose()
    {
    }

    private static float[] Embed(string text)
    {
        var words = text.ToLowerInvariant().Split([' ', '.', ',', ';', ':'], StringSplitOptions.RemoveEmptyEntries);
        // The last dimension is a small constant so that no vector is all zeros.
        var vector = new float[Concepts.Length + 1];
        vector[^1] = 0.1f;
        foreach (var word in words)
        {
            for (var c = 0; c < Concepts.Length; c++)
            {
                if (Concepts[c].Contains(word))
                {
                    vector[c]++;
                }
            }
        }

        return vector;
    }
}
