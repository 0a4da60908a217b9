namespace IcfStudio.Tests.Infrastructure;

/// <summary>Locates the repository root, its samples/, and the shared folder of real protocols (../shared by default).</summary>
internal static class RepoPaths
{
    /// <summary>Points the tests at another copy of the shared folder (it holds protocols/, regulations/, templates/).</summary>
    public const string SharedVariable = "ICF_SHARED_DIR";

    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    public static string Shared => Path.GetFullPath(
        Environment.GetEnvironmentVariable(SharedVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Root, "..", "shared"));

    public static string SharedProtocols => Path.Combine(Shared, "protocols");

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

/// <summary>
/// Files of the shared folder (real protocols, the regulation list) that a user's clone does not have. A test that needs
/// one calls <see cref="Require"/>: when the file is absent the test is skipped with the reason, except under CI=true,
/// where it fails, so CI can never pass by skipping.
/// </summary>
internal static class SharedData
{
    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of a file or folder under the shared folder; skips (or, in CI, fails) the test when it is absent.</summary>
    public static string Require(params string[] relative)
    {
        var path = Path.Combine([RepoPaths.Shared, .. relative]);
        if (File.Exists(path) || Directory.Exists(path))
        {
            return path;
        }

        var reason = $"needs {path} (real protocols are not part of the repository; put the shared folder beside the clone "
            + $"or set {RepoPaths.SharedVariable} to it)";
        if (InCi)
        {
            Assert.Fail("CI=true and the shared folder is missing: " + reason);
        }

        Assert.Skip(reason);
        return path;
    }

    /// <summary>True when a file or folder under the shared folder is present.</summary>
    public static bool Has(params string[] relative)
    {
        var path = Path.Combine([RepoPaths.Shared, .. relative]);
        return File.Exists(path) || Directory.Exists(path);
    }
}

/// <summary>A fresh data folder per test, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("icf-test-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file on a pooled connection; the OS temp cleaner gets it.
        }
    }
}
