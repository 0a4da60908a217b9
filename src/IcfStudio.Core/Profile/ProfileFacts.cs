using IcfStudio.Core.Quality;

namespace IcfStudio.Core.Profile;

/// <summary>
/// The study facts the quality checks and the export use (<see cref="QualityFacts"/>) are yes/no items of the profile:
/// one review mechanism for both. <c>randomized</c> is <c>study.randomized</c>, <c>adultsUnableToConsent</c> is
/// <c>audience.adultsUnableToConsent</c>, every other fact is <c>facts.NAME</c>.
/// </summary>
public static class ProfileFacts
{
    public static string KeyOf(string factName) => factName switch
    {
        "randomized" => "study.randomized",
        "adultsUnableToConsent" => "audience.adultsUnableToConsent",
        _ => "facts." + factName,
    };

    /// <summary>The facts stated by these items (a fact without an item, or with a value other than true/false, stays unknown).</summary>
    public static QualityFacts From(Func<string, string?> valueOfKey)
    {
        ArgumentNullException.ThrowIfNull(valueOfKey);
        var facts = QualityFacts.Unknown;
        foreach (var name in QualityFacts.Names)
        {
            if (valueOfKey(KeyOf(name)) is { } value && QualityFacts.TryParseValue(value, out var flag) && flag is not null)
            {
                facts = facts.WithValue(name, flag);
            }
        }

        return facts;
    }

    /// <summary>
    /// Per fact: a reviewer's decision (an edit's value, unknown when cleared, the detected value when accepted), else the
    /// profile's detected item, else <paramref name="detector"/>'s value (facts the profile's source does not state).
    /// </summary>
    public static QualityFacts Effective(ReviewedProfile profile, QualityFacts detector)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(detector);
        var facts = detector;
        foreach (var name in QualityFacts.Names)
        {
            if (profile.Find(KeyOf(name)) is { } item && (item.Decision is not null || item.Detected is not null))
            {
                facts = facts.WithValue(name, QualityFacts.TryParseValue(item.Effective, out var flag) ? flag : null);
            }
        }

        return facts;
    }

    /// <summary>The facts a reviewer edited (the others unknown).</summary>
    public static QualityFacts Edited(ReviewedProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return From(key => profile.Find(key) is { Decision.Action: ProfileAction.Edit } item ? item.Effective : null);
    }
}
