using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Engine;
using static IcfStudio.Tests.Drafting.Engine.EngineTestKit;

namespace IcfStudio.Tests.Drafting.Engine;

public sealed class DraftEngineTests
{
    private static readonly string[] Sections = ["summary", "background", "participants", "procedures", "alternatives", "risks", "benefits"];

    [Fact]
    public async Task RunAsync_PacedProvider_AllSectionsStartBeforeAnyFinishesAndTokensInterleave()
    {
        var client = new PacedChatClient(wordsPerSection: 30, TimeSpan.FromMilliseconds(3));
        var engine = NewEngine(FastOptions());

        var events = await CollectAsync(engine.RunAsync("D-1", Sections.Select(Job).ToList(), [Provider("stub", client)], TestContext.Current.CancellationToken));

        var firstCompletion = events.FindIndex(e => e is SectionCompleted);
        var lastStart = events.FindLastIndex(e => e is SectionStarted);
        Assert.True(lastStart < firstCompletion, "every section starts before any section finishes");
        foreach (var section in Sections)
        {
            var first = events.FindIndex(e => e is TokenDelta t && t.SectionId == section);
            var last = events.FindLastIndex(e => e is TokenDelta t && t.SectionId == section);
            Assert.Contains(events.Skip(first).Take(last - first), e => e is TokenDelta t && t.SectionId != section);
            var completed = Assert.Single(events.OfType<SectionCompleted>(), c => c.SectionId == section);
            Assert.Equal(PacedChatClient.TextOf(section, 30), completed.Content);
            Assert.Equal(30, completed.WordCount);
            Assert.Equal("stub", completed.Provider);
        }

        var done = Assert.IsType<DraftCompleted>(events[^1]);
        Assert.Equal(Sections.Length, done.Completed);
        Assert.Equal(0, done.Failed);
        Assert.Equal(Sections.Order(), done.SectionDurationsMs.Keys.Order());
    }

    [Fact]
    public async Task RunAsync_ConcurrencyLimit_NeverExceededAndAllSectionsComplete()
    {
        var client = new PacedChatClient(wordsPerSection: 5, TimeSpan.FromMilliseconds(1));
        var engine = NewEngine(FastOptions());

        var events = await CollectAsync(engine.RunAsync("D-1", Sections.Select(Job).ToList(), [Provider("stub", client, maxConcurrency: 2)], TestContext.Current.CancellationToken));

        Assert.Equal(2, client.MaxRunning);
        Assert.Equal(Sections.Length, events.OfType<SectionCompleted>().Count());
    }

    [Fact]
    public async Task RunAsync_StreamBreaksMidway_RestartsSectionCleanlyAndOthersUnaffected()
    {
        var client = new ScriptedChatClient((section, attempt) => section == "risks" && attempt == 1 ? "connection reset" : null);
        var engine = NewEngine(FastOptions());

        var events = await CollectAsync(engine.RunAsync("D-1", new[] { "summary", "risks" }.Select(Job).ToList(), [Provider("stub", client)], TestContext.Current.CancellationToken));

        var risks = events.Where(e => e is SectionStarted { SectionId: "risks" } or TokenDelta { SectionId: "risks" } or SectionFailed { SectionId: "risks" } or SectionCompleted { SectionId: "risks" }).ToList();
        Assert.IsType<SectionStarted>(risks[0]);
        var failure = Assert.Single(risks.OfType<SectionFailed>());
        Assert.True(failure.WillRetry);
        Assert.IsType<SectionStarted>(risks[risks.IndexOf(failure) + 1]);
        var completed = Assert.IsType<SectionCompleted>(risks[^1]);
        Assert.Equal(ScriptedChatClient.TextOf("risks"), completed.Content);
        Assert.Equal(completed.Content, ShownText(events, "risks"));
        Assert.Equal([new Citation("P1", 11, 3, 3, "Risks")], completed.Citations);
        Assert.DoesNotContain(events, e => e is SectionFailed { SectionId: "summary" });
        Assert.Equal(2, Assert.IsType<DraftCompleted>(events[^1]).Completed);
    }

