using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IcfStudio.Tests.Infrastructure;

namespace IcfStudio.Tests.Retrieval;

/// <summary>
/// A local HTTP server answering embedding requests in the OpenAI (<c>POST /v1/embeddings</c>) or Ollama (<c>POST /api/embed</c>)
/// wire format, with vectors from <see cref="FakeEmbeddingGenerator"/>'s concept counts. Records the paths it was asked.
/// </summary>
internal sealed class EmbeddingWireServer : IAsyncDisposable
{
    private readonly HttpListener listener;
    private readonly FakeEmbeddingGenerator vectors = new();
    private readonly Task loop;

    public EmbeddingWireServer()
    {
        listener = LoopbackHttpListener.Start(out var baseUrl);
        BaseUrl = baseUrl;
        loop = Task.Run(AcceptLoopAsync);
    }

    public string BaseUrl { get; }

    public List<string> Paths { get; } = [];

    public async ValueTask DisposeAsync()
    {
        // Close alone: on Unix, Stop then Close binds the freed port again to unregister it, and fails when it was taken meanwhile.
        listener.Close();
        await loop;
    }

    private async Task AcceptLoopAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        lock (Paths)
        {
            Paths.Add(path);
        }

        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var request = JsonNode.Parse(await reader.ReadToEndAsync())!;
        var input = request["input"] is JsonArray array ? array.Select(n => n!.GetValue<string>()).ToList() : [request["input"]!.GetValue<string>()];
        var embeddings = await vectors.GenerateAsync(input);
        object reply = path switch
        {
            "/v1/embeddings" => new
            {
                @object = "list",
                data = embeddings.Select((e, i) => new { @object = "embedding", index = i, embedding = e.Vector.ToArray() }),
                model = request["model"]!.GetValue<string>(),
                usage = new { prompt_tokens = 1, total_tokens = 1 },
            },
            "/api/embed" => new { model = request["model"]!.GetValue<string>(), embeddings = embeddings.Select(e => e.Vector.ToArray()) },
            _ => new { error = "not found" },
        };
        context.Response.StatusCode = reply.GetType().GetProperty("error") is null ? 200 : 404;
        context.Response.ContentType = "application/json";
        await context.Response.OutputStream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(reply));
        context.Response.Close();
    }
}
