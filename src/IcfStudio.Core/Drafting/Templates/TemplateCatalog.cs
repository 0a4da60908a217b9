using IcfStudio.Core.ProtocolMap;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IcfStudio.Core.Drafting.Templates;

/// <summary>
/// The document templates: shipped ones are JSON files embedded from Resources/Templates; an institution's own template is a
/// JSON file of the same shape, passed by path (for example <c>icf draft --template FILE</c>).
/// </summary>
public static partial class TemplateCatalog
{
    public const string DefaultTemplateId = "icf-default";

    private const string ResourcePrefix = "IcfStudio.Core.Resources.Templates.";
    private const int MaxTemplateBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The ids of the shipped templates.</summary>
    public static IReadOnlyList<string> ShippedIds { get; } = typeof(TemplateCatalog).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Loads a template: null or empty → the default ICF template; a shipped id; else a path to a JSON template file.</summary>
    /// <exception cref="BadInputException">The file is missing, not JSON, or not a valid template.</exception>
    public static DocumentTemplate Load(string? templateIdOrPath)
    {
        var key = string.IsNullOrWhiteSpace(templateIdOrPath) ? DefaultTemplateId : templateIdOrPath.Trim();
        if (ShippedIds.Contains(key, StringComparer.Ordinal))
        {
            using var stream = typeof(TemplateCatalog).Assembly.GetManifestResourceStream(ResourcePrefix + key + ".json")
                ?? throw new InvalidOperationException("embedded template missing: " + key);
            return Parse(stream, key);
        }

        if (!File.Exists(key))
        {
            throw new BadInputException(
                "template_not_found",
                $"Template '{key}' is neither a shipped template ({string.Join(", ", ShippedIds)}) nor an existing file.",
                404);
        }

        var info = new FileInfo(key);
        if (info.Length > MaxTemplateBytes)
        {
            throw new BadInputException("invalid_template", $"Template file '{info.Name}' is larger than 1 MB.", 413);
        }

        using var file = File.OpenRead(key);
        return Parse(file, info.Name);
    }

    /// <summary>Parses and validates a template from JSON.</summary>
    /// <param name="sourceName">Named in error messages.</param>
    public static DocumentTemplate Parse(Stream json, string sourceName)
    {
        DocumentTemplate? template;
        try
        {
            template = JsonSerializer.Deserialize<DocumentTemplate>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            // JsonException covers malformed JSON and missing required members; its message names the line and the member.
            throw new BadInputException("invalid_template", $"Template '{sourceName}' is not a valid template: {ex.Message}", 422);
        }

        if (template is null)
        {
            throw new BadInputException("invalid_template", $"Template '{sourceName}' is empty.", 422);
        }

        var errors = Validate(template);
        if (errors.Count > 0)
        {
            throw new BadInputException("invalid_template", $"Template '{sourceName}' is not valid: {string.Join("; ", errors)}", 422);
        }

        return template with { Sections = [.. template.Sections.OrderBy(s => s.Order)] };
    }

    /// <summary>Every problem of a template, in plain words; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(DocumentTemplate template)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(template.Id) || !IdPattern().IsMatch(template.Id))
        {
            errors.Add("'id' must be lowercase letters, digits, '-' or '_'");
        }

        if (string.IsNullOrWhiteSpace(template.Name))
        {
            errors.Add("'name' is required");
        }

        if (template.Sections is null || template.Sections.Count == 0)
        {
            errors.Add("'sections' must list at least one section");
            return errors;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < template.Sections.Count; i++)
        {
            var section = template.Sections[i];
            var where = $"section {i + 1}" + (string.IsNullOrWhiteSpace(section?.Id) ? "" : $" ('{section.Id}')");
            if (section is null)
            {
                errors.Add($"{where} is null");
                continue;
            }

            if (string.IsNullOrWhiteSpace(section.Id) || !IdPattern().IsMatch(section.Id))
            {
                errors.Add($"{where}: 'id' must be lowercase letters, digits, '-' or '_'");
            }
            else if (!seen.Add(section.Id))
            {
                errors.Add($"{where}: duplicate id");
            }

            if (string.IsNullOrWhiteSpace(section.Title))
            {
                errors.Add($"{where}: 'title' is required");
            }

            if (section.Queries is null || section.Queries.Count == 0 || section.Queries.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{where}: 'queries' must list at least one non-empty retrieval query");
            }

            if (section.HeadingPatterns is null || section.HeadingPatterns.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{where}: 'headingPatterns' must not contain empty patterns");
            }

            if (section.Roles is null || section.Roles.Any(r => !ProtocolRoles.TryParse(r, out _)))
            {
                errors.Add($"{where}: 'roles' must list protocol roles ({string.Join(", ", Enum.GetValues<ProtocolRole>().Select(ProtocolRoles.Id))})");
            }

            if (section.MaxPassages is < 1 or > 40)
            {
                errors.Add($"{where}: 'maxPassages' must be between 1 and 40");
            }

            if (section.SupportingRoles is null
                || section.SupportingRoles.Any(r => !ProtocolRoles.TryParse(r.Key, out var role) || ProtocolRoles.NeverInContext.Contains(role) || r.Value is < 1 or > 10))
            {
                errors.Add($"{where}: 'supportingRoles' must map protocol roles (not contents or references) to a passage count between 1 and 10");
            }

            if (section.OfflinePassages is < 1 or > 40)
            {
                errors.Add($"{where}: 'offlinePassages' must be between 1 and 40");
            }

            if (section.ElementIds is null)
            {
                errors.Add($"{where}: 'elementIds' must be a list");
            }

            if (section.TargetWords is < 20 or > 3000)
            {
                errors.Add($"{where}: 'targetWords' must be between 20 and 3000");
            }

            foreach (Match m in PlaceholderPattern().Matches(section.StandardText ?? ""))
            {
                if (!StudyPlaceholders.Names.Contains(m.Groups[1].Value))
                {
                    errors.Add($"{where}: unknown placeholder '{{{m.Groups[1].Value}}}' in 'standardText' (known: {string.Join(", ", StudyPlaceholders.Names)})");
                }
            }
        }

        return errors;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9]*)\}")]
    internal static partial Regex PlaceholderPattern();
}
