using System.Collections.Concurrent;
using System.Threading.Channels;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.Logging;

namespace IcfStudio.Core.Drafting.Engine;

/// <summary>
/// Numbers each draft's events (1, 2, 3 … per draft, seeded from the store) and persists them in order, in batches of up to
/// 4,096 events or about 50 ms, on one background writer: persistence never holds up the live stream.
/// </summary>
internal sealed partial class DraftEventLog : IAsyncDisposable
{
    private const int MaxBatch = 4096;
    private static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(50);

    private readonly IDraftStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Channel<Entry> _queue = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, Lazy<Task<Counter>>> _counters = new(StringComparer.Ordinal);
    private readonly Task _pump;

    // Drafts some of whose events could not be stored since their last flush (only the pump touches it).
    private readonly Dictionary<string, Exception> _lost = new(StringComparer.Ordinal);

    public DraftEventLog(IDraftStore store, TimeProvider timeProvider, ILogger logger)
    {
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>The draft's sequence counter, read from the store the first time.</summary>
    public async Task<Counter> CounterAsync(string draftId, CancellationToken cancellationToken)
    {
        var lazy = _counters.GetOrAdd(draftId, id => new Lazy<Task<Counter>>(() => SeedAsync(id)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _counters.TryRemove(new KeyValuePair<string, Lazy<Task<Counter>>>(draftId, lazy));
            throw;
        }
    }

    /// <summary>Assigns the next sequence number and queues the event for persistence, atomically, so the store sees them in order.</summary>
    public long Append(Counter counter, string name, string dataJson)
    {
        lock (counter)
        {
            var sequence = ++counter.Last;
            _queue.Writer.TryWrite(new Entry(counter.DraftId, new StoredDraftEvent(sequence, name, dataJson), null));
            return sequence;
        }
    }

    /// <summary>Completes when every event of the draft appended before the call is stored; fails when one of them could not be.</summary>
    public Task FlushAsync(string draftId)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Entry(draftId, null, done)))
        {
            done.SetException(new ObjectDisposedException(nameof(DraftEventLog)));
        }

        return done.Task;
    }

    private async Task<Counter> SeedAsync(string draftId) =>
        new(draftId) { Last = await _store.GetLastEventSequenceAsync(draftId, CancellationToken.None) };

    private async Task PumpAsync()
    {
        var batch = new List<Entry>(MaxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            var flushRequested = Drain(reader, batch);
            if (!flushRequested && batch.Count < MaxBatch)
            {
                // Let a burst of tokens gather into one transaction.
                await Task.Delay(BatchWindow, _timeProvider);
                Drain(reader, batch);
            }

            await WriteAsync(batch);
            batch.Clear();
        }
    }

    private static bool Drain(ChannelReader<Entry> reader, List<Entry> batch)
    {
        while (batch.Count < MaxBatch && reader.TryRead(out var entry))
        {
            batch.Add(entry);
            if (entry.Flushed is not null)
            {
                return true;
            }
        }

        return batch.Count >= MaxBatch;
    }

    private async Task WriteAsync(List<Entry> batch)
    {
        // One transaction for every draft in the batch; each draft's events stay in the order they were numbered.
        var byDraft = new Dictionary<string, List<StoredDraftEvent>>(StringComparer.Ordinal);
        var batches = new List<DraftEventBatch>();
        foreach (var entry in batch)
        {
            if (entry.Event is null)
            {
                continue;
            }

            if (!byDraft.TryGetValue(entry.DraftId, out var events))
            {
                byDraft[entry.DraftId] = events = [];
                batches.Add(new DraftEventBatch(entry.DraftId, events));
            }

            events.Add(entry.Event);
        }

        if (batches.Count > 0 && await TryAppendAsync(batches) is { } failure)
        {
            if (batches.Count == 1)
            {
                _lost[batches[0].DraftId] = failure;
            }
            else
            {
                // One draft's events were refused (deleted meanwhile, say): store every other draft's on their own.
                foreach (var draft in batches)
                {
                    if (await TryAppendAsync([draft]) is { } draftFailure)
                    {
                        _lost[draft.DraftId] = draftFailure;
                    }
                }
            }
        }

        foreach (var entry in batch)
        {
            if (entry.Flushed is null)
            {
                continue;
            }

            if (_lost.Remove(entry.DraftId, out var lost))
            {
                entry.Flushed.TrySetException(lost);
            }
            else
            {
                entry.Flushed.TrySetResult();
            }
        }
    }

    private async Task<Exception?> TryAppendAsync(IReadOnlyList<DraftEventBatch> batches)
    {
        try
        {
            await _store.AppendEventsAsync(batches, CancellationToken.None);
            return null;
        }
        catch (Exception ex)
        {
            LogAppendFailed(_logger, batches.Count, batches.Sum(b => b.Events.Count), ex);
            return ex;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _pump;
    }

    internal sealed class Counter(string draftId)
    {
        public string DraftId { get; } = draftId;

        public long Last { get; set; }
    }

    /// <summary>An event to store, or (with <see cref="Flushed"/>) a request to be told when the draft's earlier events are stored.</summary>
    private sealed record Entry(string DraftId, StoredDraftEvent? Event, TaskCompletionSource? Flushed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing {Count} events of {DraftCount} draft(s) failed")]
    private static partial void LogAppendFailed(ILogger logger, int draftCount, int count, Exception exception);
}
