using Microsoft.Extensions.FileProviders;

namespace IcfStudio.Server.Hosting;

/// <summary>Serves the web app built into wwwroot, with client-side routes falling back to index.html.</summary>
internal static class StaticFrontEnd
{
    public static WebApplication UseStaticFrontEnd(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The content root is the project folder under `dotnet run`, but the current directory under `icf serve`
        // or a published app: then the copy of wwwroot beside the binaries is the one to serve.
        var webRoot = FindWebRoot(app.Environment);
        if (webRoot is null)
        {
            return app;
        }

        var files = new PhysicalFileProvider(webRoot);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                // Vite fingerprints asset names, so they never change; index.html must be revalidated.
                var immutable = context.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal);
                context.Context.Response.Headers.CacheControl = immutable ? "public, max-age=31536000, immutable" : "no-cache";
            },
        });

        // Only non-API paths fall back to the app, so that unknown /api routes stay 404 ProblemDetails.
        app.MapFallback("{*path:nonfile}", context =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No API resource at {path}.").ExecuteAsync(context);
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            return context.Response.SendFileAsync(files.GetFileInfo("index.html"), context.RequestAborted);
        });
        return app;
    }

    private static string? FindWebRoot(IWebHostEnvironment environment)
    {
        string?[] candidates = [environment.WebRootPath, Path.Combine(AppContext.BaseDirectory, "wwwroot")];
        return candidates.FirstOrDefault(dir => !string.IsNullOrEmpty(dir) && File.Exists(Path.Combine(dir, "index.html")));
    }
}
