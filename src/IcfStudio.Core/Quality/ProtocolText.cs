namespace IcfStudio.Core.Quality;

/// <summary>Reading study facts out of a protocol's running text.</summary>
internal static class ProtocolText
{
    /// <summary>The sentence (or list item) holding the match: from the previous full stop, semicolon or blank line to the next.</summary>
    public static string SentenceAround(string text, int index, int length)
    {
        const int reach = 300;
        var start = Math.Max(0, index - reach);
        var before = text[start..index];
        var cut = Math.Max(Math.Max(before.LastIndexOf(". ", StringComparison.Ordinal), before.LastIndexOf(".\n", StringComparison.Ordinal)),
            Math.Max(before.LastIndexOf(';'), before.LastIndexOf("\n\n", StringComparison.Ordinal)));
        var from = cut >= 0 ? start + cut + 1 : start;

        var end = Math.Min(text.Length, index + length + reach);
        var after = text[(index + length)..end];
        var stop = new[] { after.IndexOf(". ", StringComparison.Ordinal), after.IndexOf(".\n", StringComparison.Ordinal), after.IndexOf(';'), after.IndexOf("\n\n", StringComparison.Ordinal) }
            .Where(i => i >= 0)
            .DefaultIfEmpty(after.Length)
            .Min();
        return text[from..(index + length + stop)];
    }
}
