using System.Globalization;
using System.Text;

namespace IcfStudio.Core.Export;

/// <summary>The consent form as Markdown; notes of an annotated export become <c>[^n]</c> footnotes.</summary>
internal sealed class MarkdownConsentExporter : IDocumentExporter
{
    public ExportFormat Format => ExportFormat.Md;

    public string ContentType => "text/markdown; charset=utf-8";

    public string Extension => "md";

    public ExportOutput Export(ConsentDocument document)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(document.DocumentTitle).AppendLine();
        md.Append("**").Append(Escape(document.StudyTitle)).AppendLine("**").AppendLine();
        md.Append("**").Append(Escape(document.Acronym)).Append("** · ").AppendLine(document.VersionText).AppendLine();
        if (document.IsDraft)
        {
            md.AppendLine("> **DRAFT – not approved for use with participants.**");
            if (document.UnapprovedSections.Count > 0)
            {
                md.AppendLine(">").AppendLine("> Sections not yet approved:");
                foreach (var title in document.UnapprovedSections)
                {
                    md.Append("> - ").AppendLine(Escape(title));
                }
            }

            md.AppendLine();
        }

        md.AppendLine("| | |").AppendLine("| --- | --- |");
        foreach (var field in document.TitleFields)
        {
            md.Append("| **").Append(Escape(field.Label)).Append("** | ").Append(field.Value is null ? "________________" : Cell(field.Value)).AppendLine(" |");
        }

        md.AppendLine().AppendLine("IRB approval stamp: ________________").AppendLine();
        foreach (var section in document.Sections.Append(document.SignatureSection))
        {
            md.Append("## ").AppendLine(section.Title).AppendLine();
            foreach (var block in section.Blocks)
            {
                Block(md, block);
            }

            foreach (var note in section.Notes)
            {
                md.Append(CultureInfo.InvariantCulture, $"[^{note.Number}]: ").AppendLine(note.Text);
            }

            if (section.Notes.Count > 0)
            {
                md.AppendLine();
            }
        }

        foreach (var group in document.Signatures)
        {
            md.Append("### ").AppendLine(group.Heading).AppendLine();
            foreach (var line in group.Lines)
            {
                md.Append(line).AppendLine(": ______________________________").AppendLine();
            }
        }

        return new ExportOutput(new UTF8Encoding(false).GetBytes(md.ToString()), []);
    }

    private static void Block(StringBuilder md, ConsentBlock block)
    {
        switch (block)
        {
            case SubheadingBlock sub:
                md.Append("### ").AppendLine(sub.Text).AppendLine();
                break;
            case ParagraphBlock paragraph:
                md.AppendLine(Inline(paragraph.Runs)).AppendLine();
                break;
            case ListBlock list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    md.Append(list.Numbered ? string.Create(CultureInfo.InvariantCulture, $"{i + 1}. ") : "- ").AppendLine(Inline(list.Items[i]));
                }

                md.AppendLine();
                break;
            case TableBlock table:
                var columns = Math.Max(table.Header?.Count ?? 0, table.Rows.Count == 0 ? 0 : table.Rows.Max(r => r.Count));
                var header = table.Header ?? [.. Enumerable.Repeat<IReadOnlyList<InlineRun>>([], columns)];
                md.Append("| ").AppendJoin(" | ", header.Select(c => Inline(c).Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");
                md.Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", columns))).AppendLine();
                foreach (var row in table.Rows)
                {
                    md.Append("| ").AppendJoin(" | ", row.Select(c => Inline(c).Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");
                }

                md.AppendLine();
                break;
        }
    }

    private static string Inline(IReadOnlyList<InlineRun> runs)
    {
        var text = new StringBuilder();
        foreach (var run in runs)
        {
            if (run.NoteNumber is { } number)
            {
                text.Append(CultureInfo.InvariantCulture, $"[^{number}]");
                continue;
            }

            var value = Escape(run.Text);
            var leading = value.Length - value.TrimStart().Length;
            var trailing = value.Length - value.TrimEnd().Length;
            var core = value.Trim();
            if (core.Length == 0)
            {
                text.Append(value);
                continue;
            }

            var mark = (run.Bold ? "**" : "") + (run.Italic ? "*" : "");
            text.Append(value[..leading]).Append(mark).Append(core).Append(new string(mark.Reverse().ToArray())).Append(value[^trailing..]);
        }

        return text.ToString();
    }

    private static string Cell(string value) => Escape(value).Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Escapes the characters that would otherwise start emphasis or a link.</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal);
}
