using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcfStudio.Core.Quality;

/// <summary>
/// A hand-read <c>NAME.facts.json</c> beside a protocol: the facts its consent form must tell, each with the ICF section it
/// belongs in, the physical page (1-based) and quote that state it, and keyword groups that recognise it in a text.
/// </summary>
public sealed record ConsentFactsFile(string File, ConsentFactsAudience? Audience, IReadOnlyList<ConsentFact> Facts)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>The facts file beside a protocol (<c>NAME.pdf</c> → <c>NAME.facts.json</c>), or null when there is none.</summary>
    public static ConsentFactsFile? TryLoadBeside(string protocolPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(protocolPath))!;
        var name = Path.GetFileName(protocolPath);
        var stem = name.EndsWith(".usdm.json", StringComparison.OrdinalIgnoreCase)
            ? name[..^".usdm.json".Length]
            : Path.GetFileNameWithoutExtension(name);
        var path = Path.Combine(directory, stem + ".facts.json");
        return System.IO.File.Exists(path) ? Load(path) : null;
    }

    public static ConsentFactsFile Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<ConsentFactsFile>(System.IO.File.ReadAllText(path), Json)
                ?? throw new BadInputException("bad_facts_file", $"Empty facts file: {path}");
        }
        catch (JsonException ex)
        {
            throw new BadInputException("bad_facts_file", $"Not a facts file ({ex.Message}): {path}");
        }
    }
}

/// <summary>Who joins and who consents (<c>self</c>, <c>parent</c>, <c>parent-or-LAR</c>, <c>LAR-possible</c>).</summary>
public sealed record ConsentFactsAudience(bool Pediatric, string? Ages, string? ConsentBy, int? Page, string? Quote);

/// <summary>One fact a consent form must tell. <see cref="Any"/>: every group needs one of its alternatives (case-insensitive).</summary>
public sealed record ConsentFact(
    string Id,
    string Kind,
    string Section,
    string Text,
    [property: JsonPropertyName("any")] IReadOnlyList<IReadOnlyList<string>> Any,
    int Page,
    string Quote)
{
    /// <summary>True when the text states this fact: every keyword group has at least one alternative in it.</summary>
    public bool IsStatedIn(string? text) =>
        !string.IsNullOrEmpty(text)
        && Any.All(group => group.Any(keyword => text.Contains(keyword, StringComparison.OrdinalIgnoreCase)));
}
