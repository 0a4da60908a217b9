using System.CommandLine;

namespace IcfStudio.Cli.Hosting;

internal static class CliOptions
{
    /// <summary>--data DIR, accepted by every command.</summary>
    public static readonly Option<string?> Data = new("--data")
    {
        Description = "Data folder (default: $ICF_DATA or ~/.icf-studio)",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of a table" };
}
