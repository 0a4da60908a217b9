namespace IcfStudio.Core.Profile;

/// <summary>Where a profile item's value is stated: the document, its physical page (1-based) and the exact words.</summary>
public sealed record ProfileEvidence(int Page, string Quote, string? DocumentId = null);

/// <summary>Who produced a profile item's value.</summary>
public static class ProfileOrigins
{
    public const string Rules = "rules";
    public const string Llm = "llm";
    public const string Usdm = "usdm";

    /// <summary>A reviewer's edit: "user:NAME".</summary>
    public static string User(string actor) => "user:" + actor;
}

/// <summary>
/// One fact of the study profile ("consent facts"). <see cref="Key"/> is a path: a group and a field
/// (<c>identity.acronym</c>, <c>audience.minAge</c>), with an index for repeated items
/// (<c>intervention[0].name</c>, <c>risk[3].name</c>). Values are text as the consent form would use them
/// ("true"/"false" for yes/no items). Confidence is 0–1.
/// </summary>
public sealed record ProfileItem(
    string Key,
    string Value,
    ProfileEvidence? Evidence,
    double Confidence,
    string Origin);

/// <summary>
/// A study's profile: the detected items with the reviewers' decisions applied. <see cref="Version"/> counts reviews
/// (0 before any) and is the concurrency token of the review API.
/// </summary>
public sealed record StudyProfile(IReadOnlyList<ProfileItem> Items, int Version = 0)
{
    public static StudyProfile Empty { get; } = new([]);

    /// <summary>The item with this key, or null.</summary>
    public ProfileItem? Find(string key) => Items.FirstOrDefault(i => string.Equals(i.Key, key, StringComparison.Ordinal));

    /// <summary>The value of the item with this key, or null.</summary>
    public string? Value(string key) => Find(key)?.Value;

    /// <summary>The items of a repeated group (<c>intervention</c> gives intervention[0].*, intervention[1].*…), in key order.</summary>
    public IEnumerable<ProfileItem> Group(string group) =>
        Items.Where(i => i.Key.StartsWith(group + "[", StringComparison.Ordinal) || i.Key.StartsWith(group + ".", StringComparison.Ordinal));
}
