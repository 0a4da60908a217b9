using IcfStudio.Core.Drafting.Engine;
using IcfStudio.Core.Drafting.Offline;
using IcfStudio.Core.Drafting.Prompting;
using IcfStudio.Core.Drafting.Providers;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IcfStudio.Core.Drafting;

internal static class DraftingRegistration
{
    public static void Add(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DraftingOptions>()
            .BindConfiguration(DraftingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddDraftingContent();
        services.TryAddSingleton<IDraftContent, ContentPipeline>();

        // The offline drafter is a provider like the others; a later registration of the same name (a test stub) replaces it.
        services.AddSingleton(sp => new ChatProviderRegistration(
            ProviderNames.Offline,
            _ => new OfflineChatClient(
                TimeSpan.FromMilliseconds(sp.GetRequiredService<IOptions<DraftingOptions>>().Value.Offline.TokenDelayMs),
                sp.GetRequiredService<TimeProvider>()),
            Offline: true,
            DefaultModel: OfflineChatClient.ModelId,
            ReportsFinishReason: true));
        services.TryAddSingleton<ChatProviderRegistry>();
        services.TryAddSingleton<DraftEngine>();
        services.AddMetrics();
        services.TryAddSingleton<DraftingMetrics>();
        services.TryAddSingleton(sp => new DraftService(
            sp.GetRequiredService<IDraftStore>(),
            sp.GetRequiredService<IStudyStore>(),
            sp.GetRequiredService<IDraftContent>(),
            sp.GetRequiredService<ChatProviderRegistry>(),
            sp.GetRequiredService<DraftEngine>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DraftService>>(),
            sp.GetService<QualityService>(),
            sp.GetRequiredService<DraftingMetrics>()));
    }
}
