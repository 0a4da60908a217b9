using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Profile;
using IcfStudio.Core.Storage;
using IcfStudio.Tests.Ingestion;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcfStudio.Tests.Profile;

/// <summary>LLM extraction: structured output, and only values whose quote is on the cited page are kept.</summary>
public sealed class LlmProfileExtractorTests
{
    private const string StudyId = "WALK-00000001";
    private const string FabricatedQuote = "sponsored by the Imaginary Foundation";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetAsync_LlmReturnsFabricatedAndTrueQuotes_KeepsOnlyTheVerifiedValue()
    {
        var studies = await StudyAsync();
        var chat = new JsonChatClient("""
            {"items": [
              {"key": "identity.sponsor", "value": "Imaginary Foundation", "page": 1, "quote": "sponsored by the Imaginary Foundation"},
              {"key": "identity.funder", "value": "National Institutes of Health", "page": 2, "quote": "funded by the National Institutes of Health"}
            ]}
            """);
        var logger = new WarningCollector();
        var extractor = new LlmProfileExtractor(() => chat, studies, logger);
        var service = new ProfileService(
            new FixedProfileSource(new ProfileItem("identity.acronym", "WALK", new ProfileEvidence(1, "WALK"), 0.7, ProfileOrigins.Rules)),
            new InMemoryProfileReviewStore(),
            studies,
            NullLogger<ProfileService>.Instance,
            extractor);

        var first = await service.GetAsync(StudyId, waitForLlm: true, Ct);
        var profile = await service.GetAsync(StudyId, Ct);

        Assert.Equal(first.Items, profile.Items);
        Assert.Equal("llm", profile.Find("identity.funder")!.Detected!.Origin);
        Assert.Equal("National Institutes of Health", profile.Find("identity.funder")!.Effective);
        Assert.Equal(2, profile.Find("identity.funder")!.Detected!.Evidence!.Page);
        Assert.Null(profile.Find("identity.sponsor")!.Detected);
        Assert.Equal("rules", profile.Find("identity.acronym")!.Detected!.Origin);
        var warning = Assert.Single(logger.Warnings);
        Assert.Contains("identity.sponsor", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("Imaginary", warning, StringComparison.Ordinal);

        // Structured output: every group's request carries a JSON schema.
        Assert.NotEmpty(chat.Formats);
        Assert.All(chat.Formats, f => Assert.NotNull(Assert.IsType<ChatResponseFormatJson>(f).Schema));
    }

    [Fact]
    public async Task GetAsync_NoProviderConfigured_AsksNothing()
    {
        var studies = await StudyAsync();
        var service = new ProfileService(new FixedProfileSource(), new InMemoryProfileReviewStore(), studies, NullLogger<ProfileService>.Instance,
            new LlmProfileExtractor(() => null, studies, NullLogger<LlmProfileExtractor>.Instance));

        var profile = await service.GetAsync(StudyId, waitForLlm: true, Ct);

        Assert.All(profile.Items, i => Assert.Null(i.Detected));
    }

    [Theory]
    [InlineData("funded by the National Institutes of Health", true)]
    [InlineData("funded  by the\nNational Institutes   of Health", true)]
    [InlineData("funded by the National Institutes of Wealth", false)]
    [InlineData("", false)]
    public void IsQuotedOn_WhitespaceAndLineEndHyphenation_AreNormalised(string quote, bool expected) =>
        Assert.Equal(expected, ProfileText.IsQuotedOn("This trial is funded by the National Insti-\ntutes of   Health.", quote));

    private static async Task<InMemoryStudyStore> StudyAsync()
    {
        var studies = new InMemoryStudyStore();
        var pages = new[]
        {
            new ProtocolPage(1, "WALK: a study of walking after heart surgery. Sponsor: Example Heart Institute."),
            new ProtocolPage(2, "This trial is funded by the National Insti-\ntutes of   Health."),
        };
        var document = new ProtocolDocument("walk.txt", ProtocolFormat.Text, pages, [], StudyMetadata.Empty);
        DocumentChunk[] chunks =
        [
            new(0, pages[0].Text, "Title page", 1, 1),
            new(1, "Sponsor and funder: " + pages[1].Text, "1 Synopsis", 2, 2),
        ];
        await studies.AddDocumentAsync(new NewDocument(StudyId, document, chunks, "ab01", StudyMetadata.Empty), Ct);
        return studies;
    }

    /// <summary>Answers the identity group's request with the given JSON, every other group with no items.</summary>
    private sealed class JsonChatClient(string identityAnswer) : IChatClient
    {
        public List<ChatResponseFormat?> Formats { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            lock (Formats)
            {
                Formats.Add(options?.ResponseFormat);
            }

            var asksIdentity = messages.Any(m => m.Text.Contains("identity.funder", StringComparison.Ordinal));
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, asksIdentity ? identityAnswer : """{"items": []}""")));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class WarningCollector : ILogger<LlmProfileExtractor>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                lock (Warnings)
                {
                    Warnings.Add(formatter(state, exception));
                }
            }
        }
    }
}
