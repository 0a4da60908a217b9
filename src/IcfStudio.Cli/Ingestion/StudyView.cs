using IcfStudio.Cli.Hosting;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;
using Spectre.Console;

namespace IcfStudio.Cli.Ingestion;

/// <summary>Human-readable output of the study commands (tables on stdout). User and protocol text is never read as markup.</summary>
internal static class StudyView
{
    private const int SnippetLength = 400;
    private const int TitleLength = 60;

    public static void WriteIngestResult(IngestResult result, StudyRecord study)
    {
        var console = CliApp.Out;
        console.Write(new Markup($"Study [bold]{Markup.Escape(result.StudyId)}[/]"));
        console.WriteLine();
        foreach (var (document, alreadyIngested) in result.Documents)
        {
            console.WriteLine(alreadyIngested
                ? $"  {document.FileName} was already ingested (same SHA-256): nothing changed."
                : $"  {document.FileName}: {document.Format}, {Plural(document.PageCount, "page")}, {Plural(document.ChunkCount, "chunk")} indexed.");
        }

        console.Write(MetadataTable(study.Metadata));
    }

    public static void WriteStudies(IReadOnlyList<StudyRecord> studies)
    {
        if (studies.Count == 0)
        {
            CliApp.Out.WriteLine("No studies yet. Add one with: icf ingest <protocol file>");
            return;
        }

        var table = new Table()
            .AddColumn(new TableColumn("Study").NoWrap())
            .AddColumns("Title", "Documents", "Pages", "Drafts")
            .AddColumn(new TableColumn("Last activity").NoWrap());
        foreach (var study in studies)
        {
            table.AddRow(
                Cell(study.StudyId),
                Cell(Shorten(study.Metadata.ShortTitle?.Value ?? study.Metadata.Title?.Value ?? "—", TitleLength)),
                Cell(study.Documents.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Cell(study.Documents.Sum(d => d.PageCount).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Cell(study.DraftCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Cell((study.LastActivityAt ?? study.UpdatedAt).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        }

        CliApp.Out.Write(table);
    }

    public static void WriteStudy(StudyRecord study)
    {
        var console = CliApp.Out;
        console.Write(new Markup($"Study [bold]{Markup.Escape(study.StudyId)}[/], {Plural(study.DraftCount, "draft")}"));
        console.WriteLine();
        var documents = new Table().AddColumns("Document", "Format", "Pages", "Chunks", "SHA-256", "Added");
        foreach (var d in study.Documents)
        {
            documents.AddRow(
                Cell(d.FileName),
                Cell(d.Format.ToString()),
                Cell(d.PageCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Cell(d.ChunkCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Cell(d.Sha256[..12] + "…"),
                Cell(d.AddedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        }

        console.Write(documents);
        console.Write(MetadataTable(study.Metadata));
    }

    /// <summary>The study facts the checks and the export use: the value used, what was detected and why, the user's override.</summary>
    public static void WriteFacts(StudyFacts facts)
    {
        // One line per fact, name first, so that a narrow terminal wraps the reason and never the name.
        var effective = facts.Effective;
        CliApp.Out.WriteLine("Study facts (used, then detected and why):");
        foreach (var name in QualityFacts.Names)
        {
            var reason = facts.Detected.Reasons.GetValueOrDefault(name) ?? "the protocol does not say";
            var set = facts.Overrides.ValueOf(name) is { } value ? $"; set to {YesNo(value)} for this study" : "";
            CliApp.Out.WriteLine($"  {name}: {YesNo(effective.ValueOf(name))} (detected {YesNo(facts.Detected.Facts.ValueOf(name))}: {reason}{set})");
        }
    }

    private static string YesNo(bool? value) => value switch
    {
        true => "yes",
        false => "no",
        null => "unknown",
    };

    public static void WriteHits(IReadOnlyList<ChunkHit> hits)
    {
        if (hits.Count == 0)
        {
            CliApp.Out.WriteLine("No passages match.");
            return;
        }

        for (var i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            var pages = hit.PageStart == hit.PageEnd ? $"p. {hit.PageStart}" : $"pp. {hit.PageStart}–{hit.PageEnd}";
            CliApp.Out.Write(new Markup($"[bold]{i + 1}. {Markup.Escape(hit.SectionPath)}[/] ({pages}, score {hit.Score:0.###})"));
            CliApp.Out.WriteLine();
            var text = hit.Text.ReplaceLineEndings(" ");
            CliApp.Out.WriteLine("   " + Shorten(text, SnippetLength));
            CliApp.Out.WriteLine();
        }
    }

    private static Table MetadataTable(StudyMetadata m)
    {
        var table = new Table().AddColumns("Field", "Value", "Page");
        Row(table, "Acronym", m.Acronym);
        Row(table, "Title", m.Title);
        Row(table, "Short title", m.ShortTitle);
        Row(table, "Protocol number", m.ProtocolNumber);
        Row(table, "Version", m.Version);
        Row(table, "Version date", m.VersionDate);
        Row(table, "Sponsor", m.Sponsor);
        Row(table, "Phase", m.Phase);
        Row(table, "NCT number", m.NctId);
        Row(table, "Participants", m.PlannedParticipants);
        Row(table, "Duration", m.Duration);
        return table;
    }

    private static void Row(Table table, string name, MetadataField? field) =>
        table.AddRow(
            Cell(name),
            Cell(field?.Value ?? "(not found)"),
            Cell(field?.Page?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"));

    private static Text Cell(string text) => new(text);

    private static string Shorten(string text, int length) => text.Length > length ? text[..length].TrimEnd() + "…" : text;

    private static string Plural(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
