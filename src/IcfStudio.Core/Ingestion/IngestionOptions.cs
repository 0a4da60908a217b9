using System.ComponentModel.DataAnnotations;

namespace IcfStudio.Core.Ingestion;

/// <summary>Limits for ingestion. Bound from the "Ingestion" configuration section.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Files larger than this are refused (HTTP 413) before being parsed. Default 100 MB.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;
}
