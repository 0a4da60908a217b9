using System.Buffers;
using System.IO.Pipelines;
using IcfStudio.Server.Hosting;

namespace IcfStudio.Server.Tests.Streaming;

public sealed class SseBatchingBodyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WriteAsync_SmallEvents_SentTogetherOnlyWhenFlushed()
    {
        var pipe = new Pipe();
        var body = new SseBatchingBody(pipe.Writer);

        await body.WriteAsync("event: token\ndata: {}\nid: 1\n\n"u8.ToArray(), Ct);
        await body.WriteAsync("event: token\ndata: {}\nid: 2\n\n"u8.ToArray(), Ct);
        Assert.False(pipe.Reader.TryRead(out _));

        await body.FlushAsync(Ct);

        Assert.True(pipe.Reader.TryRead(out var sent));
        Assert.Equal("event: token\ndata: {}\nid: 1\n\nevent: token\ndata: {}\nid: 2\n\n", System.Text.Encoding.UTF8.GetString(sent.Buffer.ToArray()));
    }

    [Fact]
    public async Task WriteAsync_LongReplay_SentBeforeTheReplayEnds()
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var body = new SseBatchingBody(pipe.Writer);
        var item = new byte[1000];

        for (var i = 0; i < 40; i++)
        {
            await body.WriteAsync(item, Ct);
        }

        Assert.True(pipe.Reader.TryRead(out var sent));
        Assert.InRange(sent.Buffer.Length, 32 * 1024, 40 * 1000 - 1);
    }
}
