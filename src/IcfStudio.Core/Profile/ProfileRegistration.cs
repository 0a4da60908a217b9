using IcfStudio.Core.Drafting.Providers;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IcfStudio.Core.Profile;

internal static class ProfileRegistration
{
    public static void Add(IHostApplicationBuilder builder)
    {
        // Detection: rules and USDM structure, offline; the LLM's verified values are added by ProfileService.
        builder.Services.TryAddSingleton<ProfileExtractor>();
        builder.Services.TryAddSingleton<IProfileSource>(sp => sp.GetRequiredService<ProfileExtractor>());
        builder.Services.TryAddSingleton<IProfileReviewStore, SqliteProfileReviewStore>();
        builder.Services.TryAddSingleton(sp => new LlmProfileExtractor(
            DefaultProviderClient(sp.GetRequiredService<ChatProviderRegistry>()),
            sp.GetRequiredService<IStudyStore>(),
            sp.GetRequiredService<ILogger<LlmProfileExtractor>>()));
        builder.Services.TryAddSingleton<ProfileService>();
    }

    /// <summary>The default provider's client, or null when it is the offline drafter (or cannot be built: no key).</summary>
    private static Func<IChatClient?> DefaultProviderClient(ChatProviderRegistry registry) => () =>
    {
        try
        {
            var provider = registry.ResolveChain(null, null)[0];
            return provider.Offline ? null : provider.Client;
        }
        catch (BadInputException)
        {
            return null;
        }
    };
}
