using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IcfStudio.Core.Quality;

internal static class QualityRegistration
{
    public static void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<QualityOptions>()
            .BindConfiguration(QualityOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton<QualityService>();
    }

    /// <summary>
    /// Adds the LLM judge over a chat client (call it where a provider is configured; without it, checks are deterministic only).
    /// </summary>
    public static IServiceCollection AddLlmElementJudge(this IServiceCollection services, Func<IServiceProvider, IChatClient> client, string source)
    {
        services.AddSingleton<IElementJudge>(sp => new LlmElementJudge(client(sp), source, sp.GetRequiredService<ILogger<LlmElementJudge>>()));
        return services;
    }
}
