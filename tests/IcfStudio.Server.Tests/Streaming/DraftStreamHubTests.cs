using IcfStudio.Core.Drafting;
using IcfStudio.Server.Drafts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IcfStudio.Server.Tests.Streaming;

public sealed class DraftStreamHubTests
{
    [Fact]
    public async Task Publish_ConcurrentRunsOutOfOrder_SubscriberGetsSequenceOrder()
    {
        var hub = new DraftStreamHub(Options.Create(new StreamingOptions()), NullLogger<DraftStreamHub>.Instance);
        hub.BeginRun("D-1", lastStoredSequence: 10);
        hub.BeginRun("D-1", lastStoredSequence: 10);
        var subscription = hub.Subscribe("D-1")!;

        hub.Publish("D-1", Token(12));
        hub.Publish("D-1", Token(11));
        hub.Publish("D-1", Token(14));
        hub.Publish("D-1", Token(13));
        hub.Publish("D-1", Token(11));
        hub.EndRun("D-1");
        hub.EndRun("D-1");

        var received = new List<long>();
        await foreach (var draftEvent in subscription.Live.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            received.Add(draftEvent.Sequence);
        }

        Assert.Equal([11, 12, 13, 14], received);
        Assert.Null(hub.Subscribe("D-1"));
    }

    [Fact]
    public void Subscribe_AfterTrim_BufferHoldsOnlyUnstoredEvents()
    {
        var hub = new DraftStreamHub(Options.Create(new StreamingOptions()), NullLogger<DraftStreamHub>.Instance);
        hub.BeginRun("D-1", lastStoredSequence: 0);
        for (var i = 1; i <= 5; i++)
        {
            hub.Publish("D-1", Token(i));
        }

        hub.Trim("D-1", storedThrough: 3);
        var subscription = hub.Subscribe("D-1")!;

        Assert.Equal([4, 5], subscription.Buffered.Select(e => e.Sequence));
    }

    [Fact]
    public void Coalesce_NeighbouringTokensOfOneSection_JoinedWithLastId()
    {
        var coalescer = new DraftEventStream.TokenCoalescer(maxChars: 1000);
        DraftEventStream.WireEvent[] events =
        [
            new(1, "section_start", "{}", null, null),
            new(2, "token", "{}", "a", "Hello"),
            new(3, "token", "{}", "a", ", \"world\""),
            new(4, "token", "{}", "b", "Other"),
            new(6, "token", "{}", "b", " gap"),
        ];

        var result = coalescer.Coalesce(events).ToList();

        Assert.Equal([1, 3, 4, 6], result.Select(e => e.Sequence));
        Assert.Equal("{\"sectionId\":\"a\",\"content\":\"Hello, \\\"world\\\"\"}", result[1].DataJson);
        Assert.Equal("{}", result[2].DataJson);
    }

    private static SequencedDraftEvent Token(long sequence) => new(sequence, new TokenDelta("s", $"t{sequence}"), "{}");
}
