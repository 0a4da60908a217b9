using System.CommandLine;

namespace IcfStudio.Cli.Quality;

internal static class QualityCommands
{
    public static IEnumerable<Command> Create() => [];
}
