using System.CommandLine;
using IcfStudio.Core;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace IcfStudio.Cli.Hosting;

internal static class CliApp
{
    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                Console.Error.WriteLine(error.Message);
            }

            Console.Error.WriteLine("Run 'icf --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync();
    }

    /// <summary>Builds the services for one command, with the data folder from --data, $ICF_DATA or configuration.</summary>
    public static IHost BuildHost(ParseResult parseResult, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The server's appsettings.json sits beside icf.dll; a command-line tool only reports warnings and errors
        // unless ICF_Logging__LogLevel__Default says otherwise.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
        });
        builder.Configuration.AddEnvironmentVariables("ICF_");
        if (parseResult.GetValue(CliOptions.Data) is { Length: > 0 } data)
        {
            builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.DataDirectory)}"] = Path.GetFullPath(data);
        }

        builder.AddIcfCore();
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Runs a command body with the host's services and maps exceptions to exit codes and plain messages.</summary>
    public static async Task<int> RunAsync(
        ParseResult parseResult,
        Func<IServiceProvider, CancellationToken, Task<int>> body,
        CancellationToken cancellationToken)
    {
        try
        {
            using var host = BuildHost(parseResult);
            return await body(host.Services, cancellationToken);
        }
        catch (BadInputException ex)
        {
            WriteError(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (NotFoundException ex)
        {
            WriteError(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (InvalidStateException ex)
        {
            WriteError(ex.Message);
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            WriteError("Cancelled.");
            return ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            WriteError($"Unexpected failure: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    public static void WriteError(string message) => Console.Error.WriteLine($"error: {message}");

    /// <summary>A console for human-readable output on stdout.</summary>
    public static IAnsiConsole Out { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
}
