using System.Text;
using System.Text.RegularExpressions;
using IcfStudio.Core.Drafting.Prompting;
using IcfStudio.Core.Drafting.Templates;
using IcfStudio.Core.Quality;

namespace IcfStudio.Core.Drafting.Offline;

/// <summary>
/// Writes a section without a language model: the study facts, then the most relevant sentences of the retrieved passages
/// restated in plain words (each cited), the visit table for procedures, and the section's standard wording.
/// Every number it writes comes from a cited passage or the fact sheet.
/// </summary>
internal static partial class OfflineSectionWriter
{
    private const int MaxSentenceWords = 20;
    private const int MinSentenceWords = 5;
    private const double MaxGrade = 8.0;

    public static string Write(SectionContext context)
    {
        context = OfflineSubset(context);
        var section = context.Section;
        var wish = FeedbackWish.Parse(context.Feedback);
        var facts = context.Facts;
        var parts = new List<string>();

        var standard = string.IsNullOrWhiteSpace(section.StandardText) ? null : StudyPlaceholders.Fill(section.StandardText, facts).Trim();
        if (IsStandardOnly(section))
        {
            parts.AddRange(StandardOnlyLead(section, facts));
            if (standard is not null)
            {
                parts.Add(standard);
            }

            return string.Join("\n\n", parts);
        }

        var leadFirst = section.Id == "summary";
        if (leadFirst && standard is not null)
        {
            parts.Add(standard);
        }

        var sentences = Select(context, wish);
        if (!wish.Shorter && FactLines(section, context, sentences.Count > 0) is { Count: > 0 } factLines)
        {
            parts.Add(string.Join(" ", factLines));
        }

        // Each group's chance is a required element of randomized studies: kept even when a shorter text is asked for.
        if (section.ElementIds.Contains("random_assignment") && AssignmentChance.Describe(context) is { } chance)
        {
            parts.Add(WithCitation(chance.Text, chance.Key));
        }

        var table = SectionPrompt.IsProcedures(section) ? SectionPrompt.VisitTable(context) : null;
        var tail = new List<string>();
        if (wish.Topic is { Length: > 0 } topic && !sentences.Any(s => s.MatchesFeedback))
        {
            tail.Add($"The study plan does not say more about {topic}. The study team can tell you more.");
        }

        if (table is not null)
        {
            tail.Add("Here is a list of the study visits:\n\n" + table);
        }

        if (!leadFirst && standard is not null)
        {
            tail.Add(standard);
        }

        // "Shorter" with the current text at hand means shorter than that text.
        var maxWords = wish.Shorter && !string.IsNullOrWhiteSpace(context.CurrentText) ? PlainLanguage.WordCount(context.CurrentText) - 1 : int.MaxValue;

        // Readability budget: the hardest restated sentence goes first until the whole section reads at grade 8 or below.
        while (true)
        {
            var text = Compose(parts, Bullets(section, sentences), tail);
            if (sentences.Count == 0 || (Readability.FleschKincaidGrade(text) <= MaxGrade && PlainLanguage.WordCount(text) <= maxWords))
            {
                return text;
            }

            // What the reviewer asked to mention is kept as long as anything else can go.
            var removable = sentences.Any(c => !c.MatchesFeedback) ? sentences.Where(c => !c.MatchesFeedback) : sentences;
            var hardest = removable.MaxBy(c => Readability.FleschKincaidGrade(c.Text) + (PlainLanguage.WordCount(c.Text) / 10.0))!;
            sentences.Remove(hardest);
        }
    }

    private static string Compose(List<string> head, string bullets, List<string> tail) =>
        string.Join("\n\n", head.Append(bullets).Concat(tail));

    private static string Bullets(SectionTemplate section, List<Candidate> sentences)
    {
        if (sentences.Count == 0)
        {
            return "The study plan does not give details about this. The study team will explain them to you.";
        }

        var bullets = new StringBuilder();
        bullets.AppendLine(Intro(section));
        bullets.AppendLine();
        foreach (var s in sentences)
        {
            bullets.Append("- ").AppendLine(WithCitation(s.Text, s.Key));
        }

        return bullets.ToString().TrimEnd();
    }

    /// <summary>Sections that are standard wording by nature (a verbatim statement, contacts to fill in, the signature block).</summary>
    private static bool IsStandardOnly(SectionTemplate section) =>
        section.ElementIds.Any(e => e is "clinicaltrials_gov_statement" or "signature" or "contacts");

