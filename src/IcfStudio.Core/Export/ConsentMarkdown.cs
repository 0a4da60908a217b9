using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IcfStudio.Core.Drafting;

namespace IcfStudio.Core.Export;

/// <summary>
/// Parses a section's light Markdown (paragraphs, <c>- </c> bullets, <c>1. </c> lists, <c>| a | b |</c> tables,
/// <c>###</c> sub-headings, <c>**bold**</c>, <c>*italic*</c>) into blocks, removing citation marks such as [P12]
/// or turning them into numbered notes.
/// </summary>
internal sealed partial class ConsentMarkdown(bool annotated, IReadOnlyList<Citation> citations, Func<int> nextNoteNumber)
{
    private readonly Dictionary<string, ConsentNote> _notes = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ConsentNote> _orderedNotes = [];

    public IReadOnlyList<ConsentNote> Notes => _orderedNotes;

    /// <summary>Parses <paramref name="markdown"/>; a leading heading equal to <paramref name="sectionTitle"/> is dropped (it is already the section's heading).</summary>
    public IReadOnlyList<ConsentBlock> Parse(string markdown, string sectionTitle)
    {
        var blocks = new List<ConsentBlock>();
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var paragraph = new StringBuilder();
        List<string>? listItems = null;
        var listNumbered = false;
        List<string>? tableLines = null;

        void FlushParagraph()
        {
            if (paragraph.Length > 0)
            {
                var runs = ParseInline(paragraph.ToString());
                if (runs.Count > 0)
                {
                    blocks.Add(new ParagraphBlock(runs));
                }

                paragraph.Clear();
            }
        }

        void FlushList()
        {
            if (listItems is { Count: > 0 })
            {
                blocks.Add(new ListBlock(listNumbered, [.. listItems.Select(ParseInline)]));
            }

            listItems = null;
        }

        void FlushTable()
        {
            if (tableLines is { Count: > 0 })
            {
                blocks.Add(ParseTable(tableLines));
            }

            tableLines = null;
        }

        void FlushAll()
        {
            FlushParagraph();
            FlushList();
            FlushTable();
        }

        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0)
            {
                FlushAll();
                continue;
            }

            if (trimmed.StartsWith('|'))
            {
                FlushParagraph();
                FlushList();
                (tableLines ??= []).Add(trimmed);
                continue;
            }

            FlushTable();
            if (HeadingPattern().Match(trimmed) is { Success: true } heading)
            {
                FlushAll();
                var text = heading.Groups[1].Value.Trim().Trim('*').Trim();
                var isSectionTitle = blocks.Count == 0 && string.Equals(text, sectionTitle.Trim(), StringComparison.OrdinalIgnoreCase);
                if (!isSectionTitle && text.Length > 0)
                {
                    blocks.Add(new SubheadingBlock(PlainText(ParseInline(text))));
                }

                continue;
            }

            if (BulletPattern().Match(trimmed) is { Success: true } bullet)
            {
                FlushParagraph();
                if (listItems is not null && listNumbered)
                {
                    FlushList();
                }

                listNumbered = false;
                (listItems ??= []).Add(bullet.Groups[1].Value);
                continue;
            }

            if (NumberedPattern().Match(trimmed) is { Success: true } numbered)
            {
                FlushParagraph();
                if (listItems is not null && !listNumbered)
                {
                    FlushList();
                }

                listNumbered = true;
                (listItems ??= []).Add(numbered.Groups[1].Value);
                continue;
            }

            if (listItems is { Count: > 0 } && line.Length > trimmed.Length)
            {
                // An indented line continues the list item above.
                listItems[^1] += " " + trimmed;
                continue;
            }

            FlushList();
            if (paragraph.Length > 0)
            {
                paragraph.Append(' ');
            }

