using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IcfStudio.Core.Export;

internal static class ExportRegistration
{
    public static void Add(IHostApplicationBuilder builder)
    {
        _ = builder.Services;
    }
}
