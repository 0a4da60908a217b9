using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcfStudio.Core.Quality;

[JsonConverter(typeof(JsonStringEnumConverter<ElementStatus>))]
public enum ElementStatus
{
    [JsonStringEnumMemberName("present")]
    Present,

    [JsonStringEnumMemberName("missing")]
    Missing,

    [JsonStringEnumMemberName("notApplicable")]
    NotApplicable,
}

/// <summary>How strongly the regulation asks for an element, given the study's facts.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Applicability>))]
public enum Applicability
{
    /// <summary>Required by the regulation for this study.</summary>
    [JsonStringEnumMemberName("required")]
    Required,

    /// <summary>"When appropriate", or its condition is unknown: expected, but a reviewer may accept its absence.</summary>
    [JsonStringEnumMemberName("recommended")]
    Recommended,

    [JsonStringEnumMemberName("notApplicable")]
    NotApplicable,
}

/// <summary>A sentence that (partly) satisfies an element, and where it is.</summary>
/// <param name="Part">Which part of the element it shows (e.g. "duration"), when the element has several.</param>
public sealed record ElementEvidence(string SectionId, string SectionTitle, string Text, string? Part = null);

/// <summary>An LLM's verdict on one element: a second opinion, never overriding the deterministic status.</summary>
public sealed record JudgeOpinion(ElementStatus Status, string? Evidence, string? Reason, string Source);

public sealed record ElementResult(
    string Id,
    string Citation,
    string Requirement,
    ElementStatus Status,
    Applicability Applicability,
    string ApplicabilityReason,
    IReadOnlyList<ElementEvidence> Evidence,
    IReadOnlyList<string> MissingParts,
    string? Note = null,
    JudgeOpinion? SecondOpinion = null);

/// <summary>A plain-language suggestion for a technical term found in the text.</summary>
public sealed record JargonHit(string Term, string Suggestion, int Count, string Sentence);

/// <summary>Readability of one section; the scores are those of <see cref="ReadabilityResult"/>, flattened for JSON.</summary>
public sealed record SectionReadability(
    string SectionId,
    string Title,
    double FleschKincaidGrade,
    double FleschReadingEase,
    double Smog,
    double AverageSentenceLength,
    int Words,
    int Sentences,
    int LongWords,
    double LongWordPercent,
    IReadOnlyList<string> LongWordExamples,
    bool MeetsTarget,
    IReadOnlyList<JargonHit> Jargon)
{
    public static SectionReadability From(string sectionId, string title, ReadabilityResult r, double targetGrade, IReadOnlyList<JargonHit> jargon) =>
        new(sectionId, title, r.FleschKincaidGrade, r.FleschReadingEase, r.Smog, r.AverageSentenceLength, r.Words, r.Sentences,
            r.LongWords, r.LongWordPercent, r.LongWordExamples, r.Words == 0 || r.FleschKincaidGrade <= targetGrade, jargon);
}

/// <summary>Overall scores at the top level (the whole document's text), and every section's.</summary>
public sealed record ReadabilityReport(
    double TargetGrade,
    double FleschKincaidGrade,
    double FleschReadingEase,
    double Smog,
    double AverageSentenceLength,
    int Words,
    int Sentences,
    int LongWords,
    double LongWordPercent,
    bool MeetsTarget,
    int SectionsAboveTarget,
    IReadOnlyList<SectionReadability> Sections);

/// <summary>A number with its unit or context, as found in a sentence ("12 visits", "twice", "300 participants").</summary>
public sealed record NumberMention(double Value, string Text, string? Unit, string SectionId, string SectionTitle, string Sentence);

/// <summary>A number the protocol and fact sheet do not support.</summary>
/// <param name="Reason">Why: the value is nowhere in the protocol, or it is but never with this unit.</param>
public sealed record UnsupportedNumber(string SectionId, string SectionTitle, string Text, double Value, string? Unit, string Sentence, string Reason);

/// <summary>A sentence written for the study team (investigators, site staff, sponsor) rather than the participant.</summary>
/// <param name="Reason">Which kind: an instruction to staff, study-team records or roles, committee logistics, or trial methodology.</param>
public sealed record StaffFacingSentence(string SectionId, string SectionTitle, string Sentence, string Reason);

/// <summary>Sections disagreeing on one quantity (participants, visits, duration).</summary>
public sealed record Contradiction(string Kind, string Message, IReadOnlyList<NumberMention> Mentions);

/// <summary>Quality of one section version: what the <c>section_quality</c> event carries and what is stored with the version.</summary>
/// <param name="Elements">Elements this section shows evidence for (status present), and those expected of it but missing.</param>
/// <param name="FactCheck">"checked" when the numbers were compared with a protocol, otherwise why not.</param>
/// <param name="StaffFacing">Sentences addressing the study team rather than the participant (null in results stored before this check).</param>
public sealed record SectionQuality(
    string SectionId,
    string Title,
    int Version,
    SectionReadability Readability,
    IReadOnlyList<ElementResult> Elements,
    IReadOnlyList<UnsupportedNumber> UnsupportedNumbers,
    int NumbersChecked,
    string FactCheck,
    DateTimeOffset ComputedAt,
    IReadOnlyList<StaffFacingSentence>? StaffFacing = null);

/// <param name="StaffFacingSentences">How many sentences address the study team rather than the participant.</param>
public sealed record QualitySummary(
    int ElementsPresent,
    int ElementsMissing,
    int RequiredMissing,
    int NotApplicable,
    double GradeLevel,
    bool MeetsGradeTarget,
    int UnsupportedNumbers,
    int Contradictions,
    int StaffFacingSentences = 0);

/// <summary>Quality of a whole draft or consent form.</summary>
/// <param name="StaffFacing">Sentences addressing the study team rather than the participant, section by section.</param>
public sealed record DraftQuality(
    string? DraftId,
    string? StudyId,
    string Source,
    QualitySummary Summary,
    IReadOnlyList<ElementResult> Elements,
    ReadabilityReport Readability,
    IReadOnlyList<UnsupportedNumber> UnsupportedNumbers,
    int NumbersChecked,
    string FactCheck,
    IReadOnlyList<Contradiction> Contradictions,
    QualityFacts Facts,
    IReadOnlyDictionary<string, string> FactReasons,
    string? Judge,
    DateTimeOffset ComputedAt,
    IReadOnlyList<StaffFacingSentence>? StaffFacing = null);

/// <summary>JSON settings for quality results: camelCase, enums as their wire names.</summary>
public static class QualityJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };

    public static string Serialize<T>(T value, bool indented = false) => JsonSerializer.Serialize(value, indented ? Indented : Options);
}
