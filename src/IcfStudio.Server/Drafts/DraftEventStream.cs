using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Storage;
using IcfStudio.Server.Hosting;
using Microsoft.Extensions.Options;

namespace IcfStudio.Server.Drafts;

/// <summary>
/// Produces a draft's SSE stream: replay from storage after Last-Event-ID, then the live events, each exactly once,
/// with the sequence as the event id. Runs of token events of one section that are already waiting are sent as one
/// event (id = the last sequence it covers), which keeps the bytes on the wire linear in the text under load.
/// </summary>
internal sealed class DraftEventStream(DraftStreamHub hub, IDraftStore store, IOptions<StreamingOptions> options, StreamingMetrics metrics)
{
    /// <summary>The events after <paramref name="afterSequence"/>; ends after the last one when nothing runs for the draft.</summary>
    public async IAsyncEnumerable<SseItem<string>> ReadAsync(
        string draftId,
        long afterSequence,
        Stream? body,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var coalescer = new TokenCoalescer(settings.MaxCoalescedChars);
        var first = true;

        // Subscribe before reading storage: an event published in between is then in the subscription, never lost.
        var subscription = hub.Subscribe(draftId);
        metrics.Opened();
        try
        {
            var last = afterSequence;
            var stored = await store.ReadEventsAsync(draftId, afterSequence, cancellationToken);
            foreach (var item in coalescer.Coalesce(stored.Select(FromStored)))
            {
                last = item.Sequence;
                yield return ToSse(item, ref first, settings);
            }

            if (subscription is null)
            {
                yield break;
            }

            foreach (var item in coalescer.Coalesce(subscription.Buffered.Where(e => e.Sequence > last).Select(FromLive)))
            {
                last = item.Sequence;
                yield return ToSse(item, ref first, settings);
            }

            var reader = subscription.Live;
            var waiting = new SseWaiting(body, settings.HeartbeatInterval, cancellationToken);
            while (true)
            {
                if (!reader.TryPeek(out _))
                {
                    if (!await waiting.WaitAsync(reader))
                    {
                        yield break;
                    }

                    continue;
                }

                if (body is not null)
                {
                    // Send the previous batch before taking the next: a steady stream never holds events back.
                    await body.FlushAsync(cancellationToken);
                }

                var batch = ReadAvailable(reader, last);
                foreach (var item in coalescer.Coalesce(batch))
                {
                    last = item.Sequence;
                    yield return ToSse(item, ref first, settings);
                }
            }
        }
        finally
        {
            subscription?.Unsubscribe();
            metrics.Closed();
        }
    }

    private static List<WireEvent> ReadAvailable(ChannelReader<SequencedDraftEvent> reader, long last)
    {
        var batch = new List<WireEvent>();
        while (batch.Count < 1024 && reader.TryRead(out var draftEvent))
        {
            if (draftEvent.Sequence > last)
            {
                batch.Add(FromLive(draftEvent));
            }
        }

        return batch;
    }

    private SseItem<string> ToSse(WireEvent item, ref bool first, StreamingOptions settings)
    {
        metrics.Sent();
        var sse = new SseItem<string>(item.DataJson, item.Name)
        {
            EventId = item.Sequence.ToString(CultureInfo.InvariantCulture),
            ReconnectionInterval = first ? settings.ReconnectionInterval : null,
        };
        first = false;
        return sse;
    }

    private static WireEvent FromLive(SequencedDraftEvent draftEvent) => draftEvent.Event is TokenDelta token
        ? new WireEvent(draftEvent.Sequence, DraftEvent.TokenName, draftEvent.DataJson, token.SectionId, token.Content)
        : new WireEvent(draftEvent.Sequence, draftEvent.Event.Name, draftEvent.DataJson, null, null);

    private static WireEvent FromStored(StoredDraftEvent stored)
    {
        if (stored.Name != DraftEvent.TokenName)
        {
            return new WireEvent(stored.Sequence, stored.Name, stored.DataJson, null, null);
        }

        var token = JsonSerializer.Deserialize<TokenData>(stored.DataJson, ServerJson.Wire);
        return new WireEvent(stored.Sequence, stored.Name, stored.DataJson, token?.SectionId, token?.Content);
    }

    /// <summary>One event for the wire. Token events carry their section and text so that consecutive ones can be joined.</summary>
    internal sealed record WireEvent(long Sequence, string Name, string DataJson, string? TokenSection, string? TokenContent);

    /// <summary>Joins consecutive token events of one section (sequence numbers without a gap) into one.</summary>
    internal sealed class TokenCoalescer(int maxChars)
    {
        private readonly StringBuilder _text = new();

        public IEnumerable<WireEvent> Coalesce(IEnumerable<WireEvent> events)
        {
            WireEvent? pending = null;
            var joined = 0;
            foreach (var item in events)
            {
                if (pending is not null
                    && item.TokenSection is not null
                    && item.TokenSection == pending.TokenSection
                    && item.Sequence == pending.Sequence + 1
                    && _text.Length + item.TokenContent!.Length <= maxChars)
                {
                    _text.Append(item.TokenContent);
                    pending = item;
                    joined++;
                    continue;
                }

                if (pending is not null)
                {
                    yield return Flush(pending, joined);
                }

                pending = null;
                joined = 0;
                _text.Clear();
                if (item.TokenSection is not null)
                {
                    pending = item;
                    _text.Append(item.TokenContent);
                }
                else
                {
                    yield return item;
                }
            }

            if (pending is not null)
            {
                yield return Flush(pending, joined);
                _text.Clear();
            }
        }

        private WireEvent Flush(WireEvent lastToken, int joined) => joined == 0
            ? lastToken
            : lastToken with { DataJson = JsonSerializer.Serialize(new TokenData(lastToken.TokenSection!, _text.ToString()), ServerJson.Wire) };
    }
}

/// <summary>The data of a <c>token</c> event: the section and only the new text.</summary>
internal sealed record TokenData(string SectionId, string Content);
