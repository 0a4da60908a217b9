using IcfStudio.Core.Quality;

namespace IcfStudio.Server.Quality;

/// <summary>Study facts a user sets in a query string (<c>?randomized=false&amp;adultsUnableToConsent=true</c>), over the detected ones.</summary>
internal static class FactOverrides
{
    /// <summary>The facts named in the query, or null when none is; false with the offending name when a value is not true, false or unknown.</summary>
    public static bool TryParse(IQueryCollection query, out QualityFacts? overrides, out string? badFact)
    {
        overrides = null;
        badFact = null;
        foreach (var name in QualityFacts.Names)
        {
            if (!query.TryGetValue(name, out var values) || values.Count == 0)
            {
                continue;
            }

            if (!QualityFacts.TryParseValue(values[0], out var value))
            {
                badFact = name;
                return false;
            }

            overrides = (overrides ?? QualityFacts.Unknown).WithValue(name, value);
        }

        return true;
    }

    public static string Problem(string name) => $"{name} must be true, false or unknown.";
}
