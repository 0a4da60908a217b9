using IcfStudio.Core;
using IcfStudio.Core.Quality;

namespace IcfStudio.Server.Hosting;

public static class ServerApp
{
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Builds the web app; used by Program, by <c>icf serve</c> and by the tests.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        AppContext.SetSwitch(QualityPatterns.CompiledSwitch, true);
        ReserveThreadsForBlockingStorage();
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

    /// <summary>
    /// Microsoft.Data.Sqlite's async methods run synchronously, so every query holds a pool thread, and a commit that
    /// checkpoints the WAL waits for the disk. The pool starts with one thread per core and adds more only about twice a
    /// second: on two cores, one checkpoint and one quality check would hold every thread, and the token streams of every
    /// draft would stop for a tenth of a second. Letting the pool grow at once to a few dozen threads avoids that.
    /// </summary>
    private static void ReserveThreadsForBlockingStorage()
    {
        const int MinWorkerThreads = 32;
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (workers < MinWorkerThreads)
        {
            ThreadPool.SetMinThreads(MinWorkerThreads, completionPorts);
        }
    }
}
