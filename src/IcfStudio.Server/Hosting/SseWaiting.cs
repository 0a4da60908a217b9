using System.Threading.Channels;

namespace IcfStudio.Server.Hosting;

/// <summary>
/// Waits for the next item of a live stream while keeping the connection alive with SSE comments. One heartbeat timer per
/// stream, re-armed only when it fires, so waiting for each of thousands of tokens costs no timer of its own.
/// </summary>
internal sealed class SseWaiting(Stream? body, TimeSpan interval, CancellationToken cancellationToken)
{
    private static readonly byte[] Heartbeat = ": heartbeat\n\n"u8.ToArray();
    private Task? _heartbeatDue;

    /// <summary>
    /// True when <paramref name="reader"/> has an item, false when it is completed (also with an error: the client then
    /// reconnects with Last-Event-ID). Writes a heartbeat comment to the body whenever the interval has passed.
    /// </summary>
    public async Task<bool> WaitAsync<T>(ChannelReader<T> reader)
    {
        var pending = reader.WaitToReadAsync(cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            return pending.Result;
        }

        if (body is not null)
        {
            // Whatever is ready has been written: send it before waiting for more.
            await body.FlushAsync(cancellationToken);
        }

        var waiting = pending.AsTask();
        while (true)
        {
            _heartbeatDue ??= Task.Delay(interval, cancellationToken);
            if (await Task.WhenAny(waiting, _heartbeatDue) == waiting)
            {
                try
                {
                    return await waiting;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    return false;
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            _heartbeatDue = null;
            if (body is not null)
            {
                // The SSE formatter flushes after every item and is waiting for the next one, so the body is ours to write to here.
                await body.WriteAsync(Heartbeat, cancellationToken);
                await body.FlushAsync(cancellationToken);
            }
        }
    }
}
