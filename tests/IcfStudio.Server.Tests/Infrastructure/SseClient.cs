using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace IcfStudio.Server.Tests.Infrastructure;

/// <summary>Reads an event stream with the framework's SSE parser.</summary>
internal static class SseClient
{
    /// <summary>Reads events until the stream ends, or until <paramref name="stopWhen"/> says so (then disconnects).</summary>
    public static async Task<List<SseItem<string>>> ReadAsync(
        HttpClient client, string path, string? lastEventId, CancellationToken cancellationToken, Func<List<SseItem<string>>, bool>? stopWhen = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync(cts.Token);
        var items = new List<SseItem<string>>();
        try
        {
            await foreach (var item in SseParser.Create(stream).EnumerateAsync(cts.Token))
            {
                items.Add(item);
                if (stopWhen?.Invoke(items) == true)
                {
                    await cts.CancelAsync();
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
        }

        return items;
    }

    /// <summary>Each section's text, concatenated from the token events.</summary>
    public static Dictionary<string, string> TokenTexts(IEnumerable<SseItem<string>> items)
    {
        var texts = new Dictionary<string, StringBuilder>();
        foreach (var item in items.Where(i => i.EventType == "token"))
        {
            using var data = JsonDocument.Parse(item.Data);
            var sectionId = data.RootElement.GetProperty("sectionId").GetString()!;
            if (!texts.TryGetValue(sectionId, out var text))
            {
                texts[sectionId] = text = new StringBuilder();
            }

            text.Append(data.RootElement.GetProperty("content").GetString());
        }

        return texts.ToDictionary(t => t.Key, t => t.Value.ToString());
    }

    public static long Id(SseItem<string> item) => long.Parse(item.EventId!, System.Globalization.CultureInfo.InvariantCulture);
}
