using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IcfStudio.Core.Storage;

internal static class StorageRegistration
{
    public static void Add(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton<SqliteDatabase>();
        builder.Services.TryAddSingleton<SqliteStudyStore>();
        builder.Services.TryAddSingleton<SqliteDraftStore>();
        builder.Services.TryAddSingleton<SqliteEmbeddingCache>();
        builder.Services.TryAddSingleton<IStudyStore>(sp => sp.GetRequiredService<SqliteStudyStore>());
        builder.Services.TryAddSingleton<IDraftStore>(sp => sp.GetRequiredService<SqliteDraftStore>());
    }
}
