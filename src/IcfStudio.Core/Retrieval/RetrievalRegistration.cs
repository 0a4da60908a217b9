using System.ClientModel;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OllamaSharp;
using OpenAI;

namespace IcfStudio.Core.Retrieval;

internal static class RetrievalRegistration
{
    public static void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetrievalOptions>()
            .BindConfiguration(RetrievalOptions.SectionName)
            .Validate(o => IsKnownProvider(o.Embeddings.Provider), "Retrieval:Embeddings:Provider must be none, openai or ollama.")
            .Validate(o => !o.Embeddings.Enabled || !string.IsNullOrWhiteSpace(o.Embeddings.Model), "Retrieval:Embeddings:Model is required when an embedding provider is set.")
            .Validate(o => !o.Embeddings.Enabled || Uri.TryCreate(o.Embeddings.BaseUrl ?? DefaultBaseUrl(o.Embeddings.Provider), UriKind.Absolute, out _), "Retrieval:Embeddings:BaseUrl must be an absolute URL.")
            .Validate(o => o.Embeddings.BatchSize is > 0 and <= 2048, "Retrieval:Embeddings:BatchSize must be between 1 and 2048.")
            .ValidateOnStart();

        builder.Services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RetrievalOptions>>().Value.Embeddings;
            return new StudySearch(
                sp.GetRequiredService<IStudyStore>(),
                CreateGenerator(options),
                sp.GetService<SqliteEmbeddingCache>(),
                options.Model,
                options.BatchSize,
                sp.GetRequiredService<ILogger<StudySearch>>());
        });
    }

    /// <summary>The configured embedding generator, or null for BM25 only.</summary>
    internal static IEmbeddingGenerator<string, Embedding<float>>? CreateGenerator(EmbeddingOptions options)
    {
        if (!options.Enabled)
        {
            return null;
        }

        var baseUrl = new Uri(options.BaseUrl ?? DefaultBaseUrl(options.Provider)!);
        if (string.Equals(options.Provider, EmbeddingOptions.Ollama, StringComparison.OrdinalIgnoreCase))
        {
            return new OllamaApiClient(baseUrl, options.Model!);
        }

        var key = options.ApiKey is { Length: > 0 } configured ? configured : Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? "";
        return new OpenAIClient(new ApiKeyCredential(key.Length > 0 ? key : "unused"), new OpenAIClientOptions { Endpoint = baseUrl })
            .GetEmbeddingClient(options.Model)
            .AsIEmbeddingGenerator();
    }

    private static bool IsKnownProvider(string? provider) =>
        provider is null
        || string.Equals(provider, EmbeddingOptions.None, StringComparison.OrdinalIgnoreCase)
        || string.Equals(provider, EmbeddingOptions.OpenAi, StringComparison.OrdinalIgnoreCase)
        || string.Equals(provider, EmbeddingOptions.Ollama, StringComparison.OrdinalIgnoreCase);

    private static string? DefaultBaseUrl(string? provider) =>
        string.Equals(provider, EmbeddingOptions.Ollama, StringComparison.OrdinalIgnoreCase) ? "http://localhost:11434"
        : string.Equals(provider, EmbeddingOptions.OpenAi, StringComparison.OrdinalIgnoreCase) ? "https://api.openai.com/v1"
        : null;
}
