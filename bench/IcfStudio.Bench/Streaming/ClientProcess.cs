using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace IcfStudio.Bench.Streaming;

/// <summary>The benchmark's client process (<see cref="StreamingClients"/>): one for the whole run, so its code stays warm too.</summary>
internal sealed class ClientProcess(Process process) : IAsyncDisposable
{
    public static ClientProcess Start(string baseUrl, string studyId)
    {
        // The same program, started the way this one was (the apphost, or `dotnet IcfStudio.Bench.dll`).
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var argument in new[] { "streaming-clients", baseUrl, studyId })
        {
            start.ArgumentList.Add(argument);
        }

        return new ClientProcess(Process.Start(start) ?? throw new InvalidOperationException("The client process did not start."));
    }

    /// <summary>Runs <paramref name="drafts"/> drafts with one client each and returns what the clients saw.</summary>
    public async Task<ClientsReport> RunAsync(int drafts, int providers, string reportFile)
    {
        await process.StandardInput.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{drafts} {providers} {reportFile}"));
        await process.StandardInput.FlushAsync();
        var answer = await process.StandardOutput.ReadLineAsync();
        if (answer != "done")
        {
            throw new InvalidOperationException($"The client process stopped (exit code {(process.HasExited ? process.ExitCode : -1)}).");
        }

        await using var file = File.OpenRead(reportFile);
        return await JsonSerializer.DeserializeAsync<ClientsReport>(file) ?? throw new InvalidOperationException("Empty client report.");
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
