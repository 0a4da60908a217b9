using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IcfStudio.Core.Storage;

internal static class StorageRegistration
{
    public static void Add(IHostApplicationBuilder builder)
    {
        _ = builder.Services;
    }
}