    private static IEnumerable<string> StandardOnlyLead(SectionTemplate section, FactSheet facts)
    {
        if (section.ElementIds.Contains("clinicaltrials_gov_statement"))
        {
            yield return "Facts about this study will be posted on a public website.";
            if (facts.Metadata.NctId is { } nct)
            {
                yield return PlainLanguage.Sentence($"Its number on that site is {nct.Value}");
            }
        }
        else if (section.ElementIds.Contains("contacts") && facts.Metadata.Sponsor is { } sponsor)
        {
            yield return PlainLanguage.Sentence($"The sponsor of this study is {sponsor.Value}");
        }
    }

    /// <summary>Fact-sheet lines that open a section, each cited when a passage states the same value.</summary>
    /// <summary>The best passages of the context, as many as the offline drafter writes from (<see cref="SectionTemplate.OfflinePassages"/>).</summary>
    internal static SectionContext OfflineSubset(SectionContext context)
    {
        var cap = SectionContextBuilder.OfflineCap(context.Section);
        return context.Passages.Count <= cap ? context : context with { Passages = [.. context.Passages.Take(cap)] };
    }

    private static List<string> FactLines(SectionTemplate section, SectionContext context, bool passagesSpeak)
    {
        var m = context.Facts.Metadata;
        var lines = new List<string>();
        string Cite(string value, string sentence) => WithCitation(sentence, context.Passages.FirstOrDefault(p => p.Chunk.Text.Contains(value, StringComparison.OrdinalIgnoreCase))?.Key);

        switch (section.Id)
        {
            case "summary":
                if ((m.Acronym ?? m.ShortTitle) is { } name)
                {
                    lines.Add($"The study is called {name.Value}.");
                }

                if (m.Sponsor is { } sponsor)
                {
                    lines.Add(PlainLanguage.Sentence($"The study sponsor is {sponsor.Value}"));
                }

                if (m.Duration is { } duration)
                {
                    lines.Add(Cite(duration.Value, $"You would be in the study for about {duration.Value}."));
                }
                else if (LastVisit(context) is { } last)
                {
                    lines.Add(last);
                }

                if (m.PlannedParticipants is { } n)
                {
                    lines.Add(Cite(n.Value, $"About {n.Value} people will take part."));
                }

                break;
            case "participants":
                // Without a number in the facts, the passages' own sentences tell it; "no clear number" only when none does.
                if (m.PlannedParticipants is { } count)
                {
                    lines.Add(Cite(count.Value, $"About {count.Value} people will take part in this study."));
                }
                else if (!passagesSpeak)
                {
                    lines.Add("The study plan does not give a clear number of people who will take part.");
                }

                break;
            case "procedures":
                if (m.Duration is { } length)
                {
                    lines.Add(Cite(length.Value, $"You would be in the study for about {length.Value}."));
                }
                else if (LastVisit(context) is { } last)
                {
                    lines.Add(last);
                }

                if (context.Facts.Facts is { Arms.Count: > 1 } usdm)
                {
                    lines.Add("The study has these groups: " + string.Join("; ", usdm.Arms.Select(PlainLanguage.ApplyGlossary)) + ".");
                }

                break;
        }

        return lines;
    }

