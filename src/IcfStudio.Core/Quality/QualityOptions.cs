using System.ComponentModel.DataAnnotations;

namespace IcfStudio.Core.Quality;

/// <summary>Quality checks, configuration section "Quality".</summary>
public sealed class QualityOptions
{
    public const string SectionName = "Quality";

    /// <summary>Flesch-Kincaid grade a section should not exceed (IRBs commonly ask for 8; AMA and NIH recommend 6).</summary>
    [Range(1, 20)]
    public double TargetGrade { get; set; } = 8;

    /// <summary>
    /// Allows the LLM second opinion on the regulatory elements. It runs only when a caller asks for it (<c>icf check --judge</c>,
    /// <c>?judge=true</c>) and a non-offline provider is configured, since it costs a model call per check.
    /// </summary>
    public bool LlmJudge { get; set; } = true;

    /// <summary>How many jargon terms to report per section.</summary>
    [Range(0, 100)]
    public int MaxJargonPerSection { get; set; } = 15;
}
