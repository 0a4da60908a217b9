using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Storage;
using IcfStudio.Server.Drafts;
using IcfStudio.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IcfStudio.Server.Tests.Streaming;

/// <summary>
/// The event stream over HTTP, driven by scripted runs whose persistence lags behind the live events (as the engine's does),
/// so that replay from storage, the hub's buffer and the live channel must join without gaps or duplicates.
/// </summary>
public sealed class DraftEventStreamTests : IDisposable
{
    private const string DraftId = "D-stream0001";
    private readonly TempDirectory _data = new();
    private readonly InMemoryDraftStore _store = new(TimeProvider.System);

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Events_ReconnectMidStreamAndAfterEnd_TokensEqualStoredTextExactly()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = CreateFactory();
        using var client = factory.CreateClient();
        await _store.CreateDraftAsync(ScriptedRun.Draft(DraftId, DateTimeOffset.UtcNow), "test", ct);
        var (script, texts) = ScriptedRun.TwoSections(tokensPerSection: 300);
        var run = new ScriptedRun(_store, DraftId, script) { PauseAfter = 250 };
        var runner = factory.Services.GetRequiredService<DraftRunner>();

        await runner.StartAsync(DraftId, "test", run.RunAsync, ct);
        await run.Paused;

        // A first client reads part of the stream and drops.
        var first = await SseClient.ReadAsync(client, $"/api/drafts/{DraftId}/events", null, ct, items => SseClient.Id(items[^1]) >= 100);
        var firstLast = SseClient.Id(first[^1]);

        // It reconnects while the run is still going, and the run finishes while it reads.
        var resumed = SseClient.ReadAsync(client, $"/api/drafts/{DraftId}/events", firstLast.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        run.Resume();
        var second = await resumed;

        AssertIncreasing(first.Concat(second));
        Assert.Equal(script.Count, SseClient.Id(second[^1]));
        Assert.Equal("complete", second[^1].EventType);
        var joined = SseClient.TokenTexts(first.Concat(second));
        Assert.Equal(texts["risks"], joined["risks"]);
        Assert.Equal(texts["benefits"], joined["benefits"]);

        // After the end: a reconnect gets exactly the rest from storage, a new client everything.
        await runner.WhenIdleAsync(ct);
        var afterEnd = await SseClient.ReadAsync(client, $"/api/drafts/{DraftId}/events", firstLast.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        Assert.True(SseClient.Id(afterEnd[0]) > firstLast);
        AssertIncreasing(first.Concat(afterEnd));
        Assert.Equal(texts, SseClient.TokenTexts(first.Concat(afterEnd)));

        var everything = await SseClient.ReadAsync(client, $"/api/drafts/{DraftId}/events", null, ct);
        Assert.Equal(texts, SseClient.TokenTexts(everything));
        Assert.Equal(["section_start", "section_start"], everything.Take(2).Select(e => e.EventType));
        Assert.Equal(script.Count, SseClient.Id(everything[^1]));

        var stored = await _store.FindDraftAsync(DraftId, ct);
        Assert.All(stored!.Sections, s => Assert.Equal(texts[s.SectionId], s.Content));
    }

    [Fact]
    public async Task Events_NewClientDuringRun_GetsEveryEventFromTheFirst()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = CreateFactory();
        using var client = factory.CreateClient();
        await _store.CreateDraftAsync(ScriptedRun.Draft(DraftId, DateTimeOffset.UtcNow), "test", ct);
        var (script, texts) = ScriptedRun.TwoSections(tokensPerSection: 50);
        var run = new ScriptedRun(_store, DraftId, script, persistBatch: 1000) { PauseAfter = 33 };
        await factory.Services.GetRequiredService<DraftRunner>().StartAsync(DraftId, "test", run.RunAsync, ct);
        await run.Paused;

        // Nothing is stored yet (persistence lags): the first events come from the hub's buffer.
        Assert.Equal(0, await _store.GetLastEventSequenceAsync(DraftId, ct));
        var reading = SseClient.ReadAsync(client, $"/api/drafts/{DraftId}/events", null, ct);
        run.Resume();
        var items = await reading;

        Assert.Equal(1, SseClient.Id(items[0]));
        AssertIncreasing(items);
        Assert.Equal(texts, SseClient.TokenTexts(items));
        Assert.Equal(script.Count, SseClient.Id(items[^1]));
    }

