using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IcfStudio.Core.Drafting;

internal static class DraftingRegistration
{
    public static void Add(IHostApplicationBuilder builder)
    {
        _ = builder.Services;
    }
}
