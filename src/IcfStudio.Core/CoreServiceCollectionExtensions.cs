using IcfStudio.Core.Drafting;
using IcfStudio.Core.Export;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Profile;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Retrieval;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IcfStudio.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers ICF Studio's core services: storage, ingestion, retrieval, drafting, quality and export.</summary>
    public static IHostApplicationBuilder AddIcfCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        StorageRegistration.Add(builder);
        IngestionRegistration.Add(builder);
        RetrievalRegistration.Add(builder);
        DraftingRegistration.Add(builder);
        ProfileRegistration.Add(builder);
        QualityRegistration.Add(builder);
        ExportRegistration.Add(builder);
        return builder;
    }
}
