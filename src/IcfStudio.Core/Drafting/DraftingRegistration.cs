using IcfStudio.Core.Drafting.Engine;
using IcfStudio.Core.Drafting.Providers;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
        services.TryAddSingleton<ChatProviderRegistry>();
        services.TryAddSingleton<DraftEngine>();
        services.TryAddSingleton(sp => new DraftService(
            sp.GetRequiredService<IDraftStore>(),
            sp.GetRequiredService<IStudyStore>(),
            sp.GetRequiredService<IDraftContent>(),
            sp.GetRequiredService<ChatProviderRegistry>(),
            sp.GetRequiredService<DraftEngine>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DraftService>>()));
    }
}
