using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IcfStudio.Core.Retrieval;

internal static class RetrievalRegistration
{
    public static void Add(IHostApplicationBuilder builder)
    {
        _ = builder.Services;
    }
}
