using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using IcfStudio.Core.Quality;

namespace IcfStudio.Core.Profile;

/// <summary>One kind of profile item, from Resources/Profile/profile-items.json. A key with <c>[]</c> stands for repeated items.</summary>
public sealed record ProfileItemDefinition(string Key, string Label, string Type, IReadOnlyList<string> Sections)
{
    /// <summary>The part of the key before the first <c>.</c> or <c>[</c>: identity, audience, intervention, risk…</summary>
    public string Group => ProfileCatalog.GroupOf(Key);

    public bool Repeated => Key.Contains("[]", StringComparison.Ordinal);
}

/// <summary>The catalog of profile items (data), and the validation of a key and a value a reviewer sends.</summary>
public static partial class ProfileCatalog
{
    public const string TypeText = "text";
    public const string TypeNumber = "number";
    public const string TypeBool = "bool";

    /// <summary>Longest value a reviewer may store for one item.</summary>
    public const int MaxValueLength = 4_000;

    private static readonly Lazy<IReadOnlyList<ProfileItemDefinition>> Loaded = new(Load);

    public static IReadOnlyList<ProfileItemDefinition> Items => Loaded.Value;

    /// <summary>The definition of a concrete key (<c>risk[2].name</c> is a <c>risk[].name</c>); null for an unknown key.</summary>
    public static ProfileItemDefinition? Find(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return null;
        }

        var generic = IndexPattern().Replace(key, "[]");
        return Items.FirstOrDefault(i => string.Equals(i.Key, generic, StringComparison.Ordinal));
    }

    public static string GroupOf(string key)
    {
        var end = key.IndexOfAny(['.', '[']);
        return end < 0 ? key : key[..end];
    }

    /// <summary>
    /// The value as stored: trimmed text, a number in invariant form, or "true"/"false" (yes/no accepted).
    /// False with a reason the reviewer can act on when it does not fit the item's type.
    /// </summary>
    public static bool TryNormalize(ProfileItemDefinition definition, string? value, out string normalized, out string? error)
    {
        ArgumentNullException.ThrowIfNull(definition);
        normalized = (value ?? "").Trim();
        error = null;
        if (normalized.Length == 0)
        {
            error = $"{definition.Key} needs a value (use clear to remove it).";
            return false;
        }

        if (normalized.Length > MaxValueLength)
        {
            error = $"{definition.Key} is limited to {MaxValueLength:N0} characters.";
            return false;
        }

        switch (definition.Type)
        {
            case TypeBool:
                if (!QualityFacts.TryParseValue(normalized, out var flag) || flag is null)
                {
                    error = $"{definition.Key} must be true or false.";
                    return false;
                }

                normalized = flag.Value ? "true" : "false";
                return true;
            case TypeNumber:
                if (!decimal.TryParse(normalized.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var number) || number < 0)
                {
                    error = $"{definition.Key} must be a number.";
                    return false;
                }

                normalized = number.ToString(CultureInfo.InvariantCulture);
                return true;
            default:
                return true;
        }
    }

    private static IReadOnlyList<ProfileItemDefinition> Load()
    {
        using var stream = ConsentElementCatalog.OpenResource("profile-items.json");
        var file = JsonSerializer.Deserialize<CatalogFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("profile-items.json is empty.");
        return file.Items;
    }

    private sealed record CatalogFile(IReadOnlyList<ProfileItemDefinition> Items);

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex IndexPattern();
}
