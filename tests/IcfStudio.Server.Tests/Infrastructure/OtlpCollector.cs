using System.Collections.Concurrent;
using System.Net;
using System.Text;
using IcfStudio.Tests.Infrastructure;

namespace IcfStudio.Server.Tests.Infrastructure;

/// <summary>A stand-in OpenTelemetry collector: accepts OTLP/HTTP posts on a loopback port and keeps what arrives.</summary>
internal sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _serving;

    public OtlpCollector()
    {
        _listener = LoopbackHttpListener.Start(out var endpoint);
        Endpoint = endpoint;
        _serving = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    /// <summary>Every post received: its path (/v1/traces, /v1/metrics, /v1/logs), content type and body.</summary>
    public ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> Received { get; } = new();

    /// <summary>Waits until a post to <paramref name="path"/> whose body holds <paramref name="text"/> (UTF-8) has arrived.</summary>
    public async Task<bool> WaitForAsync(string path, string text, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Received.Any(r => r.Path == path && r.Body.AsSpan().IndexOf(needle) >= 0))
            {
                return true;
            }

            await Task.Delay(50, cancellationToken);
        }

        return false;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            Received.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
