using System.CommandLine;

namespace IcfStudio.Cli.Ingestion;

internal static class IngestionCommands
{
    public static IEnumerable<Command> Create() => [];
}
