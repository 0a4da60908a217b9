using System.CommandLine;

namespace IcfStudio.Cli.Drafting;

internal static class DraftingCommands
{
    public static IEnumerable<Command> Create() => [];
}
