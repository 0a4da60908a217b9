using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using Anthropic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OllamaSharp;
using OpenAI;

namespace IcfStudio.Core.Drafting.Providers;

/// <summary>A provider ready to draft: its client, the model it uses, and the gate bounding its concurrent sections.</summary>
/// <param name="ReportsFinishReason">
/// True for network providers: their streams end with a finish reason, and a stream that stops without one was cut short
/// (some SDKs end a dropped stream quietly).
/// </param>
internal sealed record ChatProvider(string Name, string? Model, IChatClient Client, SemaphoreSlim Gate, bool Offline, bool ReportsFinishReason = false);

/// <summary>
/// A way to build a provider's client, registered in DI. Registrations override the built-in providers of the same name,
/// which is how the offline drafter is plugged in and how tests put a stub in place of a real service.
/// </summary>
/// <param name="Create">Builds the client for a model (null: the configured or default model).</param>
/// <param name="ReportsFinishReason">Whether the client's streams end with a finish reason, so that a stream without one counts as broken.</param>
public sealed record ChatProviderRegistration(string Name, Func<string?, IChatClient> Create, bool Offline = false, string? DefaultModel = null, bool ReportsFinishReason = false);

/// <summary>Builds and caches the chat clients of the configured providers, and resolves the chain a draft uses.</summary>
internal sealed partial class ChatProviderRegistry : IDisposable
{
    private readonly DraftingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, ChatProviderRegistration> _registrations;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string Name, string? Model), Lazy<ChatProvider>> _providers = new();
    private readonly Lazy<HttpClient> _httpClient;
    private readonly ILogger _logger;

    public ChatProviderRegistry(
        IOptions<DraftingOptions> options,
        TimeProvider timeProvider,
        IEnumerable<ChatProviderRegistration> registrations,
        ILogger<ChatProviderRegistry>? logger = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _options = options.Value;
        _timeProvider = timeProvider;
        _registrations = registrations
            .GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);
        _httpClient = new Lazy<HttpClient>(() => new HttpClient(new ResponseCaptureHandler(_timeProvider) { InnerHandler = new SocketsHttpHandler() })
        {
            // Streams are bounded by the engine's idle timeout instead.
            Timeout = Timeout.InfiniteTimeSpan,
        });
    }

    public DraftingOptions Options => _options;

    /// <summary>The provider used when none is asked for: configuration, else anthropic when its key is set, else offline.</summary>
    public string DefaultProviderName =>
        _options.Provider is { Length: > 0 } configured ? configured.ToLowerInvariant()
        : ResolveKey(_options.Anthropic, "ANTHROPIC_API_KEY") is { Length: > 0 } ? ProviderNames.Anthropic
        : ProviderNames.Offline;

    /// <summary>The primary provider (with the model override) followed by the configured fallbacks, without repeats.</summary>
    public IReadOnlyList<ChatProvider> ResolveChain(string? provider, string? model)
    {
        var primary = string.IsNullOrWhiteSpace(provider) ? DefaultProviderName : provider.Trim().ToLowerInvariant();
        if (!ProviderNames.IsKnown(primary) && !_registrations.ContainsKey(primary))
        {
            throw new BadInputException("unknown_provider", $"Unknown provider '{primary}' (known: {string.Join(", ", ProviderNames.All)}).");
        }

        var chain = new List<ChatProvider> { Get(primary, model) };
        foreach (var name in _options.Fallback.Select(f => f.Trim().ToLowerInvariant()).Distinct())
        {
            if (string.Equals(name, primary, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                chain.Add(Get(name, null));
            }
            catch (BadInputException ex)
            {
                // A fallback without its key or model is left out rather than failing drafts the primary can write.
                LogFallbackSkipped(_logger, name, ex.Message);
            }
        }

        return chain;
    }

    /// <summary>The model a provider uses when none is asked for.</summary>
    public string? DefaultModel(string name) =>
        _registrations.TryGetValue(name, out var registration) ? registration.DefaultModel
        : Settings(name)?.Model;

    private ChatProvider Get(string name, string? model) =>
        _providers.GetOrAdd((name, string.IsNullOrWhiteSpace(model) ? null : model), key => new Lazy<ChatProvider>(() => Create(key.Name, key.Model))).Value;

    private ChatProvider Create(string name, string? model)
    {
        var gate = _gates.GetOrAdd(name, _ => new SemaphoreSlim(_options.MaxConcurrencyPerProvider, _options.MaxConcurrencyPerProvider));
        if (_registrations.TryGetValue(name, out var registration))
        {
            return new ChatProvider(name, model ?? registration.DefaultModel, registration.Create(model), gate, registration.Offline, registration.ReportsFinishReason);
        }

        var settings = Settings(name) ?? throw new InvalidStateException($"The '{name}' provider is not available in this build.");
        var effectiveModel = model ?? settings.Model ?? throw new BadInputException("missing_model", $"No model configured for provider '{name}' (Drafting:{name}:Model).");
        var client = name switch
        {
            ProviderNames.Anthropic => CreateAnthropic(settings, effectiveModel),
            ProviderNames.OpenAI => CreateOpenAI(settings, effectiveModel),
            ProviderNames.Ollama => CreateOllama(settings, effectiveModel),
            _ => throw new InvalidStateException($"The '{name}' provider is not available in this build."),
        };
        return new ChatProvider(name, effectiveModel, client, gate, Offline: false, ReportsFinishReason: true);
    }

    private ProviderSettings? Settings(string name) => name switch
    {
        ProviderNames.Anthropic => _options.Anthropic,
        ProviderNames.OpenAI => _options.OpenAI,
        ProviderNames.Ollama => _options.Ollama,
        _ => null,
    };

    private IChatClient CreateAnthropic(ProviderSettings settings, string model)
    {
        var key = ResolveKey(settings, "ANTHROPIC_API_KEY")
            ?? throw new BadInputException("missing_api_key", "The anthropic provider needs an API key: set ANTHROPIC_API_KEY or Drafting:Anthropic:ApiKey.");
        var client = new AnthropicClient
        {
            ApiKey = key,
            BaseUrl = settings.BaseUrl ?? "https://api.anthropic.com",
            // The engine retries (with the fallback chain); SDK retries would hide failures from it.
            MaxRetries = 0,
            HttpClient = _httpClient.Value,
        };
        return client.AsIChatClient(model, _options.MaxOutputTokens);
    }

    private IChatClient CreateOpenAI(ProviderSettings settings, string model)
    {
        // Local OpenAI-compatible servers (vLLM, LM Studio) accept any key, but the SDK wants one.
        var key = ResolveKey(settings, "OPENAI_API_KEY") ?? "unused";
        var options = new OpenAIClientOptions
        {
            Endpoint = OpenAIEndpoint(settings.BaseUrl ?? "https://api.openai.com/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            Transport = new HttpClientPipelineTransport(_httpClient.Value),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        return new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient(model).AsIChatClient();
    }

    private IChatClient CreateOllama(ProviderSettings settings, string model)
    {
        var http = new HttpClient(new ResponseCaptureHandler(_timeProvider) { InnerHandler = new SocketsHttpHandler() }, disposeHandler: true)
        {
            BaseAddress = new Uri(settings.BaseUrl ?? "http://localhost:11434"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return new OllamaApiClient(http, model);
    }

    /// <summary>The OpenAI SDK appends /chat/completions to the endpoint, which must therefore end in /v1.</summary>
    internal static Uri OpenAIEndpoint(string baseUrl)
    {
        var trimmed = baseUrl.TrimEnd('/');
        return new Uri(trimmed.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? trimmed : trimmed + "/v1");
    }

    private static string? ResolveKey(ProviderSettings settings, string environmentVariable) =>
        settings.ApiKey is { Length: > 0 } key ? key
        : Environment.GetEnvironmentVariable(environmentVariable) is { Length: > 0 } env ? env
        : null;

    public void Dispose()
    {
        foreach (var provider in _providers.Values.Where(p => p.IsValueCreated))
        {
            provider.Value.Client.Dispose();
        }

        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }

        if (_httpClient.IsValueCreated)
        {
            _httpClient.Value.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fallback provider {Provider} left out: {Reason}")]
    private static partial void LogFallbackSkipped(ILogger logger, string provider, string reason);
}
