namespace IcfStudio.Core.Profile;

/// <summary>What a reviewer decides about one item.</summary>
public enum ProfileAction
{
    /// <summary>The detected value is right.</summary>
    Accept,

    /// <summary>The value is the reviewer's (it wins over detection).</summary>
    Edit,

    /// <summary>The item has no value for this study (a wrong detection removed).</summary>
    Clear,

    /// <summary>Forget the decision: the detected value applies again.</summary>
    Reset,
}

/// <summary>A stored decision: the value is the accepted or edited one (null for clear).</summary>
public sealed record ProfileDecision(string Key, ProfileAction Action, string? Value, string Actor, DateTimeOffset At);

/// <summary>One change a reviewer sends.</summary>
public sealed record ProfileChange(string Key, ProfileAction Action, string? Value = null);

/// <summary>A change ready to store: its decision (null for reset) and the effective value before and after, for the audit.</summary>
public sealed record ProfileChangeToStore(string Key, ProfileAction Action, string? Value, string? Before, string? After);

/// <summary>The reviewers' decisions of a study and the profile version they make.</summary>
public sealed record ProfileReviewState(int Version, IReadOnlyDictionary<string, ProfileDecision> Decisions)
{
    public static ProfileReviewState Empty { get; } = new(0, new Dictionary<string, ProfileDecision>());
}

/// <summary>One change in the profile's audit: who, when, which item, what it did, the effective value before and after.</summary>
public sealed record ProfileAuditEntry(long Sequence, string StudyId, int Version, DateTimeOffset At, string Actor, string Key, string Action, string? Before, string? After);

/// <summary>One item as a reviewer sees it: what was detected, what was decided, and the value drafting, quality and export use.</summary>
public sealed record ReviewedProfileItem(
    string Key,
    string Label,
    string Group,
    string Type,
    IReadOnlyList<string> Sections,
    ProfileItem? Detected,
    ProfileDecision? Decision,
    string? Effective)
{
    /// <summary>missing (nothing detected, no decision), detected, accepted, edited or cleared.</summary>
    public string State => Decision?.Action switch
    {
        ProfileAction.Accept => "accepted",
        ProfileAction.Edit => "edited",
        ProfileAction.Clear => "cleared",
        _ => Detected is null ? "missing" : "detected",
    };
}

/// <summary>A study's profile under review. <see cref="Version"/> is the concurrency token of the review.</summary>
public sealed record ReviewedProfile(string StudyId, int Version, IReadOnlyList<ReviewedProfileItem> Items)
{
    public ReviewedProfileItem? Find(string key) => Items.FirstOrDefault(i => string.Equals(i.Key, key, StringComparison.Ordinal));

    /// <summary>The items with a value after review: an edit is the reviewer's (origin user:NAME, confidence 1), the others as detected.</summary>
    public StudyProfile Effective()
    {
        var items = new List<ProfileItem>();
        foreach (var item in Items)
        {
            if (item.Effective is not { } value)
            {
                continue;
            }

            items.Add(item.Decision is { Action: ProfileAction.Edit } edit || item.Detected is null
                ? new ProfileItem(item.Key, value, item.Detected?.Evidence, 1.0, ProfileOrigins.User(item.Decision?.Actor ?? "user"))
                : item.Detected with { Value = value, Confidence = item.Decision is { Action: ProfileAction.Accept } ? 1.0 : item.Detected.Confidence });
        }

        return new StudyProfile(items, Version);
    }
}
