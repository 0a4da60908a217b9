using System.CommandLine;

namespace IcfStudio.Cli.Export;

internal static class ExportCommands
{
    public static IEnumerable<Command> Create() => [];
}
