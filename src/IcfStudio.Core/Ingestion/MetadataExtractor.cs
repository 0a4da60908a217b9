using System.Text.RegularExpressions;
using IcfStudio.Core.Profile;

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
        var protocolNumber = FirstMatch(pages, FrontPages, ProtocolNumberPattern(), m => TrimUnbalanced(m.Groups["value"].Value));
        var acronym = LabelledValue(pages, FrontPages, AcronymLabel(), multiLine: false) is { } labelled && AcronymShape().IsMatch(labelled.Value)
            ? labelled
            : TitleAcronymOf(title, pages, protocolNumber);

        return new StudyMetadata
        {
            Acronym = acronym,
            Title = title,
            ShortTitle = LabelledValue(pages, FrontPages, ShortTitleLabel(), multiLine: true),
            ProtocolNumber = protocolNumber,
            Version = FirstMatch(pages, FrontPages, VersionPattern(), m => m.Groups["value"].Value),
            VersionDate = FirstMatch(pages, FrontPages, VersionDatePattern(), m => m.Groups["date"].Value)
                ?? FirstMatch(pages, 1, AnyDatePattern(), m => m.Value),
            Sponsor = LabelledValue(pages, FrontPages, SponsorLabel(), multiLine: false, clean: CleanSponsor)
                ?? FirstMatch(pages, FrontPages, CompanyLine(), m => m.Groups["name"].Value.Split('\n')[^1])
                ?? FirstMatch(pages, FrontPages, CompanyMention(), m => m.Groups["name"].Value),
            Phase = PhaseOf(title, pages),
            NctId = OwnNctId(layout.Pages),
            PlannedParticipants = FirstMatch(pages, BodyPages, ParticipantsPattern(), m => m.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal), skip: AboutOtherStudies),
            Duration = FirstMatch(pages, BodyPages, DurationPattern(), m => m.Groups["d"].Value, skip: AboutOtherStudies),
        };
    }

    /// <summary>
    /// The acronym the title page gives the study: "CARDIO: A Randomized …", "The IMAGINE study: …", "… Arrest (THAPCA) Trial"
    /// (a parenthesised token that ends the title, so not an abbreviation defined inside it such as "System (TTS) in Patients"),
    /// or a lone upper-case line just before or after the title. Drug codes (three digits or more) and the protocol number are
    /// not acronyms; when unsure, none.
    /// </summary>
    private static MetadataField? TitleAcronymOf(MetadataField? title, IReadOnlyList<IReadOnlyList<string>> pages, MetadataField? protocolNumber)
    {
        if (title is null)
        {
            return null;
        }

        bool Plausible(string token) =>
            token.Count(char.IsDigit) < 3
            && token.Count(char.IsUpper) >= 3
            && !string.Equals(token, protocolNumber?.Value, StringComparison.OrdinalIgnoreCase)
            && !ProfileVocabulary.Default.NotAcronyms.Contains(token);

        foreach (var match in new[] { TitleAcronym().Match(title.Value), TitleEndAcronym().Match(title.Value) })
        {
            if (match.Success && Plausible(match.Groups["acronym"].Value))
            {
                return new MetadataField(match.Groups["acronym"].Value, title.Page);
            }
        }

        // The title page as one text: the acronym may follow the title on the next line.
        var page = (title.Page ?? 1) - 1;
        if (page < 0 || page >= pages.Count)
        {
            return null;
        }

        var lines = pages[page];
        var titleKey = Letters(title.Value);
        for (var i = 0; i < lines.Count; i++)
        {
            if (Letters(lines[i]).Length < 8 || !titleKey.Contains(Letters(lines[i]), StringComparison.Ordinal))
            {
                continue;
            }

            // The title's lines run from i; find where they end, then look at the line before and after it.
            var last = i;
            while (last + 1 < lines.Count && Letters(lines[last + 1]).Length > 0 && titleKey.Contains(Letters(lines[last + 1]), StringComparison.Ordinal))
            {
                last++;
            }

            foreach (var neighbour in new[] { last + 1 < lines.Count ? lines[last + 1] : null, i > 0 ? lines[i - 1] : null })
            {
                if (neighbour is not null && LoneAcronym().Match(neighbour) is { Success: true } lone && Plausible(lone.Groups["acronym"].Value))
                {
                    return new MetadataField(lone.Groups["acronym"].Value, page + 1);
                }
            }

            break;
        }

        return null;
    }

    /// <summary>
    /// The phase of this study: from the title, else a "Phase:" field, else the first mention on the front pages that is not in
    /// a sentence about other or earlier trials.
    /// </summary>
    private static MetadataField? PhaseOf(MetadataField? title, IReadOnlyList<IReadOnlyList<string>> pages)
    {
        if (title is not null && NormalizePhase(title.Value) is { } titlePhase)
        {
            return new MetadataField(titlePhase, title.Page);
        }

        return FirstMatch(pages, FrontPages * 2, PhaseLabel(), m => NormalizePhase("Phase " + m.Groups["value"].Value))
            ?? FirstMatch(pages, FrontPages * 2, PhasePattern(), m => NormalizePhase(m.Value), skip: AboutOtherStudies);
    }

    /// <summary>
    /// The study's own ClinicalTrials.gov number. Protocols also cite other trials' numbers (background, references), so a
    /// number counts only when a registration label stands before it ("ClinicalTrials.gov ID:", "NCT #:", "Registration")
    /// or it stands on a line of its own (a title-page field) in the first pages, never in a sentence about another study or
    /// a reference list. Found in the stored text only, so that it can be cited. Several labelled numbers: the one written most.
    /// </summary>
    internal static MetadataField? OwnNctId(IReadOnlyList<ProtocolPage> pages)
    {
        var candidates = new List<(string Id, int Page, int Score)>();
        var inReferences = false;
        foreach (var page in pages)
        {
            var lines = page.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = Clean(lines[i]);
                if (ReferencesHeading().IsMatch(line))
                {
                    inReferences = true;
                }
                else if (HeadingRules.TryParseNumbered(line, out _))
                {
                    inReferences = false;
                }

                foreach (Match match in NctPattern().Matches(line))
                {
                    var before = line[..match.Index];
                    var previous = i > 0 ? Clean(lines[i - 1]) : string.Empty;
                    var labelled = RegistrationLabel().IsMatch(before) || (before.Trim().Length == 0 && RegistrationLabel().IsMatch(previous) && previous.Length < 60);
                    var alone = line.Length - match.Length <= 12 && page.Number <= FrontPages;
                    if (inReferences || AboutOtherStudies(line) || (!labelled && !alone))
                    {
                        continue;
                    }

                    candidates.Add((match.Value, page.Number, labelled ? 2 : 1));
                }
            }
        }

        return candidates
            .GroupBy(c => c.Id)
            .OrderByDescending(g => g.Max(c => c.Score))
            .ThenByDescending(g => g.Count())
            .ThenBy(g => g.Min(c => c.Page))
            .Select(g => new MetadataField(g.Key, g.Min(c => c.Page)))
            .FirstOrDefault();
    }

    /// <summary>A sentence about other or earlier trials, or a literature reference: its numbers are not this study's.</summary>
    internal static bool AboutOtherStudies(string text) => ProfileVocabulary.Default.OtherStudyCue.IsMatch(text);

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

    private static MetadataField? FirstMatch(IReadOnlyList<IReadOnlyList<string>> pages, int maxPages, Regex pattern, Func<Match, string?> value, Func<string, bool>? skip = null)
    {
        for (var p = 0; p < Math.Min(maxPages, pages.Count); p++)
        {
            // Join the page so that values broken over two lines still match; the page is what we record.
            var text = string.Join('\n', pages[p]);
            foreach (Match match in pattern.Matches(text))
            {
                var v = value(match)?.Trim();
                if (!string.IsNullOrEmpty(v) && (skip is null || !skip(Quality.ProtocolText.SentenceAround(text, match.Index, match.Length))))
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
        // A value that starts as a label ("and Address:", "Contact:", "/ Address") is a label the pattern did not cover.
        if (SponsorLabelFragment().IsMatch(value) || value.EndsWith(':'))
        {
            return null;
        }

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

    [GeneratedRegex(@"^(?:\d|and\b|&|/|\(|address|name|contact|signature|signatory|representative|medical monitor|information|details|page\b)", RegexOptions.IgnoreCase)]
    private static partial Regex SponsorLabelFragment();

    [GeneratedRegex(@"^(?:Full |Official |Protocol |Study |Scientific )?(?:Study )?Title(?: of (?:the )?(?:Study|Protocol))?\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex TitleLabel();

    [GeneratedRegex(@"^(?:Short|Brief|Abbreviated|Lay|Public)(?: Study)? Title\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ShortTitleLabel();

    [GeneratedRegex(@"^(?:Study |Protocol |Trial )?Acronym\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex AcronymLabel();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9\-]{1,19}$")]
    private static partial Regex AcronymShape();

    // "CARDIO: A Randomized ..." or "The IMAGINE study: ..." — an upper-case word that opens the title.
    [GeneratedRegex(@"^(?:The\s+)?(?<acronym>[A-Z][A-Z0-9\-]{2,15})(?:\s*[:–—]|\s+-|\s+(?:study|trial)\b)\s*\S")]
    private static partial Regex TitleAcronym();

    // "… After Pediatric Cardiac Arrest (THAPCA) Trials", "… Hemorrhage (PRECISE)": a parenthesised token that ends the title.
    [GeneratedRegex(@"\((?<acronym>[A-Z][A-Za-z0-9\-]{2,15})\)\s*(?:(?:Study|Studies|Trial|Trials|Protocol)\s*)?[.:]?\s*$")]
    private static partial Regex TitleEndAcronym();

    // A line that is only an acronym ("GRACE-2", "(PRECISE)").
    [GeneratedRegex(@"^\(?(?<acronym>[A-Z][A-Z0-9]{2,12}(?:-[A-Z0-9]{1,4})?)\)?$")]
    private static partial Regex LoneAcronym();

    [GeneratedRegex(@"^(?:Study\s+|Trial\s+|Clinical\s+)?Phase\s*(?:of\s+(?:the\s+)?(?:Study|Trial)\s*)?:\s*(?:Phase\s*)?(?<value>(?:IV|III|II|I|[1-4])[abAB]?(?:\s*[/\-]\s*(?:IV|III|II|I|[1-4])[abAB]?)?)\b", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex PhaseLabel();

    [GeneratedRegex(@"^(?:\d+(?:\.\d+)*\.?\s+)?(?:References|Bibliography|Literature(?: Cited)?|Reference List)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ReferencesHeading();

    // "ClinicalTrials.gov ID:", "NCT #:", "NCT Number", "Trial Registration", "Registry Identifier", "Registered at".
    [GeneratedRegex(@"ClinicalTrials\.gov|\bNCT\s*(?:#|No\.?|Number|ID|Identifier)|\bRegist(?:ration|ry|ered)\b|\bIdentifier\s*:?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RegistrationLabel();

    // "Sponsor:", "Study Sponsor", "Sponsor Name and Address:", "Sponsor Name/Address:": the label with all its words.
    [GeneratedRegex(@"^(?:Study |Trial |Protocol |Regulatory )?Sponsor(?:ed by|'s)?(?:\s*(?:Name|Organi[sz]ation|Company|Address|Information|Details|Legal Name)(?:\s*(?:and|&|/)\s*(?:Address|Contact(?: Details)?))?)?\s*:?\s*(?=\S|$)", RegexOptions.IgnoreCase)]
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

    private const string Count = @"(?<n>\d{1,3}(?:,\d{3})+|\d{2,6})";
    private const string About = @"(?:(?:approximately|about|around|up\s+to|a\s+total\s+of|total\s+of|a\s+maximum\s+of|maximum\s+of|at\s+least|an\s+estimated|~)\s*)";
    private const string Who = @"(?:(?:adult|eligible|evaluable|male|female|pediatric|paediatric|healthy|Japanese|additional|new)\s+){0,2}(?:participants|patients|subjects|volunteers|children|infants|neonates|newborns|adolescents|women|men|individuals|people|persons|pregnant\s+women|mothers)";

    // "approximately 300 participants will be randomized", "up to 1095 children", "Planned enrollment: 120",
    // "enroll approximately 80 patients", "Sample size: 84".
    [GeneratedRegex(About + "?" + Count + @"\s+" + Who + @"(?:\s+[^.\n;]{0,60}?)?\s+(?:will\s+be|may\s+be|are\s+(?:planned|expected)\s+to\s+be|to\s+be|are\s+to\s+be|will)\s+(?:randomi[sz]ed|enrolled|enrol+ed|randomly\s+assigned|included|recruited|screened|participate|take\s+part)"
        + "|" + @"up\s+to\s+" + Count + @"\s+" + Who
        + "|" + @"\benrol+(?:ing|ment\s+of)?\s+" + About + Count + @"\s+" + Who
        + "|" + @"(?:Planned|Target|Total|Expected)\s+(?:enrol+ment|sample\s+size|number\s+of\s+(?:participants|patients|subjects))\s*[:=]?\s*" + About + "?" + Count
        + "|" + @"\bsample\s+size\s+(?:will\s+be|is|of)\s+" + About + "?" + Count + @"\s+" + Who
        + "|" + @"(?:Number\s+of\s+(?:participants|patients|subjects)|Sample\s+size)[^:\n]{0,40}:\s*" + About + "?" + Count, RegexOptions.IgnoreCase)]
    private static partial Regex ParticipantsPattern();

    private const string Span = @"(?<d>\d{1,3}(?:\s*(?:to|-|–)\s*\d{1,3})?\s+(?:weeks|months|days|years)|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four)\s+(?:weeks|months|days|years)|1\s+(?:week|month|day|year))";

    // "The duration of participation is approximately 12 weeks", "Participants will be in the study for up to 18 months",
    // "The total study duration for each participant will be 6 months", "Duration of participation: 52 weeks".
    [GeneratedRegex(@"(?:duration\s+of\s+(?:(?:the\s+)?study\s+)?participation|participation\s+duration|(?:study\s+)?duration\s+(?:of\s+(?:the\s+)?study\s+)?(?:for|per)\s+(?:each|an\s+individual|a|each\s+individual)?\s*(?:participant|patient|subject|child)s?|(?:participant|patient|subject|child)(?:'s|s')?\s+(?:total\s+)?(?:duration|participation)(?:\s+in\s+the\s+study)?)[^.\n:]{0,60}?(?:is|will\s+be|:|of|lasts?)\s*(?:approximately\s+|about\s+|up\s+to\s+|a\s+maximum\s+of\s+|around\s+)?" + Span
        + "|" + @"(?:participant|patient|subject|child)s?\s+will\s+(?:participate|be\s+(?:in|on|followed\s+in)\s+the\s+study|take\s+part|remain\s+in\s+the\s+study)\s+for\s+(?:approximately\s+|about\s+|up\s+to\s+|a\s+(?:total|maximum)\s+of\s+)?" + Span, RegexOptions.IgnoreCase)]
    private static partial Regex DurationPattern();
}
