using System.ComponentModel.DataAnnotations;

namespace IcfStudio.Server.Studies;

/// <summary>Limits for protocol uploads, bound from the "Uploads" configuration section.</summary>
internal sealed class UploadOptions
{
    public const string SectionName = "Uploads";

    [Range(1, 100)]
    public int MaxFiles { get; set; } = 10;

    /// <summary>How long the progress of a finished upload can still be read.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ProgressRetention { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The whole multipart request: every file (at most <paramref name="maxFileBytes"/>, the ingestion limit) plus a little room for the form's other fields.</summary>
    public long MaxRequestBytes(long maxFileBytes) => checked((maxFileBytes * MaxFiles) + (1024 * 1024));
}
