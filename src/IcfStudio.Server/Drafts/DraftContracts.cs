using System.ComponentModel.DataAnnotations;

namespace IcfStudio.Server.Drafts;

/// <summary>Options for a new draft; every field is optional.</summary>
/// <param name="Provider">anthropic, openai, ollama or offline; default: configuration, else anthropic when its key is set, else offline.</param>
/// <param name="Template">A template id of the shipped catalog; default: the ICF template.</param>
/// <param name="Sections">Section ids to draft; default: every section of the template.</param>
internal sealed record CreateDraftRequest(string? Provider = null, string? Model = null, string? Template = null, IReadOnlyList<string>? Sections = null);

/// <summary>A manual edit of a section's text. Send the section's current version in If-Match.</summary>
internal sealed record EditSectionRequest([property: Required] string Content);

/// <summary>Regenerate a section; with feedback (up to 2,000 characters) the current text is revised, without it the section starts afresh.</summary>
internal sealed record RegenerateSectionRequest(string? Feedback = null);

/// <summary>The regeneration runs in the background; its events arrive on the draft's event stream.</summary>
internal sealed record RegenerationAccepted(string DraftId, string SectionId, string Events);
