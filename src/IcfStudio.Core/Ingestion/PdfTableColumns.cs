using System.Text.RegularExpressions;

namespace IcfStudio.Core.Ingestion;

/// <summary>
/// Re-lays a PDF table's rows on one column grid so empty cells survive ("ECG | X |  | X"): the text layer has no
/// cells, only words at positions. The grid comes from the body rows (cells of a column overlap along the line), the
/// header row's labels are placed on it; a row then has one cell per column, like a DOCX or Markdown table row.
/// </summary>
internal static partial class PdfTableColumns
{
    private const int MinRows = 3;
    private const int MaxColumns = 40;
    private const int MaxInterruption = 3;

    /// <summary>Aligns every run of consecutive table rows on a page, in place; a run that yields no sensible grid is left as it was.</summary>
    public static void Align(List<PdfProtocolParser.PdfLine> lines)
    {
        List<Span>? grid = null;
        var gridEnd = 0;
        var i = 0;
        while (i < lines.Count)
        {
            if (lines[i].Words is null)
            {
                i++;
                continue;
            }

            var end = i + 1;
            while (end < lines.Count && lines[end].Words is not null)
            {
                end++;
            }

            // A row's label wrapped onto a line of its own interrupts the run: rows just after it keep the grid found above.
            if (grid is not null && i - gridEnd <= MaxInterruption && Fits(lines, i, end, grid))
            {
                Emit(lines, i, Rows(lines, i, end), grid);
                gridEnd = end;
            }
            else if (end - i >= MinRows && AlignRun(lines, i, end) is { } found)
            {
                grid = found;
                gridEnd = end;
            }

            i = end;
        }
    }

    private static List<List<Phrase>> Rows(List<PdfProtocolParser.PdfLine> lines, int from, int to)
    {
        var rows = new List<List<Phrase>>(to - from);
        for (var r = from; r < to; r++)
        {
            rows.Add(Phrases(lines[r]));
        }

        return rows;
    }

    /// <summary>Whether every cell of the rows lies in exactly one column of the grid, one cell a column (a row of its own layout does not).</summary>
    private static bool Fits(List<PdfProtocolParser.PdfLine> lines, int from, int to, List<Span> grid)
    {
        for (var r = from; r < to; r++)
        {
            var tolerance = lines[r].Size * 0.3;
            var used = new HashSet<int>();
            foreach (var phrase in Phrases(lines[r]))
            {
                var hits = 0;
                for (var c = 0; c < grid.Count; c++)
                {
                    if (phrase.Start < grid[c].End + tolerance && phrase.End > grid[c].Start - tolerance)
                    {
                        hits++;
                        if (!used.Add(c))
                        {
                            return false;
                        }
                    }
                }

                if (hits != 1)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static void Emit(List<PdfProtocolParser.PdfLine> lines, int from, List<List<Phrase>> rows, List<Span> columns)
    {
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = new string[columns.Count];
            foreach (var phrase in rows[r])
            {
                var c = Nearest(columns, phrase);
                cells[c] = cells[c] is null ? phrase.Text : cells[c] + " " + phrase.Text;
            }

            lines[from + r] = lines[from + r] with { Text = string.Join(" | ", cells.Select(c => c ?? string.Empty)) };
        }
    }

    /// <summary>Aligns a run on the grid of its rows; null (and the run left as it was) when no sensible grid is found.</summary>
    private static List<Span>? AlignRun(List<PdfProtocolParser.PdfLine> lines, int from, int to)
    {
        var rows = Rows(lines, from, to);

        // Body rows fix the grid: their cells sit inside their columns. Header labels may be wider than their column.
        var columns = Merge(rows.Skip(1).SelectMany(p => p), lines[from].Size);
        if (columns.Count < 2)
        {
            return null;
        }

        var header = SplitOverflow(rows[0], columns);
        foreach (var phrase in header.Where(p => !columns.Any(c => Overlaps(c, p))))
        {
            columns.Add(new Span(phrase.Start, phrase.End));
        }

        columns.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        if (columns.Count > MaxColumns || columns.Count < CellCount(lines[from].Text))
        {
            return null;
        }

        rows[0] = header;
        Emit(lines, from, rows, columns);
        return columns;
    }

    /// <summary>Words joined into cell texts: words closer than about half a letter height belong to one cell.</summary>
    private static List<Phrase> Phrases(PdfProtocolParser.PdfLine line)
    {
        var phrases = new List<Phrase>();
        var joinGap = line.Size * 0.6;
        foreach (var word in line.Words!)
        {
            if (word.Text.Length == 0)
            {
                continue;
            }

            if (phrases.Count > 0 && word.Start - phrases[^1].End <= joinGap)
            {
                var last = phrases[^1];
                phrases[^1] = new Phrase(last.Text + " " + word.Text, last.Start, Math.Max(last.End, word.End));
            }
            else
            {
                phrases.Add(new Phrase(word.Text, word.Start, word.End));
            }
        }

        return phrases;
    }

    /// <summary>Columns: the union of the body cells' extents along the line, split where no cell of any row reaches.</summary>
    private static List<Span> Merge(IEnumerable<Phrase> phrases, double size)
    {
        var columns = new List<Span>();
        foreach (var phrase in phrases.OrderBy(p => p.Start))
        {
            if (columns.Count > 0 && phrase.Start <= columns[^1].End + (size * 0.3))
            {
                columns[^1] = columns[^1] with { End = Math.Max(columns[^1].End, phrase.End) };
            }
            else
            {
                columns.Add(new Span(phrase.Start, phrase.End));
            }
        }

        return columns;
    }

    /// <summary>
    /// A header label running into the next column's label with no space ("Week 52Research-only", an overflowing cell) is
    /// split where a number meets a word, when it covers two columns.
    /// </summary>
    private static List<Phrase> SplitOverflow(List<Phrase> header, List<Span> columns)
    {
        var result = new List<Phrase>(header.Count);
        foreach (var phrase in header)
        {
            var m = NumberThenWord().Match(phrase.Text);
            if (!m.Success || columns.Count(c => Overlaps(c, phrase)) < 2)
            {
                result.Add(phrase);
                continue;
            }

            // Positions along the phrase in proportion to its letters: close enough to pick the nearest column.
            var cut = phrase.Start + ((phrase.End - phrase.Start) * m.Index / phrase.Text.Length);
            result.Add(new Phrase(phrase.Text[..m.Index], phrase.Start, cut));
            result.Add(new Phrase(phrase.Text[m.Index..], cut, phrase.End));
        }

        return result;
    }

    private static bool Overlaps(Span column, Phrase phrase) => phrase.Start < column.End && phrase.End > column.Start;

    private static int Nearest(List<Span> columns, Phrase phrase)
    {
        var center = (phrase.Start + phrase.End) / 2;
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var c = 0; c < columns.Count; c++)
        {
            var distance = center < columns[c].Start ? columns[c].Start - center : center > columns[c].End ? center - columns[c].End : 0;
            if (distance < bestDistance)
            {
                best = c;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static int CellCount(string text) => text.Split(" | ").Length;

    private readonly record struct Phrase(string Text, double Start, double End);

    private readonly record struct Span(double Start, double End);

    [GeneratedRegex(@"(?<=\d)(?=\p{Lu}\p{L}{2,})")]
    private static partial Regex NumberThenWord();
}
