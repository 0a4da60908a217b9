using System.ComponentModel.DataAnnotations;

namespace IcfStudio.Core.Storage;

/// <summary>Where ICF Studio keeps its data. Bound from the "Storage" configuration section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Environment variable that overrides the data folder.</summary>
    public const string DataDirectoryVariable = "ICF_DATA";

    /// <summary>The data folder; the SQLite file is <c>icf.db</c> inside it. Default: ~/.icf-studio.</summary>
    [Required]
    public string DataDirectory { get; set; } = DefaultDataDirectory();

    public string DatabasePath => Path.Combine(DataDirectory, "icf.db");

    public static string DefaultDataDirectory() =>
        Environment.GetEnvironmentVariable(DataDirectoryVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".icf-studio");
}
