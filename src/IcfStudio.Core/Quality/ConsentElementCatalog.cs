using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IcfStudio.Core.Quality;

/// <summary>One required or conditional element of informed consent (Resources/Regulations/consent-elements.json).</summary>
public sealed record ConsentElement(
    string Id,
    string Citation,
    string Applies,
    string Requirement,
    [property: JsonPropertyName("exact_text")] string? ExactText = null);

/// <summary>The consent elements shipped with the application, with their regulatory citations.</summary>
internal static class ConsentElementCatalog
{
    private sealed record CatalogFile(IReadOnlyList<ConsentElement> Elements);

    private static readonly Lazy<IReadOnlyList<ConsentElement>> Loaded = new(Load);

    public static IReadOnlyList<ConsentElement> Elements => Loaded.Value;

    public static ConsentElement Get(string id) =>
        Elements.FirstOrDefault(e => e.Id == id) ?? throw new KeyNotFoundException($"No consent element '{id}'.");

    internal static Stream OpenResource(string fileName)
    {
        var assembly = typeof(ConsentElementCatalog).Assembly;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith("." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Embedded resource {fileName} is missing.");
        return assembly.GetManifestResourceStream(name)!;
    }

    private static IReadOnlyList<ConsentElement> Load()
    {
        using var stream = OpenResource("consent-elements.json");
        var file = JsonSerializer.Deserialize<CatalogFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("consent-elements.json is empty.");
        return file.Elements;
    }
}
