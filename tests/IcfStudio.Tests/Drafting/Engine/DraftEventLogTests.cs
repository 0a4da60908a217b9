using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Engine;
using Microsoft.Extensions.Logging.Abstractions;

namespace IcfStudio.Tests.Drafting.Engine;

public sealed class DraftEventLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FlushAsync_OneDraftRefusedInASharedBatch_OthersStoredAndOnlyItsFlushFails()
    {
        var store = new FakeDraftStore { RefuseEventsOf = "refused" };
        await using var log = new DraftEventLog(store, TimeProvider.System, NullLogger.Instance);
        var refused = await log.CounterAsync("refused", Ct);
        var first = await log.CounterAsync("first", Ct);
        var second = await log.CounterAsync("second", Ct);

        // One burst, so that all three drafts share a batch with the refused one first.
        log.Append(refused, "token", "{}");
        log.Append(first, "token", "{}");
        log.Append(second, "token", "{}");
        log.Append(first, "token", "{}");

        await Assert.ThrowsAsync<InvalidOperationException>(() => log.FlushAsync("refused"));
        await log.FlushAsync("first");
        await log.FlushAsync("second");
        Assert.Equal([1L, 2L], (await store.ReadEventsAsync("first", 0, Ct)).Select(e => e.Sequence));
        Assert.Equal([1L], (await store.ReadEventsAsync("second", 0, Ct)).Select(e => e.Sequence));
        Assert.Empty(await store.ReadEventsAsync("refused", 0, Ct));
    }

    [Fact]
    public async Task FlushAsync_AfterEventsWereLostInAnEarlierBatch_ReportsTheLossOnce()
    {
        var store = new FakeDraftStore { RefuseEventsOf = "d1" };
        await using var log = new DraftEventLog(store, TimeProvider.System, NullLogger.Instance);
        var counter = await log.CounterAsync("d1", Ct);
        log.Append(counter, "token", "{}");

        // Long enough for the event's batch (50 ms) to be written, and refused, before the flush is asked for.
        await Task.Delay(300, Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => log.FlushAsync("d1"));
        await log.FlushAsync("d1");
    }
}
