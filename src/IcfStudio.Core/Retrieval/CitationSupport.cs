using System.Text;
using System.Text.RegularExpressions;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Retrieval;

/// <summary>The characters [Start, End) of a stored protocol page's text.</summary>
public sealed record PageRange(int Page, int Start, int End);

/// <summary>What a citation points at for one draft sentence.</summary>
/// <param name="Page">The page holding the best supporting sentence (most of its words, when it runs over a page break).</param>
/// <param name="Sentences">The sentences of the cited passage that support the draft sentence, best first.</param>
/// <param name="Highlights">Where those sentences are on the stored pages, whole words; empty when the pages do not hold them.</param>
public sealed record CitationSupport(
    long ChunkId,
    string DocumentId,
    string SectionPath,
    int PageStart,
    int PageEnd,
    int Page,
    IReadOnlyList<string> Sentences,
    IReadOnlyList<PageRange> Highlights);

/// <summary>
/// Finds which sentences of a cited passage support the draft sentence that carries the citation (a quotation of the
/// passage first, else the most shared distinctive words), and where they are on the protocol's pages.
/// </summary>
internal static partial class CitationSupportFinder
{
    /// <summary>Other sentences are highlighted too when they support the draft sentence nearly as well as the best.</summary>
    private const double CloseScore = 0.8;
    private const int MaxSentences = 3;

    // Noise the page text may hold between two words of a passage sentence: a footer and header over a page break, a footnote mark.
    private const int MaxSkippedPageWords = 24;

    /// <returns>Null when the study has no such chunk.</returns>
    public static async Task<CitationSupport?> FindAsync(IStudyStore store, string studyId, long chunkId, string? draftSentence, CancellationToken cancellationToken)
    {
        if (await store.FindChunkAsync(studyId, chunkId, cancellationToken) is not { } chunk)
        {
            return null;
        }

        var pages = new List<StoredPage>();
        for (var number = chunk.PageStart; number <= Math.Max(chunk.PageStart, chunk.PageEnd); number++)
        {
            if (await store.GetPageAsync(studyId, number, chunk.DocumentId, cancellationToken) is { } page)
            {
                pages.Add(page);
            }
        }

        return Find(chunk, pages, draftSentence);
    }

    public static CitationSupport Find(ChunkHit chunk, IReadOnlyList<StoredPage> pages, string? draftSentence)
    {
        var sentences = PassageSentences(chunk.Text, chunk.SectionPath);
        var chosen = Choose(sentences, draftSentence);
        var stream = pages.SelectMany(p => Words(p.Text).Select(w => new PageWord(w.Key, p.Number, w.Start, w.End))).ToList();
        var highlights = new List<PageRange>();
        var page = 0;
        foreach (var sentence in chosen)
        {
            if (Locate(stream, [.. Words(sentence).Select(w => w.Key)]) is not { } found)
            {
                continue;
            }

            if (page == 0)
            {
                page = found.Page;
            }

            highlights.AddRange(found.Ranges.Select(r => r with { End = WithClosingPunctuation(pages, r) }));
        }

        return new CitationSupport(
            chunk.ChunkId,
            chunk.DocumentId,
            chunk.SectionPath,
            chunk.PageStart,
            chunk.PageEnd,
            page == 0 ? chunk.PageStart : page,
            chosen,
            [.. highlights.OrderBy(h => h.Page).ThenBy(h => h.Start)]);
    }

    /// <summary>
    /// The passage's sentences: its lines (blocks) joined where one continues the previous (over a page break it starts in
    /// lower case), split at sentence ends; the heading line that opens a chunk is left out when there is more.
    /// </summary>
    internal static IReadOnlyList<string> PassageSentences(string text, string sectionPath)
    {
        var lines = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (lines.Count > 0 && char.IsLower(line[0]))
            {
                lines[^1] = $"{lines[^1]} {line}";
            }
            else
            {
                lines.Add(line);
            }
        }

        var heading = sectionPath.Split(" > ").LastOrDefault()?.Trim();
        if (lines.Count > 1 && string.Equals(lines[0], heading, StringComparison.OrdinalIgnoreCase))
        {
            lines.RemoveAt(0);
        }

