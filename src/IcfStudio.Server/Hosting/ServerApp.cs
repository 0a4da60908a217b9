using IcfStudio.Core;

namespace IcfStudio.Server.Hosting;

public static class ServerApp
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Builds the web app; used by Program, by <c>icf serve</c> and by the tests.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddEnvironmentVariables("ICF_");
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddIcfCore();
        builder.AddIcfServer();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapIcfServer();
        return app;
    }
}
