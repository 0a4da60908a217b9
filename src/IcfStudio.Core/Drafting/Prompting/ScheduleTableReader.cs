using System.Text.RegularExpressions;
using IcfStudio.Core.Ingestion;

namespace IcfStudio.Core.Drafting.Prompting;

/// <summary>
/// Reads a schedule-of-activities table from table rows as the parsers emit them (cells joined by " | ", empty cells
/// kept): a header row of visit names, optionally a timing row ("Day -28 to -1 | Day 1 | Week 2"), then procedure rows
/// with X marks. A "Research-only" column (Yes/No or a mark), or "(research only)" in a procedure's name, marks the
/// procedures done only for the study. Only the first such table is read, and anything that does not fit the shape
/// yields no visits rather than a guessed schedule.
/// </summary>
internal static partial class ScheduleTableReader
{
    private const int MaxTextLines = 2;

    public static IReadOnlyList<ScheduledVisit> Read(IEnumerable<string> lines)
    {
        string[]? header = null;
        string[]? timing = null;
        var visitColumns = new List<int>();
        var researchColumn = -1;
        var procedures = new List<(string Name, bool ResearchOnly, bool[] Done)>();
        var rejected = 0;
        var textLines = 0;
        foreach (var line in lines)
        {
            if (!line.Contains(" | ", StringComparison.Ordinal))
            {
                // A procedure name wrapped onto a line of its own; more than that ends the table.
                if (header is not null && procedures.Count > 0 && ++textLines > MaxTextLines)
                {
                    break;
                }

                continue;
            }

            textLines = 0;

            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            if (header is null)
            {
                if (TryHeader(cells, visitColumns, out researchColumn))
                {
                    header = cells;
                }

                continue;
            }

            if (cells.Length != header.Length)
            {
                if (procedures.Count > 0)
                {
                    break;
                }

                rejected++;
                continue;
            }

            // A header repeated on the next page, or a timing row under it.
            if (cells.SequenceEqual(header, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (timing is null && procedures.Count == 0 && visitColumns.Count(c => TimingCell().IsMatch(cells[c])) >= visitColumns.Count * 0.6)
            {
                timing = cells;
                continue;
            }

            var visitCells = visitColumns.Select(c => cells[c]).ToArray();
            if (cells[0].Length == 0 || !visitCells.All(c => c.Length == 0 || Mark().IsMatch(c)))
            {
                rejected++;
                continue;
            }

            var done = visitCells.Select(c => c.Length > 0).ToArray();
            if (!done.Any(d => d))
            {
                continue;
            }

            var name = Footnote().Replace(cells[0], string.Empty).Trim();
            var research = ResearchNote().IsMatch(cells[0])
                || (researchColumn >= 0 && (Yes().IsMatch(cells[researchColumn]) || Mark().IsMatch(cells[researchColumn])));
            procedures.Add((ResearchNote().Replace(name, string.Empty).Trim(), research, done));
        }

        // Too little, or more rows that do not fit than rows that do: not a schedule read with confidence.
        if (header is null || procedures.Count < 2 || rejected > procedures.Count)
        {
            return [];
        }

        var marksResearch = researchColumn >= 0 || procedures.Any(p => p.ResearchOnly);
        var visits = new List<ScheduledVisit>(visitColumns.Count);
        var empty = 0;
        for (var v = 0; v < visitColumns.Count; v++)
        {
            var column = visitColumns[v];
            var activities = procedures.Where(p => p.Done[v]).Select(p => p.Name).ToList();
            empty += activities.Count == 0 ? 1 : 0;
            var when = timing is null || timing[column].Length == 0 ? null : timing[column];
            visits.Add(new ScheduledVisit(
                header[column],
                when,
                activities,
                marksResearch ? procedures.Where(p => p.Done[v] && p.ResearchOnly).Select(p => p.Name).ToList() : null));
        }

        return empty * 2 > visits.Count ? [] : visits;
    }

    /// <summary>A header: a label column, then at least two visit names; other columns (research-only, notes) are allowed beside them.</summary>
    private static bool TryHeader(string[] cells, List<int> visitColumns, out int researchColumn)
    {
        visitColumns.Clear();
        researchColumn = -1;
        if (cells.Length < 3)
        {
            return false;
        }

        var others = 0;
        for (var c = 1; c < cells.Length; c++)
        {
            if (ResearchHeader().IsMatch(cells[c]))
            {
                researchColumn = c;
            }
            else if (VisitName().IsMatch(cells[c]))
            {
                visitColumns.Add(c);
            }
            else if (cells[c].Length > 0)
            {
                others++;
            }
        }

        return visitColumns.Count >= 2 && others <= visitColumns.Count / 3;
    }

    [GeneratedRegex(@"^(?:screening|baseline|day|week|wk|month|year|visit|v\d|follow|end\b|eot|eos|early|randomi[sz]ation|treatment|cycle|period|final|termination|discharge|check-in|admission|unscheduled|run-in|enrol|d-?\d)", RegexOptions.IgnoreCase)]
    internal static partial Regex VisitName();

    [GeneratedRegex(@"research", RegexOptions.IgnoreCase)]
    private static partial Regex ResearchHeader();

    [GeneratedRegex(@"^(?:(?:study\s+)?day|week|wk|month|year|hour|h|d|w|m)?\s*[-–+]?\d|\b(?:day|week|month|year|hour)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex TimingCell();

    [GeneratedRegex(@"^\(?[Xx✓✔•●]\)?(?:\s*[,*†‡§¶]?\s*[a-z0-9]{0,2}[,*†‡§¶]?)?$")]
    private static partial Regex Mark();

    [GeneratedRegex(@"^(?:yes|y)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Yes();

    [GeneratedRegex(@"\(?\s*research[- ]only\s*\)?", RegexOptions.IgnoreCase)]
    private static partial Regex ResearchNote();

    [GeneratedRegex(@"(?<=\p{L}|\))\s*[*†‡§¶]+$|(?<=\p{Ll}|\))\d{1,2}$")]
    private static partial Regex Footnote();
}
