using IcfStudio.Core.Drafting;
using IcfStudio.Server.Drafts;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IcfStudio.Server.Hosting;

/// <summary>
/// OpenTelemetry traces, metrics and logs, sent over OTLP only to the collector an operator names with the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> setting; without it nothing is collected or sent. What goes out: request paths,
/// durations, counts and log messages, which never hold protocol text (that is logged at Debug only, which is not sent).
/// </summary>
internal static class Telemetry
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddIcfTelemetry(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointSetting]))
        {
            return;
        }

        builder.Logging.AddOpenTelemetry(logging => logging.IncludeScopes = true);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("icf-studio"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(DraftingMetrics.MeterName, StreamingMetrics.MeterName))
            .WithTracing(tracing => tracing
                // Health probes would drown the traces that matter.
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
    }
}
