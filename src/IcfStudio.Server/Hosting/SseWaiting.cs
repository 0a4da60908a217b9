using System.Threading.Channels;

namespace IcfStudio.Server.Hosting;

/// <summary>Waiting for the next item of a live stream while keeping the connection alive with SSE comments.</summary>
internal static class SseWaiting
{
    private static readonly byte[] Heartbeat = ": heartbeat\n\n"u8.ToArray();

    /// <summary>
    /// Waits until <paramref name="reader"/> has an item (true) or is completed (false), writing a heartbeat comment
    /// to <paramref name="body"/> whenever the stream has been idle for <paramref name="interval"/>.
    /// A reader completed with an error counts as completed: the client reconnects with Last-Event-ID.
    /// </summary>
    public static async Task<bool> WaitAsync<T>(ChannelReader<T> reader, Stream? body, TimeSpan interval, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(interval);
            try
            {
                return await reader.WaitToReadAsync(idle.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                if (body is not null)
                {
                    // The SSE formatter flushes after every item and is waiting for the next one, so the body is ours to write to here.
                    await body.WriteAsync(Heartbeat, cancellationToken);
                    await body.FlushAsync(cancellationToken);
                }
            }
            catch (ChannelClosedException)
            {
                return false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && reader.Completion.IsCompleted)
            {
                return false;
            }
        }
    }
}
