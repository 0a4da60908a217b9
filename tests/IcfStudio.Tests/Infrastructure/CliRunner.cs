using System.Diagnostics;
using System.Text;

namespace IcfStudio.Tests.Infrastructure;

internal sealed record CliResult(int ExitCode, string StdOut, string StdErr);

/// <summary>Runs the real <c>icf</c> program (icf.dll beside the tests) as a child process against a data folder.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(string dataDirectory, IEnumerable<string> args, CancellationToken cancellationToken, IDictionary<string, string>? environment = null)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "icf.dll"));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.Environment["ICF_DATA"] = dataDirectory;
        startInfo.Environment["ANTHROPIC_API_KEY"] = "";
        startInfo.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("could not start icf");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
