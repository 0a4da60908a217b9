using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IcfStudio.Core.Quality;

internal static class QualityRegistration
{
    public static void Add(IHostApplicationBuilder builder)
    {
        _ = builder.Services;
    }
}
