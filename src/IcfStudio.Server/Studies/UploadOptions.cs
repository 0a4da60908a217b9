using System.ComponentModel.DataAnnotations;

namespace IcfStudio.Server.Studies;

/// <summary>Limits for protocol uploads, bound from the "Uploads" configuration section.</summary>
internal sealed class UploadOptions
{
    public const string SectionName = "Uploads";

    /// <summary>Largest accepted file (default 100 MB, as the CLI).</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;

    [Range(1, 100)]
    public int MaxFiles { get; set; } = 10;

    /// <summary>How long the progress of a finished upload can still be read.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ProgressRetention { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The whole multipart request: every file plus a little room for the form's other fields and boundaries.</summary>
    public long MaxRequestBytes => checked((MaxFileBytes * MaxFiles) + (1024 * 1024));
}
