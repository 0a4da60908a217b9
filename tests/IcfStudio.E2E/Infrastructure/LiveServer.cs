using System.Net;
using System.Net.Sockets;
using IcfStudio.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace IcfStudio.E2E.Infrastructure;

/// <summary>
/// The real server (Kestrel, the built web app, the offline drafter paced so that streaming is visible) on a free
/// loopback port with a fresh data folder.
/// </summary>
public sealed class LiveServer : IAsyncLifetime
{
    private WebApplication? _app;
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("icf-e2e-").FullName;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public async ValueTask InitializeAsync()
    {
        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot", "index.html");
        if (!File.Exists(webRoot))
        {
            throw new InvalidOperationException($"The web app is not built ({webRoot} is missing): build without SkipWebBuild=true.");
        }

        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _app = ServerApp.Build(
        [
            "--urls", BaseAddress.ToString().TrimEnd('/'),
            "--environment", "Production",
            "--Storage:DataDirectory", _dataDirectory,
            "--Drafting:Provider", "offline",
            // Slow enough that a person (and this test) sees every section grow at the same time.
            "--Drafting:Offline:TokenDelayMs", "40",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        await _app.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file on a pooled connection; the OS temp cleaner gets it.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
