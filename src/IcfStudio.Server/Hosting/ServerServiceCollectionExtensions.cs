using IcfStudio.Core.Ingestion;
using IcfStudio.Server.Audit;
using IcfStudio.Server.Drafts;
using IcfStudio.Server.Export;
using IcfStudio.Server.Quality;
using IcfStudio.Server.Studies;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace IcfStudio.Server.Hosting;

public static class ServerServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddIcfServer(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => ServerJson.Configure(o.SerializerOptions));
        services.AddOpenApi();

        services.AddOptions<StreamingOptions>().BindConfiguration(StreamingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FormOptions>().Configure<IOptions<UploadOptions>, IOptions<IngestionOptions>>((form, uploads, ingestion) =>
        {
            // Our own checks give the clearer message; this only stops what they cannot see (the body as it streams in).
            form.MultipartBodyLengthLimit = uploads.Value.MaxRequestBytes(ingestion.Value.MaxFileBytes);
            form.ValueCountLimit = 64;
        });

        services.AddSingleton<DraftStreamHub>();
        services.AddSingleton<DraftRunner>();
        services.AddSingleton<DraftEventStream>();
        services.AddSingleton<StreamingMetrics>();
        services.AddSingleton<UploadProgressHub>();
        services.AddHostedService<DraftRunnerHostedService>();
        builder.AddIcfTelemetry();
        return builder;
    }

    public static WebApplication MapIcfServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.MapGet("/health", () => TypedResults.Ok(new HealthResponse("ok"))).WithTags("Health");
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", options => options.WithTitle("ICF Studio API"));

        app.MapStudyEndpoints();
        app.MapProfileEndpoints();
        app.MapDraftEndpoints();
        app.MapSectionEndpoints();
        app.MapProviderEndpoints();
        app.MapAuditEndpoints();
        app.MapDocumentEndpoints();
        app.MapQualityEndpoints();

        // Unknown API routes get a ProblemDetails 404 rather than the web app's index.html.
        app.MapFallback("/api/{**path}", () => Problems.NotFound("There is no such API endpoint.")).ExcludeFromDescription();
        app.UseStaticFrontEnd();
        return app;
    }
}

internal sealed record HealthResponse(string Status);
