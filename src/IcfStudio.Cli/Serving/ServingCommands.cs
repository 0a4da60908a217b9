using System.CommandLine;

namespace IcfStudio.Cli.Serving;

internal static class ServingCommands
{
    public static IEnumerable<Command> Create() => [];
}
