using System.Buffers;
using System.IO.Pipelines;

namespace IcfStudio.Server.Hosting;

/// <summary>
/// The response body of an event stream. The SSE formatter writes every event with its own write, and Kestrel sends
/// every write at once: one system call per token. This body keeps the writes in the response's buffer until the
/// stream is about to wait for more (<see cref="FlushAsync(CancellationToken)"/>) or a batch is large, so events that are
/// ready together leave in one send, and none waits for a later one.
/// </summary>
internal sealed class SseBatchingBody(PipeWriter writer) : Stream
{
    // Large enough for a burst of replayed events, small enough that a client sees a long replay start at once.
    private const int FlushThreshold = 32 * 1024;

    private int _unflushed;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The event stream is written asynchronously.");

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        writer.Write(buffer.Span);
        _unflushed += buffer.Length;
        return _unflushed >= FlushThreshold ? new ValueTask(FlushAsync(cancellationToken)) : ValueTask.CompletedTask;
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_unflushed == 0)
        {
            return;
        }

        _unflushed = 0;
        await writer.FlushAsync(cancellationToken);
    }

    public override void Flush() => throw new NotSupportedException("The event stream is flushed asynchronously.");
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
