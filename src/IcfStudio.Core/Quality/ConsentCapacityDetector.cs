using System.Text.RegularExpressions;
using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Quality;

/// <summary>
/// Whether a study may enrol adults who cannot consent for themselves, so that a legally authorized representative signs
/// (21 CFR 50.27(a), 45 CFR 46.117). Many protocols name a representative only in boilerplate ("the participant or his/her
/// legally authorized representative will sign…"), so such a mention alone leaves the fact unknown; it becomes true on a
/// statement about impaired capacity, surrogate/proxy/next-of-kin consent, or a representative in an inclusion criterion,
/// and false on an eligibility rule that participants must consent themselves.
/// </summary>
internal static partial class ConsentCapacityDetector
{
    public const string FactName = "adultsUnableToConsent";

    private enum Context
    {
        None,
        Inclusion,
        Exclusion,
    }

    /// <summary>How far back an "Inclusion/Exclusion criteria" heading still governs a sentence (about two pages of criteria).</summary>
    private const int CriteriaReach = 6000;

    private const int MaxQuote = 160;

    public static (bool? Value, string? Reason) Detect(StudyRecord? study, string protocolText)
    {
        string? positive = null;
        string? negative = null;
        string? mention = null;
        var larDefined = LarDefinition().IsMatch(protocolText);

        void Consider(string sentence, Context context)
        {
            var (verdict, quote) = Judge(sentence, context, larDefined);
            switch (verdict)
            {
                case > 0: positive ??= quote; break;
                case < 0: negative ??= quote; break;
                case 0 when quote is not null: mention ??= quote; break;
                default: break;
            }
        }

        // The structured criteria (USDM) carry their context for sure; the protocol text only by the nearest heading.
        foreach (var criterion in study?.Facts?.InclusionCriteria ?? [])
        {
            Consider(criterion, Context.Inclusion);
        }

        foreach (var criterion in study?.Facts?.ExclusionCriteria ?? [])
        {
            Consider(criterion, Context.Exclusion);
        }

        foreach (Match match in AnyCue().Matches(protocolText))
        {
            if (match.Value.Equals("LAR", StringComparison.OrdinalIgnoreCase) && (match.Value != "LAR" || !larDefined))
            {
                // "LAR" is also "long-acting release" (octreotide LAR): only an abbreviation the protocol defines counts.
                continue;
            }

            Consider(ProtocolText.SentenceAround(protocolText, match.Index, match.Length), ContextAt(protocolText, match.Index));
        }

        return positive is not null
            ? (true, $"protocol: \"{positive}\"")
            : negative is not null
                ? (false, $"protocol: \"{negative}\"")
                : mention is not null
                    ? (null, $"protocol names a legal representative only in general consent wording (\"{mention}\"); set the fact if adults unable to consent may enrol")
                    : (null, null);
    }

    /// <summary>+1: such adults may enrol; -1: they may not; 0 with a quote: a representative is only mentioned; 0 without: nothing.</summary>
    private static (int Verdict, string? Quote) Judge(string sentence, Context context, bool larDefined)
    {
        var text = Whitespace().Replace(sentence, " ").Trim();
        var excluding = context == Context.Exclusion || ExclusionWords().IsMatch(text);
        var representative = Representative().Match(text);
        if (!representative.Success && larDefined)
        {
            representative = LarWord().Match(text);
        }

        if (Incapacity().Match(text) is { Success: true } incapacity)
        {
            return (excluding ? -1 : 1, Quote(text, incapacity));
        }

        if (SurrogateConsent().Match(text) is { Success: true } surrogate)
        {
            return (excluding || Refusal().IsMatch(text) ? -1 : 1, Quote(text, surrogate));
        }

        if (representative.Success)
        {
            if (!excluding && (context == Context.Inclusion || CapacityWords().IsMatch(text)))
            {
                return (1, Quote(text, representative));
            }

            return (0, Quote(text, representative));
        }

        if (SelfConsent().Match(text) is { Success: true } self && !NotAble().IsMatch(text[..self.Index]))
        {
            return (-1, Quote(text, self));
        }

        return (0, null);
    }

    private static Context ContextAt(string text, int index)
    {
        var start = Math.Max(0, index - CriteriaReach);
        var last = CriteriaHeading().Matches(text[start..index]).LastOrDefault();
        return last is null ? Context.None
            : last.Groups[1].Value.StartsWith('e') || last.Groups[1].Value.StartsWith('E') ? Context.Exclusion : Context.Inclusion;
    }

    /// <summary>The words around the cue, at most <see cref="MaxQuote"/> characters, for the fact's reason.</summary>
    private static string Quote(string text, Match cue)
    {
        if (text.Length <= MaxQuote)
        {
            return text;
        }

        var from = Math.Clamp(cue.Index - ((MaxQuote - cue.Length) / 2), 0, text.Length - MaxQuote);
        return (from > 0 ? "…" : "") + text.Substring(from, MaxQuote).Trim() + (from + MaxQuote < text.Length ? "…" : "");
    }