    /// <summary>
    /// Without a stated duration, how long the visits go on, from the schedule's latest "Day/Week/Month N" (a key fact the
    /// reader needs, and otherwise told only by staff sentences such as "screening should occur within 2 weeks").
    /// </summary>
    private static string? LastVisit(SectionContext context)
    {
        var visits = context.Facts.Facts?.Visits ?? [];
        var latest = visits
            .SelectMany(v => VisitDay().Matches($"{v.Name} {v.Timing}"))
            .Select(match => (Unit: match.Groups[1].Value.ToLowerInvariant(), N: int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(x => x.N > 1)
            .ToList();
        if (latest.Count == 0)
        {
            return null;
        }

        var (unit, n) = latest.MaxBy(x => x.N * (x.Unit == "day" ? 1 : x.Unit == "week" ? 7 : 30));
        var label = char.ToUpperInvariant(unit[0]) + unit[1..];
        return $"Your study visits go on until {label} {n}, about {n} {unit}s after {label} 1.";
    }

    private static string Intro(SectionTemplate section) => section.Id switch
    {
        "summary" => "Key facts from the study plan:",
        "background" => "Why this study is being done:",
        "procedures" => "What will happen in the study:",
        "risks" => "Known risks and side effects:",
        "benefits" => "What the study plan says about benefits:",
        "alternatives" => "What the study plan says about other treatments:",
        "voluntary" => "If you or the study doctor stop your taking part:",
        _ => "What the study plan says:",
    };

    private static string WithCitation(string sentence, string? key)
    {
        if (key is null)
        {
            return sentence;
        }

        var body = sentence.TrimEnd();
        var end = body.Length > 0 && ".!?".Contains(body[^1], StringComparison.Ordinal) ? body[^1].ToString() : ".";
        body = body.TrimEnd('.', '!', '?');
        return $"{body} [{key}]{end}";
    }

    /// <param name="ForStaff">Written for the study team (<see cref="StaffFacingDetector"/>): it takes its place in the ranking but is not written.</param>
    private sealed record Candidate(string Text, string Key, int PassageRank, int Position, double Score, bool MatchesFeedback, bool ForStaff);

    /// <summary>The best plain-language sentences of the passages, in the order of the protocol.</summary>
    private static List<Candidate> Select(SectionContext context, FeedbackWish wish)
    {
        var section = context.Section;
        var terms = Stems(section.Queries.Concat(section.HeadingPatterns).Append(section.Title));
        var topicTerms = Stems(wish.Topic is null ? [] : [wish.Topic]);
        var concrete = section.Id is "summary" or "participants" or "procedures" or "risks";
        var maxWords = wish.Simpler ? 14 : MaxSentenceWords;

        // A section carrying consent elements speaks to the participant; others (a site checklist) are for the staff.
        var forParticipant = section.ElementIds.Count > 0;

        var candidates = new List<Candidate>();
        for (var rank = 0; rank < context.Passages.Count; rank++)
        {
            var passage = context.Passages[rank];
            var headingMatch = section.HeadingPatterns.Any(h => passage.Chunk.SectionPath.Contains(h, StringComparison.OrdinalIgnoreCase));
            var position = 0;
            foreach (var sentence in PlainLanguage.SplitSentences(passage.Chunk.Text))
            {
                var raw = StripHeading(sentence, passage.Chunk.SectionPath);
                if (!LooksLikeProse(raw) || Boilerplate().IsMatch(raw) || PlainLanguage.IsNotForReader(raw))
                {
                    continue;
                }

                var rawStems = Stems([raw]);
                var termHits = rawStems.Count(terms.Contains);
                var topicHit = topicTerms.Count > 0 && rawStems.Any(topicTerms.Contains);
                // A sentence must speak to the section: two of its terms, or one under a matching heading.
                if (!topicHit && (termHits == 0 || (termHits < 2 && !headingMatch)))
                {
                    continue;
                }

                // "How many people" is answered only by a sentence that counts people or sites.
                if (!topicHit && section.Id == "participants" && !PeopleCount().IsMatch(raw))
                {
                    continue;
                }

                var simplified = PlainLanguage.SplitSentences(PlainLanguage.Simplify(raw));
                foreach (var piece in simplified.SelectMany(sentence => PlainLanguage.Shorten(sentence, maxWords)))
                {
                    var words = PlainLanguage.WordCount(piece);
                    if (words < MinSentenceWords || words > maxWords + 8 || !LooksLikeProse(piece) || PlainLanguage.IsFragment(piece) || PlainLanguage.IsNotForReader(piece))
                    {
                        continue;
                    }

                    var spw = PlainLanguage.SyllablesPerWord(piece);
                    var score = (1 + termHits) / (1 + (0.3 * rank));
                    score *= headingMatch ? 1.5 : 1.0;
                    score *= spw > 1.75 ? 0.4 : spw > 1.55 ? 0.7 : 1.0;
                    score *= words > MaxSentenceWords ? 0.7 : 1.0;
                    score *= StaffInstruction().IsMatch(raw) ? 0.5 : 1.0;
                    score /= 1 + (0.3 * Acronyms(piece));
                    score += concrete && AnyDigit().IsMatch(piece) ? 0.6 : 0;
                    score += topicHit ? 3 : 0;
                    candidates.Add(new Candidate(piece, passage.Key, rank, position++, score, topicHit, forParticipant && StaffFacingDetector.Reason(piece) is not null));
                }
            }
        }

        var count = Math.Clamp(section.TargetWords / 30, 2, 10);
        count = wish.Shorter ? Math.Max(1, count / 2) : wish.Longer ? count + (count / 2) + 1 : count;

        var chosen = new List<Candidate>();
        foreach (var candidate in candidates.OrderByDescending(c => c.Score))
        {
            if (chosen.Count >= count)
            {
                break;
            }

            if (!chosen.Any(c => Similar(c.Text, candidate.Text)))
            {
                chosen.Add(candidate);
            }
        }

        // Staff sentences are dropped after choosing rather than before, so that weaker sentences ranked below them (table
        // legends, questionnaire wording) do not move up into their places.
        return [.. chosen.Where(c => !c.ForStaff).OrderBy(c => c.PassageRank).ThenBy(c => c.Position)];
    }

    /// <summary>PDF text runs a heading into its first sentence ("Benefit/Risk Assessment There is…", "Nausea and Vomiting: Glucagon…"): drop it.</summary>
    private static string StripHeading(string sentence, string sectionPath)
    {
        var s = sentence.Trim();
        foreach (var segment in sectionPath.Split('>', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var heading = HeadingNumber().Replace(segment, "").Trim();
            if (heading.Length > 2 && s.Length > heading.Length + 1 && s.StartsWith(heading, StringComparison.OrdinalIgnoreCase) && s[heading.Length] is ' ' or ':')
            {
                s = s[heading.Length..].TrimStart(' ', ':');
            }
        }

        s = HeadingLabel().Replace(s, "");

        // What is left after a heading, starting in lower case, is a fragment: not worth restating.
        return s.Length > 0 && char.IsLower(s[0]) ? "" : s;
    }

    private static int Acronyms(string text) => Word().Matches(text).Count(m => m.Value.Length >= 2 && m.Value.All(char.IsUpper));

    /// <summary>A sentence of prose worth restating: not a heading, table row, cross-reference, or text addressed to an AI.</summary>
    private static bool LooksLikeProse(string s)
    {
        // Two labels with colons are table cells run together ("Adverse events measure: Blood pressure measure: …").
        if (s.Length < 20 || s.Contains('|', StringComparison.Ordinal) || s.Count(c => c == ':') >= 2 || DanglingEnd().IsMatch(s) || Injection().IsMatch(s) || Imperative().IsMatch(s) || CrossReference().IsMatch(s))
        {
            return false;
        }

        var tokens = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var digits = tokens.Count(t => AnyDigit().IsMatch(t));
        var capitals = tokens.Count(t => t.Length > 1 && t.All(ch => !char.IsLetter(ch) || char.IsUpper(ch)) && t.Any(char.IsLetter));
        var lowerWords = tokens.Count(t => t.Length > 0 && char.IsLower(t[0]));
        return digits * 4 <= tokens.Length && capitals * 5 <= tokens.Length && lowerWords * 2 >= tokens.Length && char.IsUpper(s.TrimStart('"', '“')[0]);
    }

    /// <summary>Two sentences say the same when they share most words, or one's words are nearly all in the other (a synopsis line and its section).</summary>
    private static bool Similar(string a, string b)
    {
        var wa = Stems([a]);
        var wb = Stems([b]);
        var union = wa.Union(wb).Count();
        var shared = wa.Intersect(wb).Count();
        var smaller = Math.Min(wa.Count, wb.Count);
        return union > 0 && (shared / (double)union > 0.6 || (smaller >= 4 && shared / (double)smaller >= 0.75));
    }

    private static HashSet<string> Stems(IEnumerable<string> texts)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            foreach (Match w in Word().Matches(text))
            {
                var word = w.Value.ToLowerInvariant();
                if (word.Length > 2 && !StopWords.Contains(word))
                {
                    set.Add(word.Length > 5 ? word[..5] : word);
                }
            }
        }

        return set;
    }

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "from", "that", "this", "will", "are", "was", "were", "been", "have", "has", "had", "not",
        "all", "any", "can", "may", "must", "should", "such", "than", "then", "there", "these", "those", "their", "they", "into",
        "who", "which", "what", "when", "where", "while", "each", "per", "also", "other", "its", "study", "studies", "your", "you",
        "subject", "subjects", "patient", "patients", "participant", "participants", "people", "number", "drug", "data",
        "information", "use", "used", "provided", "provide",
        // Filler words of the section queries: a sentence that shares only these is not about the section.
        "planned", "determination", "total",
    };

