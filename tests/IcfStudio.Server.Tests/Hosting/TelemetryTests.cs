using IcfStudio.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace IcfStudio.Server.Tests.Hosting;

public sealed class TelemetryTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Server_NoCollectorConfigured_CollectsAndSendsNothing()
    {
        await using var factory = Api.Create(_data.Path, new StubChatClient());
        using var client = factory.CreateClient();
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Null(factory.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task Server_CollectorConfigured_SendsTracesAndDraftingAndStreamingMetricsThere()
    {
        var ct = TestContext.Current.CancellationToken;
        using var collector = new OtlpCollector();
        var settings = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        };
        await using var factory = Api.Create(_data.Path, new StubChatClient(words: 20), settings);
        using var client = factory.CreateClient();

        await Api.CreateFinishedDraftAsync(client, ct);

        Assert.True(await collector.WaitForAsync("/v1/traces", "/api/studies", TimeSpan.FromSeconds(20), ct), "no request trace arrived");
        Assert.True(await collector.WaitForAsync("/v1/metrics", "icf.drafting.tokens", TimeSpan.FromSeconds(20), ct), "no drafting metrics arrived");
        Assert.True(await collector.WaitForAsync("/v1/metrics", "icf.streams.events", TimeSpan.FromSeconds(20), ct), "no streaming metrics arrived");
        Assert.All(collector.Received, post => Assert.Equal("application/x-protobuf", post.ContentType));

        // Protocol text stays home: the uploaded protocol's words are in no post.
        Assert.DoesNotContain(collector.Received, post => System.Text.Encoding.UTF8.GetString(post.Body).Contains("daily walking plan", StringComparison.Ordinal));
    }
}
