using IcfStudio.Server.Hosting;

var app = ServerApp.Build(args);
await app.RunAsync();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;
