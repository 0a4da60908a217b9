using IcfStudio.Core.Drafting.Engine;
using IcfStudio.Core.Drafting.Offline;
using IcfStudio.Core.Drafting.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IcfStudio.Core.Drafting.Prompting;

/// <summary>The content half of drafting: templates, section retrieval and prompts, and the offline drafter as the "offline" provider.</summary>
internal static class DraftingContentRegistration
{
    /// <summary>Call from DraftingRegistration.Add. Needs StudySearch (Retrieval) and DraftingOptions (Drafting) registered.</summary>
    public static void AddDraftingContent(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SectionContextBuilder>();
        services.TryAddSingleton<IDraftContent, DraftContent>();
        services.TryAddSingleton(sp => new OfflineChatClient(
            TimeSpan.FromMilliseconds(sp.GetService<IOptions<DraftingOptions>>()?.Value.Offline.TokenDelayMs ?? 0),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var client = sp.GetRequiredService<OfflineChatClient>();
            return new ChatProviderRegistration(ProviderNames.Offline, _ => client, Offline: true, DefaultModel: OfflineChatClient.ModelId);
        });
    }
}
