using System.ComponentModel.DataAnnotations;

namespace IcfStudio.Core.Drafting.Providers;

/// <summary>Configuration section "Drafting": which LLM provider drafts, its fallbacks, and how failures are retried.</summary>
public sealed class DraftingOptions : IValidatableObject
{
    public const string SectionName = "Drafting";

    /// <summary>anthropic, openai, ollama or offline; null: anthropic when ANTHROPIC_API_KEY is set, else offline.</summary>
    public string? Provider { get; set; }

    /// <summary>Providers tried in order when the chosen one keeps failing, e.g. ["anthropic", "openai"].</summary>
    public IList<string> Fallback { get; set; } = [];

    public ProviderSettings Anthropic { get; set; } = new() { BaseUrl = "https://api.anthropic.com", Model = "claude-sonnet-4-5" };

    public ProviderSettings OpenAI { get; set; } = new() { BaseUrl = "https://api.openai.com/v1", Model = "gpt-4o" };

    public ProviderSettings Ollama { get; set; } = new() { BaseUrl = "http://localhost:11434", Model = "llama3.1" };

    public OfflineSettings Offline { get; set; } = new();

    /// <summary>How many sections one provider drafts at the same time, across all drafts (the default ICF template has 17 sections).</summary>
    [Range(1, 512)]
    public int MaxConcurrencyPerProvider { get; set; } = 24;

    /// <summary>Retries per provider of a section that failed transiently (429, 5xx, 529, timeouts, broken streams).</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 3;

    [Range(0, 600_000)]
    public int RetryBaseDelayMs { get; set; } = 1_000;

    [Range(0, 600_000)]
    public int MaxRetryDelayMs { get; set; } = 30_000;

    /// <summary>A stream that sends nothing for this long (the first token included) is abandoned and retried.</summary>
    [Range(100, 3_600_000)]
    public int IdleTimeoutMs { get; set; } = 90_000;

    [Range(64, 64_000)]
    public int MaxOutputTokens { get; set; } = 2_048;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider is { Length: > 0 } provider && !ProviderNames.IsKnown(provider))
        {
            yield return new ValidationResult($"Unknown drafting provider '{provider}' (known: {string.Join(", ", ProviderNames.All)}).", [nameof(Provider)]);
        }

        foreach (var name in Fallback.Where(f => !ProviderNames.IsKnown(f)))
        {
            yield return new ValidationResult($"Unknown fallback provider '{name}'.", [nameof(Fallback)]);
        }

        foreach (var (name, settings) in new[] { ("Anthropic", Anthropic), ("OpenAI", OpenAI), ("Ollama", Ollama) })
        {
            if (settings.BaseUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                yield return new ValidationResult($"Drafting:{name}:BaseUrl is not an absolute URL.", [name]);
            }
        }

        if (Offline.TokenDelayMs is < 0 or > 10_000)
        {
            yield return new ValidationResult("Drafting:Offline:TokenDelayMs must be between 0 and 10000.", [nameof(Offline)]);
        }
    }
}

public sealed class ProviderSettings
{
    public string? BaseUrl { get; set; }

    /// <summary>The API key; when empty, ANTHROPIC_API_KEY or OPENAI_API_KEY from the environment.</summary>
    public string? ApiKey { get; set; }

    public string? Model { get; set; }
}

public sealed class OfflineSettings
{
    /// <summary>Pause between the offline drafter's words, to look like a live model (0: as fast as possible).</summary>
    public int TokenDelayMs { get; set; }
}

public static class ProviderNames
{
    public const string Anthropic = "anthropic";
    public const string OpenAI = "openai";
    public const string Ollama = "ollama";
    public const string Offline = "offline";

    public static IReadOnlyList<string> All { get; } = [Anthropic, OpenAI, Ollama, Offline];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.OrdinalIgnoreCase);
}
