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
        var tableRows = new HashSet<string>(StringComparer.Ordinal);
        var pages = layout.RawPages.Select(p => (IReadOnlyList<string>)p.Split('\n').Select(l => CleanRow(l, tableRows)).Where(l => l.Length > 0).ToList()).ToList();
        // A "Title:" label on the title page beats the visual title; a label further on (a synopsis) does not.
        var labelledTitle = LabelledValue(pages, tableRows, FrontPages, TitleLabel(), multiLine: true, clean: CleanTitle, before: true);
        var visualTitle = layout.TitleHint is { } hint && CleanTitle(hint.Value) is not null ? hint : null;
        var title = labelledTitle is { Page: 1 } && !(visualTitle is not null && Letters(visualTitle.Value).Contains(Letters(labelledTitle.Value), StringComparison.Ordinal))
            ? labelledTitle
            : visualTitle ?? FirstLongTitleLine(pages) ?? labelledTitle;
        title = title is null ? null : CompletedTitle(title, pages);
        var protocolNumber = FirstMatch(pages, FrontPages, ProtocolNumberPattern(), m => CleanProtocolNumber(m.Groups["value"].Value));
        var acronym = LabelledValue(pages, tableRows, FrontPages, AcronymLabel(), multiLine: false) is { } labelled && AcronymShape().IsMatch(labelled.Value)
            ? labelled
            : TitleAcronymOf(title, pages, protocolNumber);

        // Values are read from the raw pages (running lines included); each copied value is then cited on a stored page
        // that holds it, so a date read from a dropped footer cites the page where the text states it, or is none.
        var stored = layout.Pages.Select(p => Spaces().Replace(p.Text.Replace(" | ", " ", StringComparison.Ordinal), " ")).ToList();
        MetadataField? Cited(MetadataField? field)
        {
            if (field is null)
            {
                return null;
            }

            var value = Spaces().Replace(field.Value, " ");
            bool On(int page) => page >= 1 && page <= stored.Count && stored[page - 1].Contains(value, StringComparison.Ordinal);
            if (field.Page is { } p && On(p))
            {
                return field;
            }

            var other = Enumerable.Range(1, Math.Min(BodyPages, stored.Count)).FirstOrDefault(On);
            return other > 0 ? field with { Page = other } : null;
        }

        return new StudyMetadata
        {
            Acronym = Cited(acronym),
            Title = Cited(title),
            ShortTitle = Cited(LabelledValue(pages, tableRows, FrontPages, ShortTitleLabel(), multiLine: true)),
            ProtocolNumber = Cited(protocolNumber),
            Version = Cited(FirstMatch(pages, FrontPages, VersionPattern(), m => m.Groups["value"].Value)),
            VersionDate = Cited(LatestVersionDate(pages, 1)
                ?? FirstMatch(pages, 1, AnyDatePattern(), m => m.Value)
                ?? LatestVersionDate(pages, FrontPages)),
            Sponsor = Cited(LabelledValue(pages, tableRows, FrontPages, SponsorLabel(), multiLine: false, clean: CleanSponsor, before: true)
                ?? FirstMatch(pages, FrontPages, CompanyLine(), m => m.Groups["name"].Value.Split('\n')[^1])
                ?? FirstMatch(pages, FrontPages, CompanyMention(), m => Spaces().Replace(m.Groups["name"].Value, " "))
                ?? LabelledValue(pages, tableRows, FrontPages, FunderLabel(), multiLine: false, clean: CleanSponsor)),
            Phase = PhaseOf(title, pages),
            NctId = OwnNctId(layout.Pages),
            PlannedParticipants = FirstMatch(pages, BodyPages, ParticipantsPattern(), m => CountValue(m.Groups["n"].Value), skip: AboutOtherStudies),
            Duration = Cited(FirstMatch(pages, BodyPages, DurationPattern(), m => m.Groups["d"].Value, skip: AboutOtherStudies)),
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
            ?? FirstMatch(pages, FrontPages, PhaseNotApplicable(), _ => "Not applicable")
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
    private static MetadataField? LabelledValue(IReadOnlyList<IReadOnlyList<string>> pages, IReadOnlySet<string> tableRows, int maxPages, Regex label, bool multiLine, Func<string, string?>? clean = null, bool before = false)
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
                var tableRow = tableRows.Contains(lines[i]);
                if (rest.Length > 0)
                {
                    parts.Add(rest);
                }

                // In a label | value table the label cell is centred against its value, so the value may start on the line
                // above: an organisation above an address is the value; a title that opens there is not one quotable run of
                // text, so this label gives none.
                if (before && tableRow && i > 0 && !IsLabel(lines[i - 1]) && !lines[i - 1].EndsWith('.'))
                {
                    var above = lines[i - 1];
                    if (multiLine && ArticleStart().IsMatch(above))
                    {
                        continue;
                    }

                    if (!multiLine && rest.Length > 0 && char.IsDigit(rest[0]) && !above.Any(char.IsDigit) && above.Split(' ').Length <= 8)
                    {
                        parts = [above];
                    }
                }

                // Continue over wrapped lines until the next label ("Word(s):"), a heading or boilerplate. A table row's value
                // continues only where the text plainly runs on (lower-case start, or a line ending in a connecting word).
                for (var j = i + 1; j < lines.Count && (parts.Count == 0 || multiLine) && parts.Count < 8; j++)
                {
                    var next = lines[j];
                    if (IsLabel(next) || HeadingRules.TryParseNumbered(next, out _) || Boilerplate().IsMatch(next)
                        || (tableRow && parts.Count > 0 && !char.IsLower(next[0]) && !RunsOn().IsMatch(parts[^1]) && !EndsCell(lines, j)))
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

    private static bool IsLabel(string line) => NextLabel().IsMatch(line);

    /// <summary>
    /// A short last line of a wrapped table cell ("… with APOL1 / Kidney Disease") is followed by the next row's label with a
    /// worded value; a line followed by a label whose value is an address (starts with a digit) is that row's centred value.
    /// </summary>
    private static bool EndsCell(IReadOnlyList<string> lines, int j) =>
        lines[j].Split(' ').Length <= 4
        && j + 1 < lines.Count
        && NextLabel().Match(lines[j + 1]) is { Success: true } label
        && lines[j + 1][label.Length..].TrimStart() is { Length: > 0 } value
        && char.IsLetter(value[0]);

    /// <summary>"Title | A Study of …" (a two-cell table row) reads as "Title: A Study of …"; other cell breaks are spaces.</summary>
    private static string CleanRow(string line, HashSet<string> tableRows)
    {
        var cut = line.IndexOf(" | ", StringComparison.Ordinal);
        if (cut > 0 && LabelCell().IsMatch(line[..cut].Trim()))
        {
            var label = line[..cut].Trim().TrimEnd(':');
            var row = Clean($"{label}: {line[(cut + 3)..]}");
            tableRows.Add(row);
            return row;
        }

        return Clean(line);
    }

    /// <summary>A title has words, starts a sentence (not the tail of a wrapped cell), is not a label line, a document-type heading or a notice; otherwise none.</summary>
    private static string? CleanTitle(string value)
    {
        value = value.Trim();
        return value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 4 || char.IsLower(value[0]) || LabelInside().IsMatch(value) || DocumentHeading().IsMatch(value) || Boilerplate().IsMatch(value)
            ? null
            : value;
    }

    /// <summary>
    /// Without a label or a large-font title: the first run of long lines on the title page that reads as a study title
    /// ("A Randomized …", "An Open-label … Trial to Evaluate …"), up to the next label.
    /// </summary>
    private static MetadataField? FirstLongTitleLine(IReadOnlyList<IReadOnlyList<string>> pages)
    {
        if (pages.Count == 0)
        {
            return null;
        }

        var lines = pages[0];
        for (var i = 0; i < lines.Count; i++)
        {
            if (!ArticleStart().IsMatch(lines[i]) || lines[i].Split(' ').Length < 5 || IsLabel(lines[i]) || Boilerplate().IsMatch(lines[i]))
            {
                continue;
            }

            var parts = new List<string> { lines[i] };
            for (var j = i + 1; j < lines.Count && parts.Count < 6 && !IsLabel(lines[j]) && !LabelInside().IsMatch(lines[j]) && !Boilerplate().IsMatch(lines[j]) && !parts[^1].EndsWith('.'); j++)
            {
                parts.Add(lines[j]);
            }

            // A sentence ("The trial will be conducted in compliance with …") is not a title.
            var text = string.Join(' ', parts);
            return StudyWord().IsMatch(text) && !text.EndsWith('.') && !FiniteVerb().IsMatch(text) && CleanTitle(text) is { } title ? new MetadataField(title, 1) : null;
        }

        return null;
    }

    /// <summary>
    /// A running header can cut a title short ("… a pilot randomized"); when the same or the next page prints it in full
    /// ("… a pilot randomized / controlled trial"), the full one.
    /// </summary>
    private static MetadataField CompletedTitle(MetadataField title, IReadOnlyList<IReadOnlyList<string>> pages)
    {
        var key = Letters(title.Value);
        var first = (title.Page ?? 1) - 1;
        for (var page = Math.Max(first, 0); page < Math.Min(first + 2, pages.Count); page++)
        {
            if (Complete(pages[page], page) is { } full)
            {
                return full;
            }
        }

        return title;

        MetadataField? Complete(IReadOnlyList<string> lines, int page)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var run = lines[i];
                var j = i + 1;
                while (j < lines.Count && Letters(run).Length < key.Length && key.StartsWith(Letters(run + lines[j]), StringComparison.Ordinal))
                {
                    run += " " + lines[j++];
                }

                if (Letters(run) == key && j < lines.Count && lines[j].Length > 0 && char.IsLower(lines[j][0]) && lines[j].Split(' ').Length <= 6 && !IsLabel(lines[j]))
                {
                    return new MetadataField(run + " " + lines[j], page + 1);
                }
            }

            return null;
        }
    }

    /// <summary>"MDS-21/NCT01234567" (a protocol number with the registration appended) → "MDS-21"; placeholders ("TBD") are no number.</summary>
    private static string? CleanProtocolNumber(string value)
    {
        value = TrimUnbalanced(value);
        var nct = value.IndexOf("/NCT", StringComparison.OrdinalIgnoreCase);
        value = nct > 0 ? value[..nct] : value;
        return value.Any(char.IsDigit) ? value : null;
    }

    /// <summary>
    /// The date of the current version: title pages list the original and each revision ("Date:", "Revised Date:",
    /// "Amendment 3 | 31 Aug 2021", "v. 8 2 Dec 2021"), so the latest labelled date on the first page that has one; dates
    /// tied to a version or amendment beat a bare "Date:" (a running footer's), and a list that ends the page runs on at the
    /// top of the next.
    /// </summary>
    private static MetadataField? LatestVersionDate(IReadOnlyList<IReadOnlyList<string>> pages, int maxPages)
    {
        for (var p = 0; p < Math.Min(maxPages, pages.Count); p++)
        {
            var dates = VersionDates(pages[p], p + 1);
            if (dates.Count == 0)
            {
                continue;
            }

            // The last lines: a page number or footer may follow the list.
            if (pages[p].TakeLast(3).Any(VersionDatePattern().IsMatch) && p + 1 < pages.Count)
            {
                dates.AddRange(VersionDates(pages[p + 1].Take(12).ToList(), p + 2));
            }

            var preferred = dates.Any(d => d.Versioned) ? dates.Where(d => d.Versioned).ToList() : dates;
            var latest = preferred.Where(d => d.When is not null).OrderByDescending(d => d.When).FirstOrDefault();
            var chosen = latest.Text is null ? preferred[0] : latest;
            return new MetadataField(chosen.Text!, chosen.Page);
        }

        return null;
    }

    private static List<(string? Text, DateOnly? When, bool Versioned, int Page)> VersionDates(IReadOnlyList<string> lines, int page) =>
        VersionDatePattern().Matches(string.Join('\n', lines))
            .Select(m => ((string?)m.Groups["date"].Value, ParseDate(m.Groups["date"].Value), VersionedDate().IsMatch(m.Value), page))
            .ToList();

    private static DateOnly? ParseDate(string text)
    {
        var normalised = Spaces().Replace(text.Replace('-', ' ').Replace(",", " ", StringComparison.Ordinal).Replace(".", " ", StringComparison.Ordinal), " ").Trim();
        normalised = MonthDigits().Replace(normalised, "$1 $2");
        string[] formats = ["d MMM yyyy", "d MMMM yyyy", "MMM d yyyy", "MMMM d yyyy", "yyyy MM dd", "d MMM yy"];
        if (normalised.Contains("Sept ", StringComparison.OrdinalIgnoreCase))
        {
            normalised = normalised.Replace("Sept ", "Sep ", StringComparison.OrdinalIgnoreCase);
        }

        return DateOnly.TryParseExact(normalised, formats, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AllowWhiteSpaces, out var d) ? d : null;
    }

    /// <summary>"1,200" → "1200"; "Seventy-five" / "two hundred and ten" → "75" / "210"; a word that is no count → null.</summary>
    internal static string? CountValue(string text)
    {
        if (text.Length > 0 && char.IsDigit(text[0]))
        {
            return text.Replace(",", "", StringComparison.Ordinal);
        }

        string[] units = ["zero", .. Units.Split('|')];
        string[] teens = Teens.Split('|');
        string[] tens = ["", "", .. Tens.Split('|')];
        var total = 0;
        foreach (var word in text.ToLowerInvariant().Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word == "and")
            {
                continue;
            }

            if (word == "hundred")
            {
                total *= 100;
            }
            else if (Array.IndexOf(units, word) is var u and > 0)
            {
                total += u;
            }
            else if (Array.IndexOf(teens, word) is var t and >= 0)
            {
                total += 10 + t;
            }
            else if (Array.IndexOf(tens, word) is var n and > 1)
            {
                total += 10 * n;
            }
            else
            {
                return null;
            }
        }

        return total > 1 ? total.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
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

    // "Title:", "Protocol Title:", "Full Protocol Title:", "Official Study Title:", "Project Name:" (academic projects).
    [GeneratedRegex(@"^(?:(?:Full|Official|Complete|Scientific|Protocol|Study|Trial|Project|Clinical)\s+){0,3}Title(?:\s+of\s+(?:the\s+)?(?:Study|Protocol|Trial|Project))?\s*[:：]\s*|^(?:Project|Study|Trial)\s+Name\s*[:：]\s*(?=(?:\S+\s+){4})", RegexOptions.IgnoreCase)]
    private static partial Regex TitleLabel();

    [GeneratedRegex(@"^(?:Short|Brief|Abbreviated|Lay|Public)(?:\s+(?:Study|Protocol|Trial))?\s+Title\s*[:：]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex ShortTitleLabel();

    // "Funded by:", "Funding:", "Funding Source:" — the funder stands in for the sponsor only when no sponsor is named.
    [GeneratedRegex(@"^(?:Funded\s+by|Funding(?:\s+(?:Source|Agency|Organi[sz]ation))?|Funder)\s*[:：]?\s*(?=\S)", RegexOptions.IgnoreCase)]
    private static partial Regex FunderLabel();

    // A table's label cell: a few words, no digits ("Title", "Study Sponsor", "Protocol Version and Date", "Brief title:").
    [GeneratedRegex(@"^[A-Z][A-Za-z/()&'’\- ]{1,40}:?$")]
    private static partial Regex LabelCell();

    // A label with a value inside a line ("Revised Protocol No.: 04", "Date: 19-Mar-2015"): such a line is not a title.
    [GeneratedRegex(@"\b(?:No|Number|Date|Version|Identifier|Phase|Sponsor)\.?\s*[:：]", RegexOptions.IgnoreCase)]
    private static partial Regex LabelInside();

    // "Clinical Protocol", "Clinical Trial Protocol for Medical Device", "Study Protocol": the document's kind, not its title.
    [GeneratedRegex(@"^(?:(?:Clinical|Study|Trial|Research|Investigation(?:al)?|Master|Amended|Final)\s+){0,3}(?:Protocol|Plan)(?:\s+(?:for|of)\s+(?:an?\s+)?(?:\w+\s+){0,3}\w+)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DocumentHeading();

    // Confidentiality notices and similar print that follows a title block.
    [GeneratedRegex(@"^(?:This\s+(?:document|protocol)|The\s+(?:information|contents?)\s|Confidential|©|Copyright|Proprietary|Medical\s+monitor\s+name)|\bconfidential\s+information\b", RegexOptions.IgnoreCase)]
    private static partial Regex Boilerplate();

    [GeneratedRegex(@"\b(?:will|shall|must|should|is|are|was|were|has|have)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FiniteVerb();

    [GeneratedRegex(@"^(?:An?|The)\s+\S")]
    private static partial Regex ArticleStart();

    // A line that plainly runs on: ends with a connecting word, a comma or a hyphen.
    [GeneratedRegex(@"(?:\b(?:of|and|or|in|with|for|to|on|at|by|the|a|an|versus|vs\.?|from|after|among|plus|either)|[,\-/–])\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RunsOn();

    [GeneratedRegex(@"\b(?:study|trial|evaluat\w*|investigation|comparison|assess\w*|efficacy|safety)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StudyWord();

    [GeneratedRegex(@"Version|Amendment|\bv\.?\s*\d", RegexOptions.IgnoreCase)]
    private static partial Regex VersionedDate();

    [GeneratedRegex(@"([A-Za-z])(\d{4})$")]
    private static partial Regex MonthDigits();

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

    // "Phase: Not applicable", "Study Phase: N/A" (device and observational studies state that they have no phase).
    [GeneratedRegex(@"^(?:Study\s+|Trial\s+|Clinical\s+)?Phase\s*[:：]\s*(?:Not\s+applicable|N/A|NA)\b", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex PhaseNotApplicable();

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
    [GeneratedRegex(@"(?:Copyright\s*(?:©|\(c\))?\s*\d{4}\s+|property\s+of\s+|proprietary\s+information\s+of\s+)(?<name>[A-Z][\w&.'\-]*(?:\s+(?:[A-Z&][\w&.'\-]*|and|of)){0,6},?\s+" + CompanySuffix + ")", RegexOptions.IgnoreCase)]
    private static partial Regex CompanyMention();

    [GeneratedRegex(@"^(?<s>\s*(?:Inc\.?|Ltd\.?|LLC|L\.L\.C\.|GmbH|AG|S\.A\.|plc|K\.K\.?|Corp\.?))", RegexOptions.IgnoreCase)]
    private static partial Regex LegalSuffix();

    [GeneratedRegex(@"^[A-Z][A-Za-z /()\-]{1,60}:")]
    private static partial Regex NextLabel();

    [GeneratedRegex(@"\bPhase\s*(?<a>IV|III|II|I|[1-4])(?<sa>[abAB])?(?:\s*[/\-]\s*(?<b>IV|III|II|I|[1-4])(?<sb>[abAB])?)?(?![A-Za-z0-9])", RegexOptions.IgnoreCase)]
    private static partial Regex PhasePattern();

    [GeneratedRegex(@"NCT\d{8}")]
    private static partial Regex NctPattern();

    [GeneratedRegex(@"(?:Protocol|Study|Trial|Project)\s*(?:Number\b|No\b\.?|Identifier\b|ID\b|Code\b)\s*[:#：]?\s*(?<value>[A-Z0-9][A-Za-z0-9\-_/.()]{2,40})|^Protocol\s+(?<value>(?=[A-Z0-9\-]*\d)[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?:\([a-z]\))?)", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex ProtocolNumberPattern();

    [GeneratedRegex(@"(?:Protocol\s+)?Version(?:\s+(?:Number|No\.?))?(?:\s+and\s+Date)?\s*[:#：]?\s*V?(?<value>\d{1,3}(?:\.\d{1,3}){0,2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex VersionPattern();

    private const string DateText = @"(?:\d{1,2}[\s\-](?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[\s\-,]*\d{4}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})";

    // "Version Date: 07/06/2022", "Revised Date: 21-Aug-2018", "Version 1 (6-July2023)", "V1.0/ May 26, 2022",
    // "Amendment 3: 31 Aug 2021", "v. 8 2 Dec 2021".
    [GeneratedRegex(@"(?:(?:Version|Protocol|Amendment|Approval|Effective|Issue|Release|Document|Revised|Revision)\s+)?Date(?:\s+of\s+(?:Protocol|Version|Issue))?\s*[:：\-]?\s*(?<date>" + DateText + @"|\d{1,2}/\d{1,2}/\d{4})"
        + @"|\bV(?:ersion|\.)?\s*\d{1,3}(?:\.\d{1,3})*\s*[,(\-–/:]?\s*(?<date>" + DateText + ")"
        + @"|^(?:Original\s+Protocol|Amendment\s+\d{1,2}(?:\.\d)?(?:\s*\([A-Z]{2,3}\))?)\s*:?\s*(?<date>" + DateText + ")", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex VersionDatePattern();

    [GeneratedRegex(DateText, RegexOptions.IgnoreCase)]
    private static partial Regex AnyDatePattern();

    private const string Tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
    private const string Units = "one|two|three|four|five|six|seven|eight|nine";
    private const string Teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";

    // "1,200", "84", or a count in words that opens a sentence: "Seventy-five", "Seventy five", "Twelve", "Two hundred".
    private const string Count = @"(?<n>\d{1,3}(?:,\d{3})+|\d{2,6}|(?<![A-Za-z])(?:(?:" + Units + @")\s+hundred(?:\s+(?:and\s+)?)?)?(?:(?:" + Tens + @")(?:[\s\-](?:" + Units + @"))?|" + Teens + @")|(?:" + Units + @")\s+hundred)";
    private const string About = @"(?:(?:approximately|about|around|up\s+to|a\s+total\s+of|total\s+of|a\s+maximum\s+of|maximum\s+of|at\s+least|an\s+estimated|~)\s*)";
    private const string Who = @"(?:(?:adult|eligible|evaluable|male|female|pediatric|paediatric|healthy|Japanese|additional|new)\s+){0,2}(?:participants|patients|subjects|volunteers|children|infants|neonates|newborns|adolescents|women|men|individuals|people|persons|pregnant\s+women|mothers)";

    // "approximately 300 participants will be randomized", "up to 1095 children", "Planned enrollment: 120",
    // "enroll approximately 80 patients", "Sample size: 84".
    [GeneratedRegex(About + "?" + Count + @"\s+" + Who + @"(?:\s+[^.\n;]{0,60}?)?\s+(?:will\s+be|may\s+be|are\s+(?:planned|expected)\s+to\s+be|to\s+be|are\s+to\s+be|will)\s+(?:randomi[sz]ed|enrolled|enrol+ed|randomly\s+assigned|included|recruited|screened|participate|take\s+part)"
        + "|" + @"up\s+to\s+" + Count + @"\s+" + Who
        + "|" + @"\b(?:will\s+include|(?:plan|expect|aim)s?\s+to\s+(?:recruit|enrol+|include|randomi[sz]e))\s+" + About + "?" + Count + @"\s+" + Who
        + "|" + @"\benrol+(?:ing|ment\s+of)?\s+" + About + Count + @"\s+" + Who
        + "|" + @"(?:Planned|Target|Total|Expected)\s+(?:enrol+ment|sample\s+size|number\s+of\s+(?:participants|patients|subjects))\s*[:=]?\s*" + About + "?" + Count
        + "|" + @"\bsample\s+size\s+(?:will\s+be|is|of)\s+" + About + "?" + Count + @"\s+" + Who
        + "|" + @"(?:Number\s+of\s+(?:participants|patients|subjects)|Sample\s+size)[^:\n]{0,40}:\s*" + About + "?" + Count, RegexOptions.IgnoreCase)]
    private static partial Regex ParticipantsPattern();

    private const string Span = @"(?<d>\d{1,3}(?:\.5)?(?:\s*(?:to|-|–)\s*\d{1,3})?\s+(?:weeks|months|days|years)|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four)\s+(?:weeks|months|days|years)|1\s+(?:week|month|day|year))";

    // "The duration of participation is approximately 12 weeks", "Participants will be in the study for up to 18 months",
    // "The total study duration for each participant will be 6 months", "Duration of participation: 52 weeks",
    // "For each participant enrolled, the duration will be approximately 65 weeks".
    [GeneratedRegex(@"(?:duration\s+of\s+(?:(?:the\s+)?study\s+)?participation|participation\s+duration|(?:study\s+)?duration\s+(?:of\s+(?:the\s+)?study\s+)?(?:for|per)\s+(?:each|an\s+individual|a|each\s+individual|individual)?\s*(?:participant|patient|subject|child)s?|(?:participant|patient|subject|child)(?:'s|s')?\s+(?:total\s+)?(?:duration|participation)(?:\s+in\s+the\s+study)?)[^.\n:]{0,60}?(?:is|will\s+be|:|of|lasts?)\s*(?:approximately\s+|about\s+|up\s+to\s+|a\s+maximum\s+of\s+|around\s+)?" + Span
        + "|" + @"\b(?:for|per)\s+each\s+(?:participant|patient|subject|child)[^.\n]{0,30}?,?\s+the\s+(?:total\s+)?(?:study\s+)?duration\s+(?:will\s+be|is)\s+(?:approximately\s+|about\s+|up\s+to\s+)?" + Span
        + "|" + @"(?:participant|patient|subject|child)s?\s+will\s+(?:participate|be\s+(?:in|on|followed\s+in)\s+(?:the|this)\s+study|take\s+part|remain\s+in\s+(?:the|this)\s+study)\s+for\s+(?:approximately\s+|about\s+|up\s+to\s+|a\s+(?:total|maximum)\s+of\s+)?" + Span, RegexOptions.IgnoreCase)]
    private static partial Regex DurationPattern();
}