    /// <summary>What a reviewer's feedback asks for, read crudely: shorter, longer, simpler, or a topic to mention.</summary>
    private sealed partial record FeedbackWish(bool Shorter, bool Longer, bool Simpler, string? Topic)
    {
        public static FeedbackWish Parse(string? feedback)
        {
            if (string.IsNullOrWhiteSpace(feedback))
            {
                return new(false, false, false, null);
            }

            var f = feedback.ToLowerInvariant();
            var shorter = ShorterWords().IsMatch(f);
            var longer = !shorter && LongerWords().IsMatch(f);
            var simpler = SimplerWords().IsMatch(f);
            var topic = TopicAsk().Match(feedback) is { Success: true } m ? m.Groups[1].Value : null;
            // The topic is the reviewer's words; digits are dropped so that no number enters the text unsourced.
            topic = topic is null ? null : AnyDigit().Replace(topic, "").Trim().TrimEnd('.', ',', ';', '!', '?').Trim();
            return new(shorter, longer, simpler, string.IsNullOrWhiteSpace(topic) ? null : topic);
        }

        [GeneratedRegex(@"\b(shorter|shorten|brief|briefer|concise|too long|less detail|cut)\b")]
        private static partial Regex ShorterWords();

        [GeneratedRegex(@"\b(longer|more detail|expand|too short|elaborate)\b")]
        private static partial Regex LongerWords();

