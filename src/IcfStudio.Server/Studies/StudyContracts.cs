namespace IcfStudio.Server.Studies;

/// <summary>
/// Metadata edits: a field left out (or null) stays as it is, an empty string clears it, any other text replaces it
/// (an edited field no longer records a source page).
/// </summary>
internal sealed record StudyMetadataPatch(
    string? Acronym = null,
    string? Title = null,
    string? ShortTitle = null,
    string? ProtocolNumber = null,
    string? Version = null,
    string? VersionDate = null,
    string? Sponsor = null,
    string? Phase = null,
    string? NctId = null,
    string? PlannedParticipants = null,
    string? Duration = null);
