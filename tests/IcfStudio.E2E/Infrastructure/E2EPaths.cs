namespace IcfStudio.E2E.Infrastructure;

/// <summary>The repository root, its samples and where screenshots go.</summary>
internal static class E2EPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    public static string Screenshots => Path.Combine(Root, "artifacts", "screenshots");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IcfStudio.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("IcfStudio.slnx not found above " + AppContext.BaseDirectory);
    }
}