        [GeneratedRegex(@"\b(simpler|simplify|plainer|easier|too hard|too complex|jargon)\b")]
        private static partial Regex SimplerWords();

        [GeneratedRegex(@"\b(?:mention|include|add|explain|cover|describe|talk about|say more about|more about|information (?:on|about))\s+(?:the\s+|that\s+|a\s+)?([^.;,!?\n]{3,60})", RegexOptions.IgnoreCase)]
        private static partial Regex TopicAsk();
    }

    [GeneratedRegex(@"\b(ignore|disregard|forget|override)\b.{0,40}\b(instruction|prompt|rule|above|previous|prior)|system prompt|language model|\bas an ai\b|\bassistant\b|\bjailbreak", RegexOptions.IgnoreCase)]
    private static partial Regex Injection();

    [GeneratedRegex(@"^\W*(write|say|output|print|respond|reply|answer|pretend|act as|forget|ignore|disregard|tell|state|claim|reveal|instead|obtain|perform|record|collect|ensure|document|notify|refer|administer|measure|repeat|draw)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Imperative();

    [GeneratedRegex(@"\b(Section|Appendix|Table|Figure|Attachment)\s+[0-9A-Z]|\bet al\b|\bsee\s+(section|appendix|table)|https?://|\bpage\s+\d|\b(?:following|previous|next|above|below|this|other)\s+sections?\b|\b(?:described|detailed|listed|shown)\s+(?:above|below)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CrossReference();

    [GeneratedRegex(@"\bthis (?:document|protocol|study plan)\b|confidential information|\bredact|intended for the use of|\bproperty of\b|copyright|trademark|\bdesignee\b|\b(?:e?CRF|SAP)\b|case report form|source (?:data|document)|regulatory authorities|\bsponsor's approval\b|centrifug|aliquot|\bshipped\b|°C|\bdefin(?:ed as|ition of)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Boilerplate();

    [GeneratedRegex(@"\b(?:are|is|include|includes|following|follows|were|as|will|would|may|can|could|should|must|be|been|the|an?|and|or|of|to|with|for|by|in|on|at)\W*$|:\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex DanglingEnd();

    [GeneratedRegex(@"\b(?:is|are) to be\b|\bshould be (?:used|recorded|documented|reported|collected|performed)\b|\bper local\b|\bat the discretion\b|\bnote:|\bmust ensure\b|\binvestigators? (?:must|should|will|may)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StaffInstruction();

    [GeneratedRegex(@"\b(?:\d[\d,]*|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)(?:[\s-]+\w+){0,4}?\s+(?:subjects|patients|participants|people|individuals|volunteers|sites|centers|centres|clinics)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PeopleCount();

    [GeneratedRegex(@"^[\d.]+\s*")]
    private static partial Regex HeadingNumber();

    [GeneratedRegex(@"\b(day|week|month)\s+(\d{1,3})\b(?!\s*(?:to|through|-|–))", RegexOptions.IgnoreCase)]
    private static partial Regex VisitDay();

    [GeneratedRegex(@"^(?:[A-Z][\w/'’-]*)(?:\s+[\w/'’-]+){0,5}:\s+(?=[A-Z])")]
    private static partial Regex HeadingLabel();

    [GeneratedRegex(@"\d")]
    private static partial Regex AnyDigit();

    [GeneratedRegex(@"[\p{L}][\p{L}'-]*")]
    private static partial Regex Word();
}
