using System.CommandLine;
using IcfStudio.Cli.Hosting;
using IcfStudio.Core.Storage;
using IcfStudio.Server.Hosting;
using Microsoft.Extensions.Hosting;

namespace IcfStudio.Cli.Serving;

internal static class ServingCommands
{
    public static IEnumerable<Command> Create()
    {
        var urls = new Option<string?>("--urls")
        {
            Description = $"Addresses to listen on, separated by ';' (default: {ServerApp.DefaultUrl}, loopback only)",
        };
        var serve = new Command("serve", "Start the web app and API on the local store");
        serve.Options.Add(urls);
        serve.SetAction(async (parseResult, cancellationToken) =>
        {
            var args = new List<string> { "--contentRoot", AppContext.BaseDirectory };
            if (parseResult.GetValue(urls) is { Length: > 0 } addresses)
            {
                args.AddRange(["--urls", addresses]);
            }

            if (parseResult.GetValue(CliOptions.Data) is { Length: > 0 } data)
            {
                args.Add($"--{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}={Path.GetFullPath(data)}");
            }

            try
            {
                await using var app = ServerApp.Build([.. args]);
                await ((IHost)app).RunAsync(cancellationToken);
                return ExitCodes.Ok;
            }
            catch (IOException ex)
            {
                // Typically the port is taken.
                CliApp.WriteError($"Could not start the server: {ex.Message}");
                return ExitCodes.Failure;
            }
        });
        return [serve];
    }
}
