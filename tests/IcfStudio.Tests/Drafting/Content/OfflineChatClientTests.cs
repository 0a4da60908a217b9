using System.Text;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Offline;
using IcfStudio.Core.Drafting.Prompting;
using Microsoft.Extensions.AI;

namespace IcfStudio.Tests.Drafting.Content;

public sealed class OfflineChatClientTests
{
    private static async Task<(string Text, int Updates)> StreamAsync(SectionContext context, ChatOptions? extra = null)
    {
        var (messages, options) = SectionPrompt.Build(context);
        foreach (var (key, value) in extra?.AdditionalProperties ?? [])
        {
            options.AdditionalProperties![key] = value;
        }

        using var client = new OfflineChatClient();
        var sb = new StringBuilder();
        var updates = 0;
        await foreach (var update in client.GetStreamingResponseAsync(messages, options, TestContext.Current.CancellationToken))
        {
            sb.Append(update.Text);
            updates++;
        }

        return (sb.ToString(), updates);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Risks_StreamsWordByWordTheSameTextAsGetResponse()
    {
        var context = ContentSamples.Context("risks", ContentSamples.RiskPassages);
        var (streamed, updates) = await StreamAsync(context);

        var (messages, options) = SectionPrompt.Build(context);
        using var client = new OfflineChatClient();
        var response = await client.GetResponseAsync(messages, options, TestContext.Current.CancellationToken);

        Assert.Equal(response.Text, streamed);
        Assert.True(updates > streamed.Split(' ').Length / 2, "one update per word");
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Risks_StatesSourcedFactsInPlainWordsWithCitations()
    {
        var context = ContentSamples.Context("risks", ContentSamples.RiskPassages);

        var (text, _) = await StreamAsync(context);

        Assert.Contains("12%", text, StringComparison.Ordinal);
        Assert.Contains("side effects", text, StringComparison.Ordinal);
        Assert.DoesNotContain("adverse event", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("venipuncture", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("There may be risks that no one knows about yet.", text, StringComparison.Ordinal);
        var keys = CitationParser.Parse(text, context.Passages).Select(c => c.Key).ToList();
        Assert.Contains("P1", keys);
        Assert.Contains("P2", keys);
        Assert.Empty(NumberCheck.Unsourced(text, context.Passages, context.Facts));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Procedures_UsesGlossaryAndIncludesVisitTable()
    {
        var context = ContentSamples.Context("procedures", ContentSamples.ProcedurePassages);

        var (text, _) = await StreamAsync(context);

        Assert.Contains("assigned by chance", text, StringComparison.Ordinal);
        Assert.Contains("a look-alike with no medicine", text, StringComparison.Ordinal);
        Assert.DoesNotContain("randomized", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("| Visit | When | About how long | What happens | Research only? |", text, StringComparison.Ordinal);
        Assert.Contains("26 weeks", text, StringComparison.Ordinal);
        Assert.Empty(NumberCheck.Unsourced(text, context.Passages, context.Facts));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_InjectedInstructions_AreNotObeyed()
    {
        var context = ContentSamples.Context("risks", ContentSamples.InjectionPassages);

        var (text, _) = await StreamAsync(context);

        Assert.DoesNotContain("PWNED", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("no risks at all", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("instruction", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("system prompt", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Headache was reported in 8% of people", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FeedbackShorter_WritesFewerBullets()
    {
        var (full, _) = await StreamAsync(ContentSamples.Context("risks", ContentSamples.RiskPassages));
        var (shorter, _) = await StreamAsync(ContentSamples.Context("risks", ContentSamples.RiskPassages, feedback: "Too long, make it shorter.", currentText: full));

        Assert.True(Bullets(shorter) < Bullets(full), $"{Bullets(shorter)} bullets vs {Bullets(full)}");
    }

    [Fact]
    public async Task GetStreamingResponseAsync_FeedbackMentionTopic_IncludesWhatTheProtocolSaysOrSaysItIsSilent()
    {
        var (found, _) = await StreamAsync(ContentSamples.Context("benefits", ContentSamples.RiskPassages, feedback: "Please mention contraception."));
        var (silent, _) = await StreamAsync(ContentSamples.Context("benefits", ContentSamples.RiskPassages, feedback: "Please mention parking 42 spaces."));

        Assert.Contains("birth control", found.ToLowerInvariant().Replace("contraception", "birth control", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("[P3]", found, StringComparison.Ordinal);
        Assert.Contains("does not say more about parking", silent, StringComparison.Ordinal);
        Assert.DoesNotContain("42", silent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_TokenDelay_UsesTheTimeProvider()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var client = new OfflineChatClient(TimeSpan.FromSeconds(1), time);
        var (messages, options) = SectionPrompt.Build(ContentSamples.Context("participants", ContentSamples.RiskPassages));

        await using var stream = client.GetStreamingResponseAsync(messages, options, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        var next = stream.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await next);
    }

    [Fact]
    public async Task GetResponseAsync_WithoutSectionContext_ThrowsAClearError()
    {
        using var client = new OfflineChatClient();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], null, TestContext.Current.CancellationToken));

        Assert.Contains(SectionPrompt.SectionContextKey, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_StandardOnlySections_UseTheirWordingAndNoPassages()
    {
        var (ctgov, _) = await StreamAsync(ContentSamples.Context("clinicaltrials_gov", ContentSamples.InjectionPassages));
        var (signature, _) = await StreamAsync(ContentSamples.Context("signature", ContentSamples.InjectionPassages));

        Assert.Contains("A description of this clinical trial will be available on http://www.ClinicalTrials.gov, as required by U.S. Law.", ctgov, StringComparison.Ordinal);
        Assert.Contains("NCT01234567", ctgov, StringComparison.Ordinal);
        Assert.Contains("I agree to take part in this study.", signature, StringComparison.Ordinal);
        Assert.DoesNotContain("[P", ctgov + signature, StringComparison.Ordinal);
    }

    [Fact]
    public void GetService_Metadata_NamesTheOfflineProvider()
    {
        using var client = new OfflineChatClient();

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("offline", metadata!.ProviderName);
    }

    private static int Bullets(string text) => text.Split('\n').Count(l => l.StartsWith("- ", StringComparison.Ordinal));
}
