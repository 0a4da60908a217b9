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
        builder.Services.TryAddTransient<EvalRunner>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IElementJudge, DefaultProviderJudge>());
    }

    /// <summary>Adds a judge over a specific chat client, ahead of the default provider's (the first judge registered is used).</summary>
    public static IServiceCollection AddLlmElementJudge(this IServiceCollection services, Func<IServiceProvider, IChatClient> client, string source)
    {
        services.Insert(0, ServiceDescriptor.Singleton<IElementJudge>(sp => new LlmElementJudge(client(sp), source, sp.GetRequiredService<ILogger<LlmElementJudge>>())));
        return services;
    }
}
