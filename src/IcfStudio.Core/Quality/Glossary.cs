using System.Text.Json;
using System.Text.RegularExpressions;

namespace IcfStudio.Core.Quality;

/// <summary>A term and its plain-language suggestion.</summary>
public sealed record GlossaryTerm(string Term, string Plain);

/// <summary>Flags technical terms with suggestions from Resources/Glossary/plain-language.json.</summary>
internal sealed class Glossary
{
    private sealed record GlossaryFile(IReadOnlyList<GlossaryTerm> Terms);

    private readonly IReadOnlyList<(GlossaryTerm Term, string FirstWord, Regex Pattern)> _terms;

    public Glossary(IReadOnlyList<GlossaryTerm> terms)
    {
        // Longest first, so "investigational product" wins over "investigational" in the same place.
        _terms = terms
            .OrderByDescending(t => t.Term.Length)
            .Select(t => (t, FirstWord(t.Term), new Regex(@"(?<![\p{L}-])" + Regex.Escape(t.Term).Replace(@"\ ", @"[\s-]+", StringComparison.Ordinal) + @"(?:s|es)?(?![\p{L}-])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))))
            .ToList();
    }

    public static Glossary Default { get; } = Load();

    public IReadOnlyList<GlossaryTerm> Terms => _terms.Select(t => t.Term).ToList();

    private static string FirstWord(string term)
    {
        var space = term.IndexOf(' ', StringComparison.Ordinal);
        return (space < 0 ? term : term[..space]).ToLowerInvariant();
    }

    /// <summary>Terms in the text, most frequent first, each with the first sentence that uses it.</summary>
    public IReadOnlyList<JargonHit> Find(IReadOnlyList<string> sentences, int max)
    {
        var hits = new List<JargonHit>();
        var lowered = sentences.Select(s => s.ToLowerInvariant()).ToList();
        foreach (var (term, firstWord, pattern) in _terms)
        {
            // Most terms are absent: a plain search for the term's first word rules them out without the pattern.
            if (!lowered.Any(s => s.Contains(firstWord, StringComparison.Ordinal)))
            {
                continue;
            }

            var count = 0;
            string? first = null;
            foreach (var sentence in sentences)
            {
                var matches = pattern.Matches(sentence).Count(m => !IsInsideLongerHit(hits, sentence, m));
                if (matches > 0)
                {
                    count += matches;
                    first ??= sentence;
                }
            }

            if (count > 0)
            {
                hits.Add(new JargonHit(term.Term, term.Plain, count, first!));
            }
        }

        return hits.OrderByDescending(h => h.Count).ThenBy(h => h.Term, StringComparer.Ordinal).Take(max).ToList();
    }

    // "investigational" inside "investigational product" is not reported twice.
    private static bool IsInsideLongerHit(List<JargonHit> hits, string sentence, Match match) =>
        hits.Any(h => h.Term.Length > match.Length &&
            h.Term.Contains(match.Value.TrimEnd('s'), StringComparison.OrdinalIgnoreCase) &&
            sentence.Contains(h.Term, StringComparison.OrdinalIgnoreCase));

    private static Glossary Load()
    {
        using var stream = ConsentElementCatalog.OpenResource("plain-language.json");
        var file = JsonSerializer.Deserialize<GlossaryFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("plain-language.json is empty.");
        return new Glossary(file.Terms);
    }
}