            paragraph.Append(trimmed);
        }

        FlushAll();
        return blocks;
    }

    private TableBlock ParseTable(List<string> tableLines)
    {
        IReadOnlyList<IReadOnlyList<InlineRun>>? header = null;
        var rows = new List<IReadOnlyList<IReadOnlyList<InlineRun>>>();
        for (var i = 0; i < tableLines.Count; i++)
        {
            var cells = SplitRow(tableLines[i]);
            if (SeparatorPattern().IsMatch(tableLines[i]))
            {
                if (i == 1 && rows.Count == 1 && header is null)
                {
                    header = rows[0];
                    rows.Clear();
                }

                continue;
            }

            rows.Add([.. cells.Select(ParseInline)]);
        }

        var columns = Math.Max(header?.Count ?? 0, rows.Count == 0 ? 0 : rows.Max(r => r.Count));
        IReadOnlyList<IReadOnlyList<InlineRun>> Pad(IReadOnlyList<IReadOnlyList<InlineRun>> row) =>
            row.Count >= columns ? row : [.. row, .. Enumerable.Repeat<IReadOnlyList<InlineRun>>([], columns - row.Count)];

        return new TableBlock(header is null ? null : Pad(header), [.. rows.Select(Pad)]);
    }

    private static List<string> SplitRow(string line)
    {
        var inner = line.Trim();
        inner = inner.StartsWith('|') ? inner[1..] : inner;
        inner = inner.EndsWith('|') ? inner[..^1] : inner;
        return [.. inner.Split('|').Select(c => c.Trim())];
    }

    /// <summary>Emphasis and citation marks of one paragraph, list item or cell.</summary>
    public List<InlineRun> ParseInline(string text)
    {
        var runs = new List<InlineRun>();
        var bold = false;
        var italic = false;
        var buffer = new StringBuilder();

        void Flush()
        {
            if (buffer.Length > 0)
            {
                runs.Add(new InlineRun(buffer.ToString(), bold, italic));
                buffer.Clear();
            }
        }

        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '[' && CitationPattern().Match(text, i) is { Success: true } citation && citation.Index == i)
            {
                // Drop the space before the mark so that "risk [P3]." reads "risk." in the participant's copy.
                while (buffer.Length > 0 && buffer[^1] == ' ')
                {
                    buffer.Length--;
                }

                if (annotated)
                {
                    Flush();
                    foreach (Match key in KeyPattern().Matches(citation.Value))
                    {
                        runs.Add(InlineRun.Note(NoteFor(key.Value).Number));
                    }
                }

                i += citation.Length;
                continue;
            }

            if (text[i] == '*' && i + 1 < text.Length && text[i + 1] == '*')
            {
                Flush();
                bold = !bold;
                i += 2;
                continue;
            }

            if (text[i] == '*' && (italic || (i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))))
            {
                Flush();
                italic = !italic;
                i++;
                continue;
            }

            buffer.Append(text[i]);
            i++;
        }

        Flush();
        // Collapse doubled spaces left by removed marks.
        return [.. runs.Select(r => r.NoteNumber is null ? r with { Text = MultiSpace().Replace(r.Text, " ") } : r).Where(r => r.Text.Length > 0)];
    }

    private ConsentNote NoteFor(string key)
    {
        if (_notes.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var citation = citations.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase));
        var text = citation is null
            ? $"Protocol passage {key} (its location was not recorded)."
            : $"Protocol {PageText(citation)}, {(string.IsNullOrWhiteSpace(citation.SectionPath) ? "untitled section" : citation.SectionPath)} [{citation.Key}].";
        var note = new ConsentNote(nextNoteNumber(), key.ToUpperInvariant(), text);
        _notes[key] = note;
        _orderedNotes.Add(note);
        return note;
    }

    private static string PageText(Citation c) =>
        c.PageEnd > c.PageStart
            ? string.Create(CultureInfo.InvariantCulture, $"pp. {c.PageStart}–{c.PageEnd}")
            : string.Create(CultureInfo.InvariantCulture, $"p. {c.PageStart}");

    public static string PlainText(IEnumerable<InlineRun> runs) => string.Concat(runs.Where(r => r.NoteNumber is null).Select(r => r.Text));

    [GeneratedRegex(@"^#{1,6}\s+(.*)$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^[-*•]\s+(.*)$")]
    private static partial Regex BulletPattern();

    [GeneratedRegex(@"^\d{1,3}[.)]\s+(.*)$")]
    private static partial Regex NumberedPattern();

    [GeneratedRegex(@"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")]
    private static partial Regex SeparatorPattern();

    [GeneratedRegex(@"\[P\d+(?:\s*[,;]\s*P\d+)*\]", RegexOptions.IgnoreCase)]
    private static partial Regex CitationPattern();

    [GeneratedRegex(@"P\d+", RegexOptions.IgnoreCase)]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@" {2,}")]
    private static partial Regex MultiSpace();
}
