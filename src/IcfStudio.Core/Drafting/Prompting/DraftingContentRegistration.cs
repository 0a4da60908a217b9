using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IcfStudio.Core.Drafting.Prompting;

/// <summary>The content half of drafting: section retrieval (templates, prompts and citations are static). Called from DraftingRegistration.</summary>
internal static class DraftingContentRegistration
{
    /// <summary>Needs StudySearch (registered by Retrieval).</summary>
    public static void AddDraftingContent(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SectionContextBuilder>();
    }
}
