using IcfStudio.Core.Drafting.Offline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IcfStudio.Core.Drafting.Prompting;

/// <summary>The content half of drafting: section retrieval and the offline drafter. Called from DraftingRegistration.</summary>
internal static class DraftingContentRegistration
{
    public static void AddDraftingContent(this IServiceCollection services)
    {
        services.TryAddSingleton<SectionContextBuilder>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new OfflineChatClient(TimeSpan.Zero, sp.GetRequiredService<TimeProvider>()));
    }
}
