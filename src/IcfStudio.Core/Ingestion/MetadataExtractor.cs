using System.Text.RegularExpressions;

namespace IcfStudio.Core.Ingestion;

/// <summary>
/// Finds study metadata in a protocol's text with labelled patterns ("Sponsor:", "Protocol Number:", "NCT01234567", ...).
/// Every value is copied from the text with the page it was found on; nothing is guessed.
/// </summary>
internal static partial class MetadataExtractor
{
    /// <summary>Title-page facts (title, sponsor, protocol number, version) are looked for on the first pages only.</summary>
    private const int FrontPages = 5;

    /// <summary>Counts and durations may sit in the synopsis or the design section.</summary>
    private const int BodyPages = 40;

    public static StudyMetadata Extract(ParsedLayout layout)
    {
        var pages = layout.RawPages.Select(p => (IReadOnlyList<string>)p.Split('\n').Select(Clean).Where(l => l.Length > 0).ToList()).ToList();
        // A "Title:" label on the title page beats the visual title; a label further on (a synopsis) does not.
        var labelledTitle = LabelledValue(pages, FrontPages, TitleLabel(), multiLine: true);
        var title = labelledTitle is { Page: 1 } && !(layout.TitleHint is { } hint && Letters(hint.Value).Contains(Letters(labelledTitle.Value), StringComparison.Ordinal))
            ? labelledTitle
            : layout.TitleHint ?? labelledTitle;
        var acronym = LabelledValue(pages, FrontPages, AcronymLabel(), multiLine: false) is { } labelled && AcronymShape().IsMatch(labelled.Value)
            ? labelled
            : title is not null && TitleAcronym().Match(title.Value) is { Success: true } fromTitle
                ? new MetadataField(fromTitle.Groups["acronym"].Value, title.Page)
                : null;

        var phase = title is not null && NormalizePhase(title.Value) is { } titlePhase
            ? new MetadataField(titlePhase, title.Page)
            : FirstMatch(pages, FrontPages * 2, PhasePattern(), m => NormalizePhase(m.Value));

        return new StudyMetadata
        {
            Acronym = acronym,
            Title = title,
            ShortTitle = LabelledValue(pages, FrontPages, ShortTitleLabel(), multiLine: true),
            ProtocolNumber = FirstMatch(pages, FrontPages, ProtocolNumberPattern(), m => TrimUnbalanced(m.Groups["value"].Value)),
            Version = FirstMatch(pages, FrontPages, VersionPattern(), m => m.Groups["value"].Value),
            VersionDate = FirstMatch(pages, FrontPages, VersionDatePattern(), m => m.Groups["date"].Value)
                ?? FirstMatch(pages, 1, AnyDatePattern(), m => m.Value),
            Sponsor = LabelledValue(pages, FrontPages, SponsorLabel(), multiLine: false, clean: CleanSponsor)
                ?? FirstMatch(pages, FrontPages, CompanyLine(), m => m.Groups["name"].Value)
                ?? FirstMatch(pages, FrontPages, CompanyMention(), m => m.Groups["name"].Value),
            Phase = phase,
            NctId = FirstMatch(pages, pages.Count, NctPattern(), m => m.Value),
            PlannedParticipants = FirstMatch(pages, BodyPages, ParticipantsPattern(), m => m.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal)),
            Duration = FirstMatch(pages, BodyPages, DurationPattern(), m => m.Groups["d"].Value),
        };
    }

    /// <summary>Drops trailing punctuation, and a closing parenthesis only when it closes nothing: "H2Q-MC-LZZT(c)" stays whole.</summary>
    private static string TrimUnbalanced(string value)
    {
        value = value.TrimEnd('.', ',', ';');
        return value.EndsWith(')') && value.Count(c => c == '(') < value.Count(c => c == ')') ? value[..^1] : value;
    }

    private static string Letters(string text) => new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>"Phase III" / "Phase 3" / "Phase II/III Trial" / "phase 1b" → "Phase 3", "Phase 2/3", "Phase 1b"; null when no phase is stated.</summary>
    public static string? NormalizePhase(string text)
    {
        var match = PhasePattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var first = Arabic(match.Groups["a"].Value) + match.Groups["sa"].Value.ToLowerInvariant();
        return match.Groups["b"].Success
            ? $"Phase {first}/{Arabic(match.Groups["b"].Value)}{match.Groups["sb"].Value.ToLowerInvariant()}"
            : $"Phase {first}";
    }

    private static string Arabic(string numeral) => numeral.ToUpperInvariant() switch
    {
        "I" => "1",
        "II" => "2",
        "III" => "3",
        "IV" => "4",
        var other => other,
    };

    /// <summary>Table cells and tab stops become " | " in PDF lines; for labels they are plain separators.</summary>
    private static string Clean(string line) => Spaces().Replace(line.Replace(" | ", "  ", StringComparison.Ordinal), " ").Trim();

    private static MetadataField? FirstMatch(IReadOnlyList<IReadOnlyList<string>> pages, int maxPages, Regex pattern, Func<Match, string?> value)
    {
        for (var p = 0; p < Math.Min(maxPages, pages.Count); p++)
        {
            // Join the page so that values broken over two lines still match; the page is what we record.
            var text = string.Join('\n', pages[p]);
            foreach (Match match in pattern.Matches(text))
            {
                var v = value(match)?.Trim();
                if (!string.IsNullOrEmpty(v))
                {
                    return new MetadataField(v, p + 1);
                }
            }
        }

        return null;
    }

    /// <summary>"Label: value" on one line, or the label alone on a line with the value on the next line(s).</summary>
    private static MetadataField? LabelledValue(IReadOnlyList<IReadOnlyList<string>> pages, int maxPages, Regex label, bool multiLine, Func<string, string?>? clean = null)
    {
        for (var p = 0; p < Math.Min(maxPages, pages.Count); p++)
        {
            var lines = pages[p];
            for (var i = 0; i < lines.Count; i++)
            {
                var match = label.Match(lines[i]);
                if (!match.Success)
                {
                    continue;
                }

                var parts = new List<string>();
                var rest = lines[i][match.Length..].Trim();
                if (rest.Length > 0)
                {
                    parts.Add(rest);
                }

                // Continue over wrapped lines until the next label ("Word(s):") or a blank-ish line.
                for (var j = i + 1; j < lines.Count && (parts.Count == 0 || multiLine) && parts.Count < 6; j++)
                {
                    var next = lines[j];
                    if (NextLabel().IsMatch(next) || HeadingRules.TryParseNumbered(next, out _))
                    {
                        break;
                    }

                    parts.Add(next);
                    if (!multiLine || next.EndsWith('.'))
                    {
                        break;
                    }
                }

                var value = string.Join(' ', parts).Trim();
                value = clean is null ? value : clean(value) ?? string.Empty;
                if (value.Length >= 2)
                {
                    return new MetadataField(value, p + 1);
                }
            }
        }

        return null;
    }

    private static string? CleanSponsor(string value)
    {
        // "Sponsor: Eli Lilly and Company, Lilly Corporate Center, Indianapolis" → the organisation's name.
        var name = value.Split([',', ';'], 2)[0].Trim();
        if (name.Length < 3 || name.Split(' ').Length > 10)
        {
            return null;
        }

        // Keep legal suffixes that follow a comma ("Acme Pharma, Inc.").
        var suffix = value.Length > name.Length + 1 ? LegalSuffix().Match(value[(name.Length + 1)..]) : Match.Empty;
        return suffix.Success ? $"{name}, {suffix.Groups["s"].Value.Trim()}" : name;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?:Full |Official |Protocol |Study |Scientific )?(?:Study )?Title(?: of (?:the )?(?:Study|Protocol))?\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex TitleLabel();

    [GeneratedRegex(@"^(?:Short|Brief|Abbreviated|Lay|Public)(?: Study)? Title\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ShortTitleLabel();

    [GeneratedRegex(@"^(?:Study |Protocol |Trial )?Acronym\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex AcronymLabel();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9\-]{1,19}$")]
    private static partial Regex AcronymShape();

    // "CARDIO: A Randomized ..." — an upper-case word before a colon at the start of the title.
    [GeneratedRegex(@"^(?<acronym>[A-Z][A-Z0-9\-]{2,15})\s*[:–—-]\s+\S")]
    private static partial Regex TitleAcronym();

    [GeneratedRegex(@"^(?:Study |Trial |Protocol )?Sponsor(?:ed by| Name| Organi[sz]ation)?\s*:?\s*(?=\S|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SponsorLabel();

    private const string CompanySuffix = @"(?:Inc\.?|Incorporated|Ltd\.?|Limited|LLC|GmbH|AG|plc|K\.K\.?|S\.A\.|N\.V\.|B\.V\.|Company|Corporation|Corp\.?|Pharmaceuticals|Pharma)";

    // A title-page line that is only a company name: "Eli Lilly Japan K.K", "Northwind Cardiac Research Inc.".
    [GeneratedRegex(@"^(?<name>[A-Z][\w&.'\-]*(?:,?\s+[A-Z&][\w&.'\-]*|\s+and|\s+of){0,6},?\s+" + CompanySuffix + @")\s*$", RegexOptions.Multiline)]
    private static partial Regex CompanyLine();

    // "Copyright © 2006 Eli Lilly and Company", "the property of Eli Lilly and Company".
    [GeneratedRegex(@"(?:Copyright\s*(?:©|\(c\))?\s*\d{4}\s+|property\s+of\s+)(?<name>[A-Z][\w&.'\-]*(?:\s+(?:[A-Z&][\w&.'\-]*|and|of)){0,6},?\s+" + CompanySuffix + ")", RegexOptions.IgnoreCase)]
    private static partial Regex CompanyMention();

    [GeneratedRegex(@"^(?<s>\s*(?:Inc\.?|Ltd\.?|LLC|L\.L\.C\.|GmbH|AG|S\.A\.|plc|K\.K\.?|Corp\.?))", RegexOptions.IgnoreCase)]
    private static partial Regex LegalSuffix();

    [GeneratedRegex(@"^[A-Z][A-Za-z /()\-]{1,40}:")]
    private static partial Regex NextLabel();

    [GeneratedRegex(@"\bPhase\s*(?<a>IV|III|II|I|[1-4])(?<sa>[abAB])?(?:\s*[/\-]\s*(?<b>IV|III|II|I|[1-4])(?<sb>[abAB])?)?(?![A-Za-z0-9])", RegexOptions.IgnoreCase)]
    private static partial Regex PhasePattern();

    [GeneratedRegex(@"NCT\d{8}")]
    private static partial Regex NctPattern();

    [GeneratedRegex(@"(?:Protocol|Study|Trial)\s*(?:Number|No\.?|ID|Identifier|Code)\s*[:#]?\s*(?<value>[A-Z0-9][A-Za-z0-9\-_/.()]{2,40})|^Protocol\s+(?<value>(?=[A-Z0-9\-]*\d)[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?:\([a-z]\))?)", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex ProtocolNumberPattern();

    [GeneratedRegex(@"(?:Protocol\s+)?Version(?:\s+(?:Number|No\.?))?\s*[:#]?\s*(?<value>\d{1,3}(?:\.\d{1,3}){0,2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex VersionPattern();

    private const string DateText = @"(?:\d{1,2}[\s\-](?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[\s\-,]+\d{4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})";

    [GeneratedRegex(@"(?:(?:Version|Protocol|Amendment|Approval|Effective|Issue|Release|Document)\s+)?Date(?:\s+of\s+(?:Protocol|Version|Issue))?\s*[:\-]?\s*(?<date>" + DateText + ")|Version\\s+\\d{1,3}(?:\\.\\d{1,3})*\\s*[,(\\-–]\\s*(?<date>" + DateText + ")", RegexOptions.IgnoreCase)]
    private static partial Regex VersionDatePattern();

    [GeneratedRegex(DateText, RegexOptions.IgnoreCase)]
    private static partial Regex AnyDatePattern();

    [GeneratedRegex(@"(?:(?:approximately|about|up to|a total of|total of|planned|target)\s+)?(?<n>\d{1,3}(?:,\d{3})+|\d{2,6})\s+(?:adult\s+|eligible\s+|male\s+|female\s+|Japanese\s+)?(?:participants|patients|subjects|volunteers)\s+(?:will\s+be|are\s+(?:planned|expected)\s+to\s+be|to\s+be|are\s+to\s+be)\s+(?:randomi[sz]ed|enrolled|randomly\s+assigned|included|recruited|screened)|(?:Planned|Target|Total)\s+(?:enrollment|sample\s+size|number\s+of\s+(?:participants|patients|subjects))\s*[:=]?\s*(?:approximately\s+|about\s+|up\s+to\s+)?(?<n>\d{1,3}(?:,\d{3})+|\d{2,6})|Number\s+of\s+(?:participants|patients|subjects)[^:\n]{0,40}:\s*(?:approximately\s+|about\s+|up\s+to\s+)?(?<n>\d{1,3}(?:,\d{3})+|\d{2,6})", RegexOptions.IgnoreCase)]
    private static partial Regex ParticipantsPattern();

    [GeneratedRegex(@"(?:duration\s+of\s+(?:study\s+)?participation|participation\s+duration|duration\s+(?:of\s+(?:the\s+)?study\s+)?for\s+(?:each\s+)?(?:participant|patient|subject)s?)[^.\n:]{0,60}?(?:is|will\s+be|:|of)\s*(?:approximately\s+|about\s+|up\s+to\s+)?(?<d>\d{1,3}\s+(?:weeks|months|days|years))|(?:participant|patient|subject)s?\s+will\s+(?:participate|be\s+in\s+the\s+study|take\s+part)\s+for\s+(?:approximately\s+|about\s+|up\s+to\s+)?(?<d>\d{1,3}\s+(?:weeks|months|days|years))", RegexOptions.IgnoreCase)]
    private static partial Regex DurationPattern();
}
