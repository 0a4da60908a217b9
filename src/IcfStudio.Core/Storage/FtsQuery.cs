using System.Text;
using System.Text.RegularExpressions;

namespace IcfStudio.Core.Storage;

/// <summary>
/// Turns arbitrary user text into a safe FTS5 MATCH expression: every term is quoted (so <c>"</c>, <c>AND(</c>, <c>*</c>, <c>NEAR</c>
/// are plain words or dropped) and terms are OR-ed so that BM25 ranks passages by how many query words they hold.
/// </summary>
internal static partial class FtsQuery
{
    private const int MaxTerms = 32;

    // Very common words carry no signal under BM25 but make the match set (and the query) large.
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it", "its",
        "of", "on", "or", "that", "the", "this", "to", "was", "were", "will", "with", "what", "which", "who", "how",
    };

    /// <summary>The MATCH expression, or null when the text holds no searchable word.</summary>
    public static string? Build(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var all = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in TermPattern().Matches(text))
        {
            if (seen.Add(match.Value))
            {
                all.Add(match.Value);
            }
        }

        var terms = all.Where(t => !StopWords.Contains(t)).ToList();
        if (terms.Count == 0)
        {
            terms = all;
        }

        if (terms.Count == 0)
        {
            return null;
        }

        var builder = new StringBuilder();
        foreach (var term in terms.Take(MaxTerms))
        {
            if (builder.Length > 0)
            {
                builder.Append(" OR ");
            }

            builder.Append('"').Append(term.ToLowerInvariant()).Append('"');
        }

        return builder.ToString();
    }

    // Letters and digits only, like the unicode61 tokenizer: anything else separates words and can never reach FTS5 syntax.
    [GeneratedRegex(@"[\p{L}\p{N}\p{Mn}]+")]
    private static partial Regex TermPattern();
}