    /// <summary>Finds the sentences worth judging; <see cref="Judge"/> then reads each whole.</summary>
    [GeneratedRegex(@"legally\s+(?:authori[sz]ed|acceptable)\s+representative|legal\s+representative|\bLAR\b|capacity|incapa|unable\s+to|inability\s+to|not\s+(?:be\s+)?able\s+to|surrogate|proxy|next[\s-]+of[\s-]+kin|able\s+to\s+(?:give|provide|sign)|capable\s+of|exception\s+from\s+informed\s+consent", RegexOptions.IgnoreCase)]
    private static partial Regex AnyCue();

    [GeneratedRegex(@"representatives?\s*\(\s*LARs?\s*\)")]
    private static partial Regex LarDefinition();

    [GeneratedRegex(@"legally\s+(?:authori[sz]ed|acceptable)\s+representatives?|\blegal\s+representatives?", RegexOptions.IgnoreCase)]
    private static partial Regex Representative();

    /// <summary>The abbreviation, in capitals and only where the protocol defines it ("long-acting release" is also LAR).</summary>
    [GeneratedRegex(@"\bLARs?\b")]
    private static partial Regex LarWord();

    /// <summary>Statements that a participant lacks capacity: enrolment of such adults unless the sentence excludes them.</summary>
    [GeneratedRegex(@"\b(?:unable|not\s+(?:be\s+)?able|incapable)\s+(?:to|of)\s+(?:provide|providing|give|giving|sign|signing)\s+(?:(?:their|his\s+or\s+her|his/her|own|written|signed|valid)\s+)*(?:informed\s+)?consent|\b(?:unable|not\s+able)\s+to\s+consent|\binability\s+to\s+(?:provide|give|sign)?\s*(?:(?:written|signed)\s+)?(?:informed\s+)?consent|\bimpaired\s+(?:decision[\s-]+making\s+)?capacity|\b(?:lacks?|lacking|lack\s+of|without)\s+(?:the\s+)?(?:decision[\s-]+making\s+)?capacity|\bincapacitated\b|\bcannot\s+(?:provide\s+|give\s+)?(?:informed\s+)?consent\s+for\s+(?:themselves|himself|herself)", RegexOptions.IgnoreCase)]
    private static partial Regex Incapacity();

    [GeneratedRegex(@"\b(?:surrogate|proxy|next[\s-]+of[\s-]+kin|deferred)\s+(?:informed\s+)?consent|\bconsent\s+(?:\w+\s+){0,4}?(?:from|by)\s+(?:the\s+|a\s+)?(?:\w+'s\s+)?(?:next[\s-]+of[\s-]+kin|surrogate|proxy)\b|\bexception\s+from\s+informed\s+consent\b", RegexOptions.IgnoreCase)]
    private static partial Regex SurrogateConsent();

    [GeneratedRegex(@"\b(?:not\s+(?:be\s+)?(?:accepted|permitted|allowed|used)|no\s+(?:surrogate|proxy))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Refusal();

    [GeneratedRegex(@"\b(?:unable|incapable|inability|incapacit\w*|lacks?\s+(?:the\s+)?(?:decision|capacity)|impaired|cognitive(?:ly)?\s+impair\w*|dementia|unconscious|sedated|cannot\s+(?:consent|provide|give|sign)|decision[\s-]+making\s+capacity|on\s+(?:their|his|her|the\s+participant's|the\s+patient's)\s+behalf)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CapacityWords();

    /// <summary>A rule that participants consent themselves ("must be able to provide informed consent").</summary>
    [GeneratedRegex(@"\b(?:able|capable)\s+(?:to|of)\s+(?:give|giving|provide|providing|sign|signing|understand\w*\s+and\s+sign)\s+(?:(?:their|his\s+or\s+her|his/her|own|written|signed|valid)\s+)*(?:informed\s+)?consent", RegexOptions.IgnoreCase)]
    private static partial Regex SelfConsent();

    /// <summary>"not" just before "able": the self-consent rule turned round.</summary>
    [GeneratedRegex(@"\bnot\s+(?:be\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex NotAble();

    [GeneratedRegex(@"\bexclu(?:ded|de|des|sion)\b|\bnot\s+(?:be\s+)?(?:eligible|enrolled|included|randomi[sz]ed)\b|\bineligible\b|\bmay\s+not\s+(?:take\s+part|participate|enrol)", RegexOptions.IgnoreCase)]
    private static partial Regex ExclusionWords();

    [GeneratedRegex(@"\b(inclusion|exclusion)\s+criteri", RegexOptions.IgnoreCase)]
    private static partial Regex CriteriaHeading();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
