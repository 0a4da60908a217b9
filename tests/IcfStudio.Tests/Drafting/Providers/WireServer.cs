using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using IcfStudio.Tests.Infrastructure;

namespace IcfStudio.Tests.Drafting.Providers;

public enum Wire
{
    Anthropic,
    OpenAI,
    Ollama,
}

/// <summary>What the server answers to one request.</summary>
internal abstract record Reply;

/// <summary>A complete stream, optionally waiting before the first token.</summary>
internal sealed record StreamReply(string Text, TimeSpan FirstTokenDelay = default) : Reply;

internal sealed record StatusReply(int Code, string? RetryAfterMs = null, string? RetryAfter = null) : Reply;

/// <summary>Sends the first words, then drops the connection.</summary>
internal sealed record CutReply(string Text) : Reply;

/// <summary>Sends the first words, then an event that is not valid JSON.</summary>
internal sealed record MalformedReply(string Text) : Reply;

/// <summary>Sends the first words, then the provider's in-stream error (Anthropic's "event: error", say).</summary>
internal sealed record StreamErrorReply(string Text) : Reply;

/// <summary>
/// A local HTTP server speaking one provider's streaming wire format (Anthropic Messages SSE, OpenAI chat-completion chunks,
/// Ollama NDJSON). The script decides each reply from the section named in the prompt and the attempt number.
/// </summary>
internal sealed partial class WireServer : IAsyncDisposable
{
    private readonly Wire _wire;
    private readonly Func<string, int, Reply> _script;
    private readonly HttpListener _listener;
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Task> _handlers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public WireServer(Wire wire, Func<string, int, Reply> script)
    {
        _wire = wire;
        _script = script;
        _listener = LoopbackHttpListener.Start(out var baseUrl);
        BaseUrl = baseUrl;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<(string Path, string Section, string Body, string? Authorization)> Requests { get; } = new();

    public int AttemptsOf(string sectionId) => _attempts.GetValueOrDefault(sectionId);

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _handlers.Add(Task.Run(() => HandleAsync(context)));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            var section = SectionMarker().Match(body) is { Success: true } m ? (m.Groups[1].Success ? m.Groups[1] : m.Groups[2]).Value : "?";
            var attempt = _attempts.AddOrUpdate(section, 1, (_, n) => n + 1);
            Requests.Enqueue((context.Request.Url!.AbsolutePath, section, body, context.Request.Headers["Authorization"] ?? context.Request.Headers["x-api-key"]));
            await ReplyAsync(response, _script(section, attempt));
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // The client went away (a timeout in the test), or the test is over: nothing to answer.
        }
    }

    private async Task ReplyAsync(HttpListenerResponse response, Reply reply)
    {
        // One connection per request: HttpListener's reuse of a connection after an aborted response would add failures of its own.
        response.KeepAlive = false;
        if (reply is StatusReply status)
        {
            response.StatusCode = status.Code;
            response.StatusDescription = status.Code == 529 ? "Overloaded" : "Error";
            if (status.RetryAfterMs is not null)
            {
                response.AddHeader("retry-after-ms", status.RetryAfterMs);
            }

            if (status.RetryAfter is not null)
            {
                response.AddHeader("retry-after", status.RetryAfter);
            }

            response.ContentType = "application/json";
            var error = _wire == Wire.Anthropic
                ? $$$"""{"type":"error","error":{"type":"{{{ErrorType(status.Code)}}}","message":"test failure"}}"""
                : """{"error":{"message":"test failure","type":"server_error"}}""";
            var bytes = Encoding.UTF8.GetBytes(error);
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
            return;
        }

        response.StatusCode = 200;
        response.SendChunked = true;
        response.ContentType = _wire == Wire.Ollama ? "application/x-ndjson" : "text/event-stream";
        var (text, delay) = reply switch
        {
            StreamReply s => (s.Text, s.FirstTokenDelay),
            CutReply c => (c.Text, TimeSpan.Zero),
            MalformedReply b => (b.Text, TimeSpan.Zero),
            StreamErrorReply e => (e.Text, TimeSpan.Zero),
            _ => throw new InvalidOperationException(),
        };
        var output = response.OutputStream;
        await WriteAsync(output, Opening());
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _stopping.Token);
        }

        var words = Words(text);
        var sendCount = reply is StreamReply ? words.Count : Math.Min(2, words.Count);
        foreach (var word in words.Take(sendCount))
        {
            await WriteAsync(output, Delta(word));
        }

        switch (reply)
        {
            case CutReply:
                response.Abort();
                return;
            case MalformedReply:
                await WriteAsync(output, Malformed());
                break;
            case StreamErrorReply:
                await WriteAsync(output, StreamError());
                break;
            default:
                await WriteAsync(output, Closing());
                break;
        }

        response.Close();
    }

    private static string ErrorType(int code) => code switch
    {
        429 => "rate_limit_error",
        529 => "overloaded_error",
        401 => "authentication_error",
        _ => "api_error",
    };

    private static async Task WriteAsync(Stream output, string frame)
    {
        if (frame.Length == 0)
        {
            return;
        }

        await output.WriteAsync(Encoding.UTF8.GetBytes(frame));
        await output.FlushAsync();
    }

    private static List<string> Words(string text)
    {
        var parts = text.Split(' ');
        return parts.Select((w, i) => i == 0 ? w : " " + w).ToList();
    }

    private string Opening() => _wire switch
    {
        Wire.Anthropic =>
            Sse("message_start", """{"type":"message_start","message":{"id":"msg_test","type":"message","role":"assistant","model":"test-model","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":1}}}""")
            + Sse("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""")
            + Sse("ping", """{"type":"ping"}"""),
        _ => "",
    };

    private string Delta(string word)
    {
        var json = JsonSerializer.Serialize(word);
        return _wire switch
        {
            Wire.Anthropic => Sse("content_block_delta", $$$"""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":{{{json}}}}}"""),
            Wire.OpenAI => $$"""data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"test-model","choices":[{"index":0,"delta":{"role":"assistant","content":{{json}}},"finish_reason":null}]}""" + "\n\n",
            _ => $$"""{"model":"test-model","created_at":"2026-01-01T00:00:00Z","message":{"role":"assistant","content":{{json}}},"done":false}""" + "\n",
        };
    }

    private string Closing() => _wire switch
    {
        Wire.Anthropic =>
            Sse("content_block_stop", """{"type":"content_block_stop","index":0}""")
            + Sse("message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":12}}""")
            + Sse("message_stop", """{"type":"message_stop"}"""),
        Wire.OpenAI =>
            """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"test-model","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""" + "\n\n"
            + "data: [DONE]\n\n",
        _ => """{"model":"test-model","created_at":"2026-01-01T00:00:00Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop"}""" + "\n",
    };

    private string Malformed() => _wire switch
    {
        Wire.Anthropic => Sse("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"""),
        Wire.OpenAI => """data: {"id":"chatcmpl-1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":""" + "\n\n",
        _ => """{"model":"test-model","message":{"role":"assistant","content":""" + "\n",
    };

    private string StreamError() => _wire switch
    {
        Wire.Anthropic => Sse("error", """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""),
        Wire.OpenAI => """data: {"error":{"message":"The server is overloaded","type":"server_error"}}""" + "\n\n",
        _ => """{"error":"model is overloaded"}""" + "\n",
    };

    private static string Sse(string name, string data) => $"event: {name}\ndata: {data}\n\n";

    // The engine tests' marker, or the line "Section: Title (id: risks)" of the product's own prompt.
    [GeneratedRegex(@"\[\[section:(\w+)\]\]|\(id: (\w+)\)")]
    private static partial Regex SectionMarker();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        // Close alone: on Unix, Stop then Close binds the freed port again to unregister it, and fails when it was taken meanwhile.
        _listener.Close();
        await _loop;
        await Task.WhenAll(_handlers);
        _stopping.Dispose();
    }
}
