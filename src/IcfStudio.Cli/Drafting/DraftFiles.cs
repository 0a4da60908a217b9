using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using IcfStudio.Core.Drafting;

namespace IcfStudio.Cli.Drafting;

/// <summary>Writes a draft as Markdown (with its sources under each section) and as JSON (sections and citations).</summary>
internal static class DraftFiles
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync(DraftRecord draft, string documentTitle, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "draft.md"), ToMarkdown(draft, documentTitle), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "draft.json"), JsonSerializer.Serialize(ToJson(draft), JsonOptions), cancellationToken);
    }

    public static string ToMarkdown(DraftRecord draft, string documentTitle)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(documentTitle).Append("\n\n");
        md.Append($"Study {draft.StudyId} · draft {draft.DraftId} · {draft.Provider}{(draft.Model is null ? "" : $" ({draft.Model})")}");
        md.Append(draft.Offline ? " · written offline\n\n" : "\n\n");
        foreach (var section in draft.Sections.OrderBy(s => s.Order))
        {
            md.Append("## ").Append(section.Title).Append("\n\n");
            if (section.Status == SectionStatus.Failed)
            {
                md.Append("_This section could not be drafted: ").Append(section.Error).Append("_\n\n");
                continue;
            }

            md.Append(section.Content.Trim()).Append("\n\n");
            if (section.Citations.Count > 0)
            {
                md.Append("Sources:\n\n");
                foreach (var citation in section.Citations.DistinctBy(c => c.Key))
                {
                    var pages = citation.PageStart == citation.PageEnd ? $"p. {citation.PageStart}" : $"pp. {citation.PageStart}–{citation.PageEnd}";
                    md.Append($"- [{citation.Key}] protocol {pages}");
                    md.Append(string.IsNullOrWhiteSpace(citation.SectionPath) ? "\n" : $", {citation.SectionPath}\n");
                }

                md.Append('\n');
            }
        }

        return md.ToString();
    }

    public static object Summary(DraftRecord draft) => new
    {
        draft.DraftId,
        draft.StudyId,
        draft.Provider,
        draft.Model,
        draft.Offline,
        draft.CreatedAt,
        Sections = draft.Sections.Count,
        Ready = draft.Sections.Count(s => s.Status is SectionStatus.Ready or SectionStatus.Approved),
        Failed = draft.Sections.Count(s => s.Status == SectionStatus.Failed),
    };

    private static object ToJson(DraftRecord draft) => new
    {
        draft.DraftId,
        draft.StudyId,
        draft.Provider,
        draft.Model,
        draft.Template,
        draft.Offline,
        draft.CreatedAt,
        Sections = draft.Sections.OrderBy(s => s.Order).Select(s => new
        {
            s.SectionId,
            s.Title,
            s.Status,
            s.Content,
            s.WordCount,
            s.Version,
            s.Citations,
            s.Error,
        }),
    };
}
