using System.Text;

namespace IcfStudio.Core.Ingestion;

/// <summary>
/// Finds running headers and footers: lines near the top or bottom of a page that repeat on most pages.
/// Digits are masked before comparing so that "Page 3 of 40" matches "Page 4 of 40".
/// </summary>
internal static class RunningLineFilter
{
    /// <summary>How many lines at the top and at the bottom of a page are header/footer candidates.</summary>
    private const int ZoneLines = 3;

    /// <summary>Returns, per page, the indexes of lines to drop.</summary>
    public static IReadOnlyList<HashSet<int>> Find(IReadOnlyList<IReadOnlyList<string>> pages)
    {
        var result = new HashSet<int>[pages.Count];
        for (var i = 0; i < pages.Count; i++)
        {
            result[i] = [];
        }

        if (pages.Count < 2)
        {
            return result;
        }

        // Count, per masked line, on how many pages it occurs in a top or bottom zone (once per page).
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var keysPerPage = new List<(int Index, string Key)>[pages.Count];
        for (var p = 0; p < pages.Count; p++)
        {
            var lines = pages[p];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var keys = new List<(int, string)>();
            foreach (var index in ZoneIndexes(lines.Count))
            {
                var key = Mask(lines[index]);
                if (key.Length == 0)
                {
                    continue;
                }

                keys.Add((index, key));
                if (seen.Add(key))
                {
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }

            keysPerPage[p] = keys;
        }

        var threshold = Math.Max(2, (int)Math.Ceiling(pages.Count * 0.5));
        for (var p = 0; p < pages.Count; p++)
        {
            foreach (var (index, key) in keysPerPage[p])
            {
                if (counts[key] >= threshold || IsPageNumber(key))
                {
                    result[p].Add(index);
                }
            }
        }

        return result;
    }

    private static IEnumerable<int> ZoneIndexes(int count)
    {
        for (var i = 0; i < Math.Min(ZoneLines, count); i++)
        {
            yield return i;
        }

        for (var i = Math.Max(ZoneLines, count - ZoneLines); i < count; i++)
        {
            yield return i;
        }
    }

    /// <summary>A line that is only a page number: "#", "- # -", "page #", "page # of #", "# of #" after masking.</summary>
    private static bool IsPageNumber(string key) =>
        key is "#" or "- # -" or "page #" or "page # of #" or "# of #" or "# / #" or "#/#" or "p. #";

    internal static string Mask(string line)
    {
        var builder = new StringBuilder(line.Length);
        var lastWasSpace = true;
        var lastWasDigit = false;
        foreach (var c in line)
        {
            if (char.IsDigit(c))
            {
                if (!lastWasDigit)
                {
                    builder.Append('#');
                }

                lastWasDigit = true;
                lastWasSpace = false;
                continue;
            }

            lastWasDigit = false;
            if (char.IsWhiteSpace(c) || c == '|')
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
            lastWasSpace = false;
        }

        return builder.ToString().Trim();
    }
}
