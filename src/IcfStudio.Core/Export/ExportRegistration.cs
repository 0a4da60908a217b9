using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IcfStudio.Core.Export;

internal static class ExportRegistration
{
    public static void Add(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDocumentExporter, PdfConsentExporter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDocumentExporter, DocxConsentExporter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDocumentExporter, MarkdownConsentExporter>());
        services.TryAddSingleton<ConsentExportService>();
    }
}
