using System.Threading.Channels;
using IcfStudio.Core.Drafting;
using IcfStudio.Server.Hosting;
using Microsoft.Extensions.Options;

namespace IcfStudio.Server.Drafts;

/// <summary>A live subscription: events buffered before it started, then a channel of the events that follow.</summary>
internal sealed record DraftSubscription(IReadOnlyList<SequencedDraftEvent> Buffered, ChannelReader<SequencedDraftEvent> Live, Action Unsubscribe);

/// <summary>
/// Fans the events of running generations out to stream subscribers, per draft, in sequence order.
/// While something runs for a draft it keeps the events that storage may not hold yet, so that a subscriber
/// who subscribes first and then replays from storage sees every event exactly once.
/// </summary>
internal sealed class DraftStreamHub(IOptions<StreamingOptions> options, ILogger<DraftStreamHub> logger)
{
    private readonly Dictionary<string, DraftChannel> _drafts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public bool IsRunning(string draftId)
    {
        lock (_gate)
        {
            return _drafts.TryGetValue(draftId, out var channel) && channel.ActiveRuns > 0;
        }
    }

    /// <summary>Registers a run. <paramref name="lastStoredSequence"/> is the draft's highest stored sequence before the run.</summary>
    public void BeginRun(string draftId, long lastStoredSequence)
    {
        lock (_gate)
        {
            if (!_drafts.TryGetValue(draftId, out var channel))
            {
                channel = new DraftChannel();
                _drafts[draftId] = channel;
            }

            if (channel.ActiveRuns == 0)
            {
                channel.NextSequence = Math.Max(lastStoredSequence, channel.LastDelivered) + 1;
            }

            channel.ActiveRuns++;
        }
    }

    /// <summary>Ends a run; when it was the last one, delivers anything held back and completes every subscriber.</summary>
    public void EndRun(string draftId)
    {
        lock (_gate)
        {
            var channel = _drafts[draftId];
            channel.ActiveRuns--;
            if (channel.ActiveRuns > 0)
            {
                return;
            }

            foreach (var held in channel.Pending.Values)
            {
                Deliver(draftId, channel, held);
            }

            channel.Pending.Clear();
            channel.Buffer.Clear();
            foreach (var subscriber in channel.Subscribers)
            {
                subscriber.Writer.TryComplete();
            }

            channel.Subscribers.Clear();
        }
    }

    /// <summary>Publishes an event of a running generation. Events of concurrent runs are put back in sequence order.</summary>
    public void Publish(string draftId, SequencedDraftEvent draftEvent)
    {
        lock (_gate)
        {
            var channel = _drafts[draftId];
            if (draftEvent.Sequence < channel.NextSequence)
            {
                return;
            }

            if (draftEvent.Sequence > channel.NextSequence)
            {
                channel.Pending[draftEvent.Sequence] = draftEvent;
                if (channel.Pending.Count > MaxPending)
                {
                    // A sequence number never arrived: do not hold the stream back forever.
                    ServerLog.SequenceGap(logger, draftId, channel.Pending.Keys[0]);
                    FlushPending(draftId, channel);
                }

                return;
            }

            Deliver(draftId, channel, draftEvent);
            FlushPending(draftId, channel);
        }
    }

    /// <summary>Drops buffered events that storage already holds (sequence ≤ <paramref name="storedThrough"/>).</summary>
    public void Trim(string draftId, long storedThrough)
    {
        lock (_gate)
        {
            if (_drafts.TryGetValue(draftId, out var channel))
            {
                var count = 0;
                while (count < channel.Buffer.Count && channel.Buffer[count].Sequence <= storedThrough)
                {
                    count++;
                }

                channel.Buffer.RemoveRange(0, count);
            }
        }
    }

    /// <summary>Subscribes to a draft's live events; null when nothing runs for it (storage then holds everything).</summary>
    public DraftSubscription? Subscribe(string draftId)
    {
        lock (_gate)
        {
            if (!_drafts.TryGetValue(draftId, out var channel) || channel.ActiveRuns == 0)
            {
                return null;
            }

            var live = Channel.CreateBounded<SequencedDraftEvent>(new BoundedChannelOptions(options.Value.SubscriberCapacity)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            channel.Subscribers.Add(live);
            return new DraftSubscription([.. channel.Buffer], live.Reader, () => Unsubscribe(draftId, live));
        }
    }

    private const int MaxPending = 4096;

    private void Unsubscribe(string draftId, Channel<SequencedDraftEvent> live)
    {
        lock (_gate)
        {
            if (_drafts.TryGetValue(draftId, out var channel))
            {
                channel.Subscribers.Remove(live);
            }
        }
    }

    private void FlushPending(string draftId, DraftChannel channel)
    {
        while (channel.Pending.Count > 0)
        {
            var first = channel.Pending.Keys[0];
            if (first != channel.NextSequence && channel.Pending.Count <= MaxPending)
            {
                return;
            }

            var held = channel.Pending.Values[0];
            channel.Pending.RemoveAt(0);
            Deliver(draftId, channel, held);
        }
    }

    private void Deliver(string draftId, DraftChannel channel, SequencedDraftEvent draftEvent)
    {
        channel.Buffer.Add(draftEvent);
        channel.NextSequence = draftEvent.Sequence + 1;
        channel.LastDelivered = draftEvent.Sequence;
        for (var i = channel.Subscribers.Count - 1; i >= 0; i--)
        {
            var subscriber = channel.Subscribers[i];
            if (!subscriber.Writer.TryWrite(draftEvent))
            {
                // A reader that fell this far behind is closed; EventSource reconnects with Last-Event-ID and replays from storage.
                ServerLog.SubscriberOverflow(logger, draftId, options.Value.SubscriberCapacity);
                subscriber.Writer.TryComplete(new SubscriberOverflowException());
                channel.Subscribers.RemoveAt(i);
            }
        }
    }

    private sealed class DraftChannel
    {
        public int ActiveRuns { get; set; }
        public long NextSequence { get; set; } = 1;
        public long LastDelivered { get; set; }
        public SortedList<long, SequencedDraftEvent> Pending { get; } = [];
        public List<SequencedDraftEvent> Buffer { get; } = [];
        public List<Channel<SequencedDraftEvent>> Subscribers { get; } = [];
    }
}

internal sealed class SubscriberOverflowException() : Exception("The subscriber fell behind the live stream.");