    [Fact]
    public async Task Events_IdleStream_SendsHeartbeatComments()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = CreateFactory(new Dictionary<string, string?> { ["Streaming:HeartbeatInterval"] = "00:00:00.050" });
        using var client = factory.CreateClient();
        await _store.CreateDraftAsync(ScriptedRun.Draft(DraftId, DateTimeOffset.UtcNow), "test", ct);
        var (script, _) = ScriptedRun.TwoSections(tokensPerSection: 3);
        var run = new ScriptedRun(_store, DraftId, script) { PauseAfter = 2 };
        await factory.Services.GetRequiredService<DraftRunner>().StartAsync(DraftId, "test", run.RunAsync, ct);
        await run.Paused;

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/drafts/{DraftId}/events");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.True(response.Headers.CacheControl?.NoCache);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var text = new StringBuilder();
        var buffer = new byte[4096];
        while (!text.ToString().Contains("\n: heartbeat\n\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, ct);
            Assert.NotEqual(0, read);
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        run.Resume();
        text.Append(await new StreamReader(stream).ReadToEndAsync(ct));
        Assert.StartsWith("event: section_start\ndata: ", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("id: 1\nretry: ", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("event: complete\n", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_ClientDisconnects_RunGoesOnAndEverythingIsStored()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = CreateFactory();
        using var client = factory.CreateClient();
        await _store.CreateDraftAsync(ScriptedRun.Draft(DraftId, DateTimeOffset.UtcNow), "test", ct);
        var (script, texts) = ScriptedRun.TwoSections(tokensPerSection: 40);
        var run = new ScriptedRun(_store, DraftId, script) { PauseAfter = 10 };
        var runner = factory.Services.GetRequiredService<DraftRunner>();
        await runner.StartAsync(DraftId, "test", run.RunAsync, ct);
        await run.Paused;

        var partial = await SseClient.ReadAsync(client, $"/api/drafts/{DraftId}/events", null, ct, items => items.Count >= 3);
        Assert.NotEmpty(partial);
        run.Resume();
        await runner.WhenIdleAsync(ct);

        Assert.Equal(script.Count, await _store.GetLastEventSequenceAsync(DraftId, ct));
        var stored = await _store.FindDraftAsync(DraftId, ct);
        Assert.All(stored!.Sections, s => Assert.Equal(texts[s.SectionId], s.Content));
    }

    [Fact]
    public async Task Events_BadLastEventIdOrUnknownDraft_ProblemDetails()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = CreateFactory();
        using var client = factory.CreateClient();
        await _store.CreateDraftAsync(ScriptedRun.Draft(DraftId, DateTimeOffset.UtcNow), "test", ct);

        using var bad = new HttpRequestMessage(HttpMethod.Get, $"/api/drafts/{DraftId}/events");
        bad.Headers.Add("Last-Event-ID", "abc");
        using var badResponse = await client.SendAsync(bad, ct);
        Assert.Equal(HttpStatusCode.BadRequest, badResponse.StatusCode);
        Assert.Equal("application/problem+json", badResponse.Content.Headers.ContentType?.MediaType);

        using var missing = await client.GetAsync(new Uri("/api/drafts/D-nope/events", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Events_FinishedDraftWithoutNewEvents_EndsAtOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = CreateFactory();
        using var client = factory.CreateClient();
        await _store.CreateDraftAsync(ScriptedRun.Draft(DraftId, DateTimeOffset.UtcNow), "test", ct);
        var (script, _) = ScriptedRun.TwoSections(tokensPerSection: 5);
        var runner = factory.Services.GetRequiredService<DraftRunner>();
        await runner.StartAsync(DraftId, "test", new ScriptedRun(_store, DraftId, script).RunAsync, ct);
        await runner.WhenIdleAsync(ct);

        var items = await SseClient.ReadAsync(client, $"/api/drafts/{DraftId}/events", script.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        Assert.Empty(items);
    }

    private ServerFactory CreateFactory(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(_data.Path, settings, services =>
        {
            services.RemoveAll<IDraftStore>();
            services.AddSingleton<IDraftStore>(_store);
        });

    private static void AssertIncreasing(IEnumerable<System.Net.ServerSentEvents.SseItem<string>> items)
    {
        var ids = items.Select(SseClient.Id).ToList();
        for (var i = 1; i < ids.Count; i++)
        {
            Assert.True(ids[i] > ids[i - 1], $"event id {ids[i]} after {ids[i - 1]}");
        }
    }
}
