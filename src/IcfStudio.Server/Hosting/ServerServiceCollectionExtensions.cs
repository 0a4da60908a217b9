namespace IcfStudio.Server.Hosting;

public static class ServerServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddIcfServer(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication MapIcfServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/health", () => TypedResults.Ok(new HealthResponse("ok")));
        app.UseStaticFrontEnd();
        return app;
    }
}

internal sealed record HealthResponse(string Status);
