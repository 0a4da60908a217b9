namespace IcfStudio.Core.Retrieval;

/// <summary>Retrieval settings, bound from the "Retrieval" configuration section.</summary>
public sealed class RetrievalOptions
{
    public const string SectionName = "Retrieval";

    /// <summary>Dense embeddings fused with BM25; none by default.</summary>
    public EmbeddingOptions Embeddings { get; set; } = new();
}

/// <summary>"Retrieval:Embeddings": which embedding service, if any, to fuse with BM25.</summary>
public sealed class EmbeddingOptions
{
    public const string None = "none";
    public const string OpenAi = "openai";
    public const string Ollama = "ollama";

    /// <summary><c>none</c> (BM25 only), <c>openai</c> (any OpenAI-compatible endpoint) or <c>ollama</c>.</summary>
    public string Provider { get; set; } = None;

    /// <summary>The service's base URL, e.g. https://api.openai.com/v1 or http://localhost:11434.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>API key for <c>openai</c>; when empty, $OPENAI_API_KEY.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The embedding model, e.g. text-embedding-3-small or nomic-embed-text. Also keys the vector cache.</summary>
    public string? Model { get; set; }

    /// <summary>Chunks sent per embedding request.</summary>
    public int BatchSize { get; set; } = 64;

    public bool Enabled => !string.Equals(Provider, None, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(Provider);
}
