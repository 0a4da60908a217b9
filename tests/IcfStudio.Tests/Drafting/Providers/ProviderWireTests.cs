using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Providers;
using IcfStudio.Tests.Drafting.Engine;
using Microsoft.Extensions.Options;
using static IcfStudio.Tests.Drafting.Engine.EngineTestKit;

namespace IcfStudio.Tests.Drafting.Providers;

/// <summary>Each real provider client against a local server speaking its wire format, through the engine's retries and fallback.</summary>
public sealed class ProviderWireTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string TextOf(string sectionId) => $"The {sectionId} section says what happens [P1] in short words.";

    private static string NameOf(Wire wire) => wire switch
    {
        Wire.Anthropic => ProviderNames.Anthropic,
        Wire.OpenAI => ProviderNames.OpenAI,
        _ => ProviderNames.Ollama,
    };

    /// <summary>Options pointing every provider at the local servers; the first server is the primary.</summary>
    private static DraftingOptions OptionsFor(IReadOnlyList<(Wire Wire, WireServer Server)> servers, int maxRetries = 2, int baseDelayMs = 1, int idleTimeoutMs = 10_000)
    {
        var options = new DraftingOptions
        {
            Provider = NameOf(servers[0].Wire),
            Fallback = servers.Skip(1).Select(s => NameOf(s.Wire)).ToList(),
            MaxRetries = maxRetries,
            RetryBaseDelayMs = baseDelayMs,
            MaxRetryDelayMs = baseDelayMs,
            IdleTimeoutMs = idleTimeoutMs,
        };
        foreach (var (wire, server) in servers)
        {
            var settings = new ProviderSettings { BaseUrl = server.BaseUrl, ApiKey = "test-key", Model = "test-model" };
            switch (wire)
            {
                case Wire.Anthropic:
                    options.Anthropic = settings;
                    break;
                case Wire.OpenAI:
                    options.OpenAI = settings;
                    break;
                default:
                    options.Ollama = settings;
                    break;
            }
        }

        return options;
    }

    private static async Task<List<DraftEvent>> DraftAsync(DraftingOptions options, params string[] sections)
    {
        using var registry = new ChatProviderRegistry(Options.Create(options), TimeProvider.System, []);
        var chain = registry.ResolveChain(null, null);
        return await CollectAsync(NewEngine(options).RunAsync("D-test", sections.Select(Job).ToList(), chain, Ct));
    }

    private static void AssertCompleted(List<DraftEvent> events, string sectionId, string provider, int failures)
    {
        var completed = Assert.Single(events.OfType<SectionCompleted>(), c => c.SectionId == sectionId);
        Assert.Equal(TextOf(sectionId), completed.Content);
        Assert.Equal(provider, completed.Provider);
        Assert.Equal(completed.Content, ShownText(events, sectionId));
        var sectionFailures = events.OfType<SectionFailed>().Where(f => f.SectionId == sectionId).ToList();
        Assert.True(failures == sectionFailures.Count, $"{sectionId}: expected {failures} failures, got: {string.Join("; ", sectionFailures.Select(f => f.Message))}");
        Assert.All(sectionFailures, f => Assert.True(f.WillRetry));
        Assert.Equal(failures + 1, events.OfType<SectionStarted>().Count(s => s.SectionId == sectionId));
    }

    [Theory]
    [InlineData(Wire.Anthropic)]
    [InlineData(Wire.OpenAI)]
    [InlineData(Wire.Ollama)]
    public async Task Draft_TransientFailures_RetriedWhileOtherSectionsAreUnaffected(Wire wire)
    {
        await using var server = new WireServer(wire, (section, attempt) => (section, attempt) switch
        {
            ("rate", 1) => new StatusReply(429, RetryAfterMs: "5"),
            ("overloaded", 1) => new StatusReply(529),
            ("unavailable", 1) => new StatusReply(503),
            ("error", 1) => new StatusReply(500),
            ("cut", 1) => new CutReply(TextOf(section)),
            ("malformed", 1) => new MalformedReply(TextOf(section)),
            ("streamerror", 1) => new StreamErrorReply(TextOf(section)),
            ("slow", 1) => new StreamReply(TextOf(section), FirstTokenDelay: TimeSpan.FromSeconds(60)),
            _ => new StreamReply(TextOf(section)),
        });
        string[] sections = ["ok", "rate", "overloaded", "unavailable", "error", "cut", "malformed", "streamerror", "slow"];

        var events = await DraftAsync(OptionsFor([(wire, server)], idleTimeoutMs: 4_000), sections);

        AssertCompleted(events, "ok", NameOf(wire), failures: 0);
        Assert.Equal(1, server.AttemptsOf("ok"));
        foreach (var section in sections.Skip(1))
        {
            AssertCompleted(events, section, NameOf(wire), failures: 1);
            Assert.Equal(2, server.AttemptsOf(section));
        }

        Assert.Contains(events.OfType<SectionFailed>(), f => f.SectionId == "rate" && f.Message.Contains("429", StringComparison.Ordinal));
        Assert.Contains(events.OfType<SectionFailed>(), f => f.SectionId == "overloaded" && f.Message.Contains("529", StringComparison.Ordinal));
        Assert.Equal(sections.Length, Assert.IsType<DraftCompleted>(events[^1]).Completed);
    }

    [Theory(Timeout = 60_000)]
    [InlineData(Wire.Anthropic)]
    [InlineData(Wire.OpenAI)]
    [InlineData(Wire.Ollama)]
    public async Task Draft_RateLimitedWithRetryAfter_WaitsAsToldInsteadOfBackingOff(Wire wire)
    {
        await using var server = new WireServer(wire, (section, attempt) => (section, attempt) switch
        {
            ("ms", 1) => new StatusReply(429, RetryAfterMs: "20"),
            ("seconds", 1) => new StatusReply(429, RetryAfter: "0"),
            _ => new StreamReply(TextOf(section)),
        });

        // The backoff without a Retry-After would be ten minutes: the test ends in time only if the header is honoured.
        var events = await DraftAsync(OptionsFor([(wire, server)], baseDelayMs: 600_000), "ms", "seconds");

        AssertCompleted(events, "ms", NameOf(wire), failures: 1);
        AssertCompleted(events, "seconds", NameOf(wire), failures: 1);
    }

    [Theory]
    [InlineData(Wire.Anthropic, Wire.OpenAI)]
    [InlineData(Wire.OpenAI, Wire.Ollama)]
    [InlineData(Wire.Ollama, Wire.Anthropic)]
    public async Task Draft_PrimaryKeepsFailing_FallsBackToNextProvider(Wire primary, Wire fallback)
    {
        await using var first = new WireServer(primary, (section, _) => section == "risks" ? new StatusReply(500) : new StreamReply(TextOf(section)));
        await using var second = new WireServer(fallback, (section, _) => new StreamReply(TextOf(section)));

        var events = await DraftAsync(OptionsFor([(primary, first), (fallback, second)], maxRetries: 1), "summary", "risks", "benefits");

        AssertCompleted(events, "risks", NameOf(fallback), failures: 2);
        Assert.Equal(2, first.AttemptsOf("risks"));
        AssertCompleted(events, "summary", NameOf(primary), failures: 0);
        AssertCompleted(events, "benefits", NameOf(primary), failures: 0);
        Assert.Equal(0, second.AttemptsOf("summary"));
    }

    [Theory]
    [InlineData(Wire.Anthropic)]
    [InlineData(Wire.OpenAI)]
    [InlineData(Wire.Ollama)]
    public async Task Draft_EveryProviderFails_OnlyThatSectionFails(Wire wire)
    {
        await using var server = new WireServer(wire, (section, _) => section == "risks" ? new StatusReply(503) : new StreamReply(TextOf(section)));

        var events = await DraftAsync(OptionsFor([(wire, server)], maxRetries: 2), "summary", "risks");

        var failures = events.OfType<SectionFailed>().Where(f => f.SectionId == "risks").ToList();
        Assert.Equal([true, true, false], failures.Select(f => f.WillRetry));
        Assert.Equal(3, server.AttemptsOf("risks"));
        AssertCompleted(events, "summary", NameOf(wire), failures: 0);
        var done = Assert.IsType<DraftCompleted>(events[^1]);
        Assert.Equal((1, 1), (done.Completed, done.Failed));
    }

    [Theory]
    [InlineData(Wire.Anthropic)]
    [InlineData(Wire.OpenAI)]
    [InlineData(Wire.Ollama)]
    public async Task Draft_NotAuthorized_NotRetried(Wire wire)
    {
        await using var server = new WireServer(wire, (section, _) => new StatusReply(401));

        var events = await DraftAsync(OptionsFor([(wire, server)], maxRetries: 3), "summary");

        var failure = Assert.Single(events.OfType<SectionFailed>());
        Assert.False(failure.WillRetry);
        Assert.Contains("401", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.AttemptsOf("summary"));
    }

    [Fact]
    public async Task Anthropic_Request_CarriesKeyModelAndStreamFlag()
    {
        await using var server = new WireServer(Wire.Anthropic, (section, _) => new StreamReply(TextOf(section)));

        await DraftAsync(OptionsFor([(Wire.Anthropic, server)]), "summary");

        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/messages", request.Path);
        Assert.Contains("test-key", request.Authorization, StringComparison.Ordinal);
        Assert.Contains("\"stream\":true", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"model\":\"test-model\"", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveChain_NoProviderAndNoKey_IsOffline()
    {
        var options = new DraftingOptions { Anthropic = new ProviderSettings { ApiKey = null } };
        using var registry = new ChatProviderRegistry(Options.Create(options), TimeProvider.System, [new ChatProviderRegistration(ProviderNames.Offline, _ => new PacedChatClient(1, TimeSpan.Zero), Offline: true)]);

        var expected = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY")) ? ProviderNames.Offline : ProviderNames.Anthropic;
        Assert.Equal(expected, registry.DefaultProviderName);
    }

    [Fact]
    public void ResolveChain_FallbackWithoutModel_LeftOut()
    {
        var options = new DraftingOptions
        {
            Provider = ProviderNames.OpenAI,
            Fallback = [ProviderNames.Ollama, ProviderNames.OpenAI],
            OpenAI = new ProviderSettings { BaseUrl = "http://127.0.0.1:9", ApiKey = "k", Model = "m" },
            Ollama = new ProviderSettings { BaseUrl = "http://127.0.0.1:9", Model = null },
        };
        using var registry = new ChatProviderRegistry(Options.Create(options), TimeProvider.System, []);

        Assert.Equal([ProviderNames.OpenAI], registry.ResolveChain(null, null).Select(p => p.Name));
    }

    [Fact]
    public void ResolveChain_UnknownProvider_ThrowsBadInput()
    {
        using var registry = new ChatProviderRegistry(Options.Create(new DraftingOptions()), TimeProvider.System, []);

        Assert.Equal("unknown_provider", Assert.Throws<IcfStudio.Core.BadInputException>(() => registry.ResolveChain("nope", null)).Code);
    }

    [Theory]
    [InlineData("http://localhost:8000", "http://localhost:8000/v1")]
    [InlineData("http://localhost:8000/v1/", "http://localhost:8000/v1")]
    public void OpenAIEndpoint_BaseUrl_EndsInV1(string baseUrl, string expected) =>
        Assert.Equal(new Uri(expected), ChatProviderRegistry.OpenAIEndpoint(baseUrl));
}
