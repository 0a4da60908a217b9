namespace SampleProtocolGenerator;

internal enum ElementKind
{
    Title,
    Heading1,
    Heading2,
    Paragraph,
    Bullet,
    Numbered,
    TableRow,
}

/// <summary>One element of the sample's Markdown source. Table rows keep their cells.</summary>
internal sealed record Element(ElementKind Kind, string Text, IReadOnlyList<string> Cells);

/// <summary>Reads the small Markdown subset the sample protocol uses: #, ##, paragraphs, "-" and "1." lists, pipe tables.</summary>
internal static class SampleMarkdown
{
    public static List<Element> Read(string path)
    {
        var elements = new List<Element>();
        var paragraph = new List<string>();

        void Flush()
        {
            if (paragraph.Count > 0)
            {
                elements.Add(new Element(ElementKind.Paragraph, string.Join(' ', paragraph), []));
                paragraph.Clear();
            }
        }

        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                Flush();
                continue;
            }

            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Flush();
                elements.Add(new Element(ElementKind.Heading2, line[3..], []));
            }
            else if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                Flush();
                elements.Add(new Element(elements.Count == 0 ? ElementKind.Title : ElementKind.Heading1, line[2..], []));
            }
            else if (line.StartsWith('|'))
            {
                Flush();
                var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToList();
                if (!cells.All(c => c.Length > 0 && c.All(ch => ch is '-' or ':')))
                {
                    elements.Add(new Element(ElementKind.TableRow, string.Join(" | ", cells), cells));
                }
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                Flush();
                elements.Add(new Element(ElementKind.Bullet, line[2..], []));
            }
            else if (line.Length > 2 && char.IsDigit(line[0]) && line.IndexOf(". ", StringComparison.Ordinal) is > 0 and < 3)
            {
                Flush();
                elements.Add(new Element(ElementKind.Numbered, line, []));
            }
            else
            {
                paragraph.Add(line);
            }
        }

        Flush();
        return elements;
    }

    /// <summary>Top-level sections that start on a new page, so the sample has a realistic page count.</summary>
    public static bool StartsNewPage(Element element) =>
        element.Kind == ElementKind.Heading1
        && (element.Text == "Synopsis" || element.Text.StartsWith("1 ", StringComparison.Ordinal) || element.Text.StartsWith("4 ", StringComparison.Ordinal)
            || element.Text.StartsWith("6 ", StringComparison.Ordinal) || element.Text.StartsWith("8 ", StringComparison.Ordinal)
            || element.Text.StartsWith("10 ", StringComparison.Ordinal));
}
