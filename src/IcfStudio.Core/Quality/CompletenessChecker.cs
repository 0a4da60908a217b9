using System.Text;
using System.Text.RegularExpressions;
using IcfStudio.Core.Drafting;

namespace IcfStudio.Core.Quality;

/// <summary>A sentence (or heading) of a document with the section it belongs to.</summary>
internal sealed record TextUnit(string SectionId, string SectionTitle, string Text, bool IsHeading);

/// <summary>Decides for each consent element whether a document shows it, with the sentences that do.</summary>
internal static partial class CompletenessChecker
{
    public const string ClinicalTrialsGovId = "clinicaltrials_gov_statement";

    public static IReadOnlyList<TextUnit> Units(DraftSection section)
    {
        var units = new List<TextUnit> { new(section.SectionId, section.Title, section.Title, true) };
        foreach (var line in section.Content.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith('#'))
            {
                units.Add(new TextUnit(section.SectionId, section.Title, trimmed.TrimStart('#').Trim(), true));
            }
        }

        foreach (var sentence in Readability.SplitSentences(Readability.Clean(section.Content)))
        {
            foreach (var piece in Pieces(sentence))
            {
                units.Add(new TextUnit(section.SectionId, section.Title, piece, false));
            }
        }

        return units;
    }

    /// <summary>
    /// Text without sentence punctuation (tables, PDF blocks) can make one "sentence" thousands of characters long;
    /// cut it at spaces so patterns stay fast and evidence stays readable.
    /// </summary>
    private static IEnumerable<string> Pieces(string sentence)
    {
        const int MaxLength = 400;
        var start = 0;
        while (sentence.Length - start > MaxLength)
        {
            var cut = sentence.LastIndexOf(' ', start + MaxLength, MaxLength);
            if (cut <= start)
            {
                cut = start + MaxLength;
            }

            yield return sentence[start..cut].Trim();
            start = cut;
        }

        yield return sentence[start..].Trim();
    }

    /// <summary>Every element's status over the whole document.</summary>
    public static IReadOnlyList<ElementResult> Check(IReadOnlyList<DraftSection> sections, QualityFacts facts)
    {
        var units = sections.OrderBy(s => s.Order).SelectMany(Units).ToList();
        var fullText = string.Join("\n", sections.OrderBy(s => s.Order).Select(s => s.Content));
        return ElementRules.All.Select(rule => Evaluate(rule, units, fullText, facts)).ToList();
    }

    /// <summary>
    /// The elements one section shows (present), plus those the section is expected to show (its template's
    /// element ids) that it does not (missing). Other elements are left to the whole-draft check.
    /// </summary>
    public static IReadOnlyList<ElementResult> CheckSection(DraftSection section, QualityFacts facts, IReadOnlyCollection<string>? expectedElementIds)
    {
        var units = Units(section);
        var results = new List<ElementResult>();
        foreach (var rule in ElementRules.All)
        {
            var result = Evaluate(rule, units, section.Content, facts);
            var expected = expectedElementIds?.Contains(rule.Id) == true;
            if (result.Status == ElementStatus.Present || expected)
            {
                results.Add(result);
            }
        }

        return results;
    }

    private static ElementResult Evaluate(ElementRule rule, IReadOnlyList<TextUnit> units, string fullText, QualityFacts facts)
    {
        var element = ConsentElementCatalog.Get(rule.Id);
        var (applicability, reason) = rule.Applies(facts);
        var evidence = new List<ElementEvidence>();
        var missing = new List<string>();
        string? note = null;
        bool found;

        if (rule.Id == ClinicalTrialsGovId)
        {
            found = ContainsExactStatement(fullText, element.ExactText ?? "");
            var mentions = units.Where(u => !u.IsHeading && CtGovRegex().IsMatch(u.Text)).ToList();
            evidence.AddRange(mentions.Take(4).Select(u => new ElementEvidence(u.SectionId, u.SectionTitle, u.Text)));
            if (!found)
            {
                missing.Add("exact statement");
                note = mentions.Count > 0
                    ? "ClinicalTrials.gov is mentioned, but not with the statement required word for word"
                    : null;
            }
        }
        else
        {
            var titleUnit = rule.TitlePattern is null ? null : units.FirstOrDefault(u => u.IsHeading && rule.TitlePattern.IsMatch(u.Text));
            if (titleUnit is not null)
            {
                evidence.Add(new ElementEvidence(titleUnit.SectionId, titleUnit.SectionTitle, titleUnit.Text, "heading"));
            }

            foreach (var part in rule.Parts)
            {
                var counts = part.RequiredWhen?.Invoke(facts) ?? true;
                var unit = units.FirstOrDefault(u => !u.IsHeading && part.Pattern.IsMatch(u.Text));
                if (unit is not null)
                {
                    evidence.Add(new ElementEvidence(unit.SectionId, unit.SectionTitle, unit.Text, rule.Parts.Count > 1 ? part.Name : null));
                }
                else if (counts)
                {
                    missing.Add(part.Name);
                }
            }

            found = titleUnit is not null || (missing.Count == 0 && evidence.Count > 0);
        }

        var status = found
            ? ElementStatus.Present
            : applicability == Applicability.NotApplicable ? ElementStatus.NotApplicable : ElementStatus.Missing;
        if (status != ElementStatus.Present && missing.Count > 0 && evidence.Count > 0)
        {
            note ??= "partly covered; missing: " + string.Join(", ", missing);
        }

        return new ElementResult(element.Id, element.Citation, element.Requirement, status, applicability, reason,
            evidence, status == ElementStatus.Present ? [] : missing, note);
    }

    /// <summary>The 21 CFR 50.25(c) statement, tolerant only of case, spacing, punctuation, link syntax and http(s)/www.</summary>
    public static bool ContainsExactStatement(string text, string exact) =>
        exact.Length > 0 && Normalize(text).Contains(Normalize(exact), StringComparison.Ordinal);

    private static string Normalize(string text)
    {
        var withoutLinks = LinkRegex().Replace(Readability.Clean(text), "$1");
        withoutLinks = UrlPrefixRegex().Replace(withoutLinks, string.Empty);
        var builder = new StringBuilder(withoutLinks.Length);
        var space = false;
        foreach (var c in withoutLinks)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space)
            {
                builder.Append(' ');
                space = true;
            }
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"clinicaltrials\.gov", RegexOptions.IgnoreCase)]
    private static partial Regex CtGovRegex();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex LinkRegex();

    [GeneratedRegex(@"(?:https?://)?(?:www\.)?", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPrefixRegex();
}