    [Fact]
    public async Task RunAsync_ProviderKeepsFailing_FallsBackToNextProvider()
    {
        var broken = new ScriptedChatClient((section, _) => section == "risks" ? "always broken" : null);
        var backup = new ScriptedChatClient((_, _) => null);
        var engine = NewEngine(FastOptions(maxRetries: 1));

        var events = await CollectAsync(engine.RunAsync("D-1", new[] { "summary", "risks" }.Select(Job).ToList(), [Provider("first", broken), Provider("second", backup)], TestContext.Current.CancellationToken));

        var failures = events.OfType<SectionFailed>().ToList();
        Assert.Equal(2, failures.Count);
        Assert.All(failures, f => Assert.True(f.WillRetry));
        Assert.All(failures, f => Assert.StartsWith("first:", f.Message, StringComparison.Ordinal));
        Assert.Equal("second", events.OfType<SectionCompleted>().Single(c => c.SectionId == "risks").Provider);
        Assert.Equal("first", events.OfType<SectionCompleted>().Single(c => c.SectionId == "summary").Provider);
    }

    [Fact]
    public async Task RunAsync_EveryProviderFails_SectionFailsWhileOthersComplete()
    {
        var broken = new ScriptedChatClient((section, _) => section == "risks" ? "always broken" : null);
        var engine = NewEngine(FastOptions(maxRetries: 1));

        var events = await CollectAsync(engine.RunAsync("D-1", new[] { "summary", "risks" }.Select(Job).ToList(), [Provider("only", broken)], TestContext.Current.CancellationToken));

        var last = events.OfType<SectionFailed>().Last();
        Assert.Equal("risks", last.SectionId);
        Assert.False(last.WillRetry);
        Assert.Single(events.OfType<SectionCompleted>(), c => c.SectionId == "summary");
        var done = Assert.IsType<DraftCompleted>(events[^1]);
        Assert.Equal((1, 1), (done.Completed, done.Failed));
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsPromptlyWithNoStreamLeftRunning()
    {
        var client = new PacedChatClient(wordsPerSection: -1, TimeSpan.FromMilliseconds(2));
        var engine = NewEngine(FastOptions());
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var tokens = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in engine.RunAsync("D-1", Sections.Select(Job).ToList(), [Provider("stub", client)], cts.Token))
            {
                if (e is TokenDelta && ++tokens == 50)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(0, client.Running);
    }

    [Fact]
    public async Task RunAsync_ConsumerStopsEarly_NoStreamLeftRunning()
    {
        var client = new PacedChatClient(wordsPerSection: -1, TimeSpan.FromMilliseconds(2));
        var engine = NewEngine(FastOptions());

        await foreach (var e in engine.RunAsync("D-1", Sections.Select(Job).ToList(), [Provider("stub", client)], TestContext.Current.CancellationToken))
        {
            if (e is TokenDelta)
            {
                break;
            }
        }

        Assert.Equal(0, client.Running);
    }

    [Fact]
    public async Task RunAsync_PrepareThrows_SectionFailsWithoutRetryAndOthersComplete()
    {
        var client = new ScriptedChatClient((_, _) => null);
        var engine = NewEngine(FastOptions());
        var jobs = new[] { Job("summary"), new SectionJob("risks", "Risks", 1, _ => throw new InvalidOperationException("search index missing")) };

        var events = await CollectAsync(engine.RunAsync("D-1", jobs, [Provider("stub", client)], TestContext.Current.CancellationToken));

        var failed = Assert.Single(events.OfType<SectionFailed>());
        Assert.Equal(("risks", false), (failed.SectionId, failed.WillRetry));
        Assert.Single(events.OfType<SectionCompleted>());
    }

    [Fact]
    public void Serialize_Token_HasOnlySectionIdAndContent()
    {
        Assert.Equal("""{"sectionId":"risks","content":"Ça < 5 \"mg\""}""", DraftEventJson.Serialize(new TokenDelta("risks", "Ça < 5 \"mg\"")));
    }

    [Fact]
    public void Serialize_SectionCompleted_IsCamelCaseWithCitations()
    {
        var json = DraftEventJson.Serialize(new SectionCompleted("risks", "Text [P1]", 2, [new Citation("P1", 11, 3, 4, "6 Risks")], 2, "offline"));

        Assert.Equal(
            """{"sectionId":"risks","content":"Text [P1]","wordCount":2,"citations":[{"key":"P1","chunkId":11,"pageStart":3,"pageEnd":4,"sectionPath":"6 Risks"}],"version":2,"provider":"offline"}""",
            json);
    }
}
