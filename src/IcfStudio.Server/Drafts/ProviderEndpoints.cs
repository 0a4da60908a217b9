using IcfStudio.Core.Drafting.Providers;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IcfStudio.Server.Drafts;

/// <param name="Configured">Whether it can be used as configured (a key is set, or it needs none).</param>
internal sealed record ProviderInfo(string Name, string? Model, bool Offline, bool Configured);

internal sealed record ProvidersResponse(string Default, IReadOnlyList<ProviderInfo> Providers);

internal static class ProviderEndpoints
{
    public static IEndpointRouteBuilder MapProviderEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/providers", Get)
            .WithTags("Drafts")
            .WithSummary("The drafting providers, their default models and which one a new draft uses by default");
        return app;
    }

    private static Ok<ProvidersResponse> Get([FromServices] ChatProviderRegistry registry, [FromServices] IOptions<DraftingOptions> options)
    {
        var settings = options.Value;
        var providers = ProviderNames.All.Select(name => new ProviderInfo(
            name,
            registry.DefaultModel(name),
            name == ProviderNames.Offline,
            name switch
            {
                ProviderNames.Anthropic => HasKey(settings.Anthropic, "ANTHROPIC_API_KEY"),
                ProviderNames.OpenAI => HasKey(settings.OpenAI, "OPENAI_API_KEY"),
                _ => true,
            })).ToList();
        return TypedResults.Ok(new ProvidersResponse(registry.DefaultProviderName, providers));
    }

    private static bool HasKey(ProviderSettings settings, string environmentVariable) =>
        !string.IsNullOrWhiteSpace(settings.ApiKey) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(environmentVariable));
}
