using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Drafting.Engine;

/// <summary>
/// What a draft is made of: the template catalog, the study's fact sheet, and per section the retrieved passages turned into
/// a prompt. The seam between the engine (which runs and persists sections) and the content pipeline (which decides what to ask).
/// </summary>
internal interface IDraftContent
{
    /// <summary>A template id of the shipped catalog or a path to a template file; null: the default ICF template.</summary>
    DocumentTemplate LoadTemplate(string? templateIdOrPath);

    /// <summary>The fact sheet with the study's reviewed profile (its version is recorded with the draft).</summary>
    Task<FactSheet> BuildFactsAsync(StudyRecord study, CancellationToken cancellationToken);

    /// <summary>Retrieves the section's passages and builds its prompt; with feedback, a revision of <paramref name="currentText"/>.</summary>
    Task<SectionRequest> PrepareAsync(string studyId, SectionTemplate section, FactSheet facts, string? feedback, string? currentText, CancellationToken cancellationToken);
}
