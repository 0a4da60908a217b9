namespace IcfStudio.Core.Profile;

/// <summary>One profile item as reviewers see it (the web API's and <c>icf study profile --json</c>'s shape).</summary>
/// <param name="DetectedValue">What rules, USDM or the LLM found; null: nothing.</param>
/// <param name="Evidence">The page and exact words the detected value comes from.</param>
/// <param name="State">missing, detected, accepted, edited or cleared.</param>
/// <param name="Effective">The value drafting, quality and export use (null: none).</param>
public sealed record ProfileItemView(
    string Key,
    string Label,
    string Group,
    string Type,
    IReadOnlyList<string> Sections,
    string? DetectedValue,
    ProfileEvidence? Evidence,
    double? Confidence,
    string? Origin,
    string State,
    string? ReviewedBy,
    DateTimeOffset? ReviewedAt,
    string? Effective)
{
    public static ProfileItemView From(ReviewedProfileItem item) => new(
        item.Key,
        item.Label,
        item.Group,
        item.Type,
        item.Sections,
        item.Detected?.Value,
        item.Detected?.Evidence,
        item.Detected?.Confidence,
        item.Decision is { Action: ProfileAction.Edit } edit ? ProfileOrigins.User(edit.Actor) : item.Detected?.Origin,
        item.State,
        item.Decision?.Actor,
        item.Decision?.At,
        item.Effective);
}

public sealed record StudyProfileView(string StudyId, int Version, IReadOnlyList<ProfileItemView> Items)
{
    public static StudyProfileView From(ReviewedProfile profile) => new(profile.StudyId, profile.Version, [.. profile.Items.Select(ProfileItemView.From)]);
}