        var sentences = new List<string>();
        foreach (var line in lines)
        {
            var start = 0;
            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] is not ('.' or '!' or '?') || i + 1 >= line.Length || !char.IsWhiteSpace(line[i + 1]))
                {
                    continue;
                }

                var next = i + 1;
                while (next < line.Length && char.IsWhiteSpace(line[next]))
                {
                    next++;
                }

                // "e.g. aspirin", "Dr. Lee", a list number ("1. Adults"): not an end.
                if ((next < line.Length && char.IsLower(line[next])) || (line[i] == '.' && Readability.IsAbbreviation(line, i)) || i - start <= 3)
                {
                    continue;
                }

                Add(sentences, line[start..(i + 1)]);
                start = next;
            }

            Add(sentences, line[start..]);
        }

        return sentences;

        static void Add(List<string> list, string sentence)
        {
            sentence = sentence.Trim();
            if (sentence.Any(char.IsLetterOrDigit))
            {
                list.Add(sentence);
            }
        }
    }

    /// <summary>The supporting sentences, best first: one the draft sentence quotes, else those sharing its most distinctive words.</summary>
    internal static IReadOnlyList<string> Choose(IReadOnlyList<string> sentences, string? draftSentence)
    {
        if (sentences.Count == 0)
        {
            return [];
        }

        if (string.IsNullOrWhiteSpace(draftSentence))
        {
            return [sentences[0]];
        }

        var sentenceWords = sentences.Select(s => Words(s).Select(w => w.Key).ToList()).ToList();
        foreach (Match quote in Quotation().Matches(draftSentence))
        {
            var quoted = Words(quote.Groups["q"].Value).Select(w => w.Key).ToList();
            if (quoted.Count >= 3 && sentenceWords.FindIndex(words => ContainsRun(words, quoted)) is var quotedIndex and >= 0)
            {
                return [sentences[quotedIndex]];
            }
        }

        var keys = sentenceWords.Select(words => words.Where(IsContentWord).Select(Stem).ToHashSet(StringComparer.Ordinal)).ToList();
        var wanted = Words(draftSentence).Select(w => w.Key).Where(IsContentWord).Select(Stem).ToHashSet(StringComparer.Ordinal);
        var frequency = keys.SelectMany(k => k).GroupBy(k => k, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        // Words shared with the draft sentence, weighted by how rare they are in the passage (numbers count double: they are
        // what a citation most often backs); a long sentence does not win on length alone.
        var scores = keys.Select(k =>
        {
            var shared = k.Where(wanted.Contains).Sum(w => Math.Log(1 + ((double)sentences.Count / frequency[w])) * (char.IsDigit(w[0]) ? 2 : 1));
            return shared / Math.Pow(Math.Max(k.Count, 4), 0.3);
        }).ToList();
        var best = scores.Max();
        if (best <= 0)
        {
            return [sentences[0]];
        }

        return [.. Enumerable.Range(0, sentences.Count)
            .Where(i => scores[i] >= best * CloseScore)
            .OrderByDescending(i => scores[i])
            .ThenBy(i => i)
            .Take(MaxSentences)
            .Select(i => sentences[i])];
    }

    /// <summary>
    /// Where a sentence's words are in the pages' words, in order, tolerating a few page words between them (a running
    /// line, a footnote mark) and a few words the page spells otherwise (a word hyphenated over a line).
    /// </summary>
    private static Located? Locate(List<PageWord> stream, List<string> words)
    {
        if (words.Count == 0)
        {
            return null;
        }

        var maxMisses = Math.Max(1, words.Count / 5);
        var needed = (int)Math.Ceiling(words.Count * 0.6);
        (int Matched, List<int> Hits)? best = null;
        for (var start = 0; start < stream.Count; start++)
        {
            var lead = words.IndexOf(stream[start].Key);
            if (lead < 0 || lead > maxMisses)
            {
                continue;
            }

            var hits = new List<int> { start };
            var misses = lead;
            var p = start + 1;
            for (var i = lead + 1; i < words.Count && misses <= maxMisses; i++)
            {
                var found = -1;
                for (var q = p; q < stream.Count && q <= p + MaxSkippedPageWords; q++)
                {
                    if (stream[q].Key == words[i])
                    {
                        found = q;
                        break;
                    }
                }

                if (found < 0)
                {
                    misses++;
                    continue;
                }

                hits.Add(found);
                p = found + 1;
            }

            // Most words matched; of equals, the tightest (a shared first word further up would otherwise win).
            if (hits.Count >= needed && misses <= maxMisses
                && (best is null || hits.Count > best.Value.Matched || (hits.Count == best.Value.Matched && hits[^1] - hits[0] < best.Value.Hits[^1] - best.Value.Hits[0])))
            {
                best = (hits.Count, hits);
            }
        }

        if (best is not { } match)
        {
            return null;
        }

        // Per page, from its first to its last matched word: noise between the parts (a footer, a header) stays out.
        var ranges = match.Hits.Select(h => stream[h])
            .GroupBy(w => w.Page)
            .Select(g => new PageRange(g.Key, g.Min(w => w.Start), g.Max(w => w.End)))
            .ToList();
        var page = match.Hits.GroupBy(h => stream[h].Page).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        return new Located(page, ranges);
    }

    /// <summary>A range's end moved past the punctuation that closes its last word (the full stop, a closing bracket or quote).</summary>
    private static int WithClosingPunctuation(IReadOnlyList<StoredPage> pages, PageRange range)
    {
        var text = pages.First(p => p.Number == range.Page).Text;
        var end = range.End;
        while (end < text.Length && text[end] is '.' or '!' or '?' or ')' or ']' or '"' or '\'' or '”' or '’' or ';' or ':' or ',' or '%')
        {
            end++;
        }

        return end;
    }

    private static bool ContainsRun(List<string> words, List<string> run)
    {
        for (var i = 0; i + run.Count <= words.Count; i++)
        {
            if (words.Skip(i).Take(run.Count).SequenceEqual(run, StringComparer.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Words (letters and digits) with their positions; keys are compatibility-normalized and lower case ("ﬁ" is "fi").</summary>
    private static IEnumerable<(string Key, int Start, int End)> Words(string text)
    {
        foreach (Match m in Word().Matches(text))
        {
            yield return (m.Value.Normalize(NormalizationForm.FormKC).ToLowerInvariant(), m.Index, m.Index + m.Length);
        }
    }

    private static bool IsContentWord(string word) => char.IsDigit(word[0]) || (word.Length >= 3 && !StopWords.Contains(word));

    /// <summary>A crude stem: common English endings off, then at most six letters ("randomized", "randomly": "random").</summary>
    private static string Stem(string word)
    {
        if (char.IsDigit(word[0]))
        {
            return word;
        }

        foreach (var suffix in Suffixes)
        {
            if (word.Length - suffix.Length >= 4 && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                word = word[..^suffix.Length];
                break;
            }
        }

        return word.Length > 6 ? word[..6] : word;
    }

    private static readonly string[] Suffixes = ["izations", "ization", "ations", "ation", "ments", "ment", "ings", "ing", "ized", "ised", "ies", "ied", "ed", "es", "ly", "s"];

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "are", "was", "were", "will", "with", "that", "this", "from", "have", "has", "had", "been", "being",
        "not", "but", "you", "your", "our", "they", "them", "their", "its", "may", "can", "also", "any", "all", "each", "who",
        "which", "what", "when", "where", "how", "than", "then", "there", "these", "those", "such", "into", "onto", "about",
        "after", "before", "during", "over", "under", "between", "other", "more", "most", "some", "only", "per", "would",
        "should", "could", "must", "shall", "does", "did", "done", "his", "her", "him", "she", "one", "out", "use", "used",
    };

    private readonly record struct PageWord(string Key, int Page, int Start, int End);

    private sealed record Located(int Page, IReadOnlyList<PageRange> Ranges);

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+")]
    private static partial Regex Word();

    [GeneratedRegex(@"[""“«](?<q>[^""”»]{8,})[""”»]")]
    private static partial Regex Quotation();
}
