using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace IcfStudio.Bench.Drafting;

/// <summary>
/// A local OpenAI-compatible server: each chat completion waits the time to first token, then streams the number of tokens
/// the prompt asks for ("tokens=N") at a fixed rate, paced against absolute times so delays do not drift.
/// </summary>
internal sealed partial class StubProviderServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly TimeSpan _timeToFirstToken;
    private readonly TimeSpan _interval;
    private readonly List<Task> _handlers = [];
    private readonly Task _loop;

    public StubProviderServer(TimeSpan timeToFirstToken, double tokensPerSecond)
    {
        _timeToFirstToken = timeToFirstToken;
        _interval = TimeSpan.FromSeconds(1 / tokensPerSecond);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public string BaseUrl { get; }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            try
            {
                var context = await _listener.GetContextAsync();
                lock (_handlers)
                {
                    _handlers.Add(Task.Run(() => StreamAsync(context)));
                }
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
        }
    }

    private async Task StreamAsync(HttpListenerContext context)
    {
        string body;
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync();
        }

        var tokens = TokenCount().Match(body) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 100;
        var response = context.Response;
        response.SendChunked = true;
        response.ContentType = "text/event-stream";
        var output = response.OutputStream;
        var start = DateTime.UtcNow;
        try
        {
            for (var i = 0; i < tokens; i++)
            {
                var due = start + _timeToFirstToken + (_interval * i);
                var wait = due - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                await WriteAsync(output, $"data: {{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stub\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"w{i} \"}},\"finish_reason\":null}}]}}\n\n");
            }

            await WriteAsync(output, "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stub\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away.
        }
    }

    private static async Task WriteAsync(Stream output, string frame)
    {
        await output.WriteAsync(Encoding.UTF8.GetBytes(frame));
        await output.FlushAsync();
    }

    [GeneratedRegex(@"tokens=(\d+)")]
    private static partial Regex TokenCount();

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
        Task[] handlers;
        lock (_handlers)
        {
            handlers = [.. _handlers];
        }

        await Task.WhenAll(handlers);
    }
}
