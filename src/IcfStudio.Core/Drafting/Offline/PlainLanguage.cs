using System.Text;
using System.Text.RegularExpressions;

namespace IcfStudio.Core.Drafting.Offline;

/// <summary>
/// Rewrites protocol sentences in plain words: a lay glossary ("randomized" → "assigned by chance"), third person → second
/// person, long sentences cut at clause boundaries. It only removes or swaps words: it never adds a number or a fact.
/// </summary>
internal static partial class PlainLanguage
{
    /// <summary>Protocol term → plain words. Ordered: longer phrases before the words they contain.</summary>
    private static readonly (Regex Pattern, string Replacement)[] Glossary = BuildGlossary(
    [
        ("serious adverse events", "serious side effects"),
        ("serious adverse event", "serious side effect"),
        ("treatment-emergent adverse events", "side effects"),
        ("adverse drug reactions", "side effects"),
        ("adverse reactions", "side effects"),
        ("adverse events", "side effects"),
        ("adverse event", "side effect"),
        ("SAEs", "serious side effects"),
        ("AEs", "side effects"),
        ("randomly assigned", "assigned by chance"),
        ("randomly allocated", "assigned by chance"),
        ("randomized", "assigned by chance"),
        ("randomised", "assigned by chance"),
        ("randomization", "assignment by chance"),
        ("randomisation", "assignment by chance"),
        ("double-blinded", "blinded"),
        ("double-blind", "blinded"),
        ("double blind", "blinded"),
        ("placebo-controlled", "compared with a dummy drug"),
        ("a placebo arm", "a dummy drug group"),
        ("a placebo group", "a dummy drug group"),
        ("placebo arm", "dummy drug group"),
        ("matching placebo", "a look-alike with no medicine"),
        ("a placebo", "a look-alike with no medicine"),
        ("placebo", "dummy drug"),
        ("investigational medicinal product", "study drug"),
        ("investigational product", "study drug"),
        ("study intervention", "study drug"),
        ("study treatment", "study drug"),
        ("IMP", "study drug"),
        ("principal investigator", "study doctor"),
        ("investigators", "study doctors"),
        ("investigator", "study doctor"),
        ("informed consent form", "consent form"),
        ("informed consent", "consent"),
        ("concomitant medications", "other medicines"),
        ("concomitant medication", "other medicine"),
        ("concomitant", "other"),
        ("medications", "medicines"),
        ("medication", "medicine"),
        ("orally", "by mouth"),
        ("intravenously", "through a vein"),
        ("intravenous", "IV"),
        ("subcutaneously", "under the skin"),
        ("subcutaneous", "under-the-skin"),
        ("intranasally", "in the nose"),
        ("intranasal", "nasal"),
        ("transdermal therapeutic system", "skin patch"),
        ("transdermal", "skin"),
        ("administered", "given"),
        ("primary endpoints", "main measures"),
        ("primary endpoint", "main measure"),
        ("primary outcomes", "main measures"),
        ("primary outcome", "main measure"),
        ("secondary endpoints", "other measures"),
        ("secondary endpoint", "other measure"),
        ("endpoints", "measures"),
        ("endpoint", "measure"),
        ("stratified", "balanced"),
        ("efficacious", "helpful"),
        ("predose", "before the dose"),
        ("pre-dose", "before the dose"),
        ("pretreatment", "before treatment"),
        ("ocular", "eye"),
        ("supine", "lying down"),
        ("anticipated", "expected"),
        ("therapeutic benefit", "health benefit"),
        ("pharmacologic", "drug"),
        ("pharmacological", "drug"),
        ("efficacy assessments", "checks of how well the drug works"),
        ("efficacy evaluations", "checks of how well the drug works"),
        ("efficacy", "how well it works"),
        ("tolerability", "how well people handle it"),
        ("pharmacokinetics", "drug levels in the blood"),
        ("pharmacokinetic", "drug level"),
        ("pharmacodynamics", "drug effects"),
        ("pharmacodynamic", "drug effect"),
        ("electrocardiograms", "heart tracings (ECGs)"),
        ("electrocardiogram", "heart tracing (ECG)"),
        ("vital signs", "blood pressure and pulse"),
        ("physical examination", "physical exam"),
        ("venipuncture", "a needle stick"),
        ("urinalysis", "urine test"),
        ("hematology", "blood count"),
        ("haematology", "blood count"),
        ("hypoglycemia", "low blood sugar"),
        ("hypoglycaemia", "low blood sugar"),
        ("hyperglycemia", "high blood sugar"),
        ("hypotension", "low blood pressure"),
        ("hypertension", "high blood pressure"),
        ("bradycardia", "slow heartbeat"),
        ("tachycardia", "fast heartbeat"),
        ("syncope", "fainting"),
        ("pruritus", "itching"),
        ("erythema", "redness"),
        ("dermatitis", "skin rash"),
        ("edema", "swelling"),
        ("oedema", "swelling"),
        ("fatigue", "tiredness"),
        ("insomnia", "trouble sleeping"),
        ("emesis", "throwing up"),
        ("vomiting", "throwing up"),
        ("nausea", "upset stomach"),
        ("hepatic", "liver"),
        ("renal", "kidney"),
        ("cardiac", "heart"),
        ("cardiovascular", "heart"),
        ("gastrointestinal", "stomach and gut"),
        ("cognitive", "thinking"),
        ("women of childbearing potential", "women who could become pregnant"),
        ("females of childbearing potential", "women who could become pregnant"),
        ("of childbearing potential", "who could become pregnant"),
        ("contraceptive methods", "birth control"),
        ("contraceptive method", "birth control"),
        ("method of contraception", "birth control"),
        ("methods of contraception", "birth control"),
        ("contraception", "birth control"),
        ("contraceptive", "birth control"),
        ("monitored", "watched"),
        ("exceed", "be more than"),
        ("volume", "amount"),
        ("inclusion criteria", "rules for who can join"),
        ("exclusion criteria", "rules for who cannot join"),
        ("eligibility criteria", "rules for who can join"),
        ("eligibility requirements", "rules for who can join"),
        ("eligibility", "whether you can join"),
        ("eligible", "able to join"),
        ("enrolled in the", "in the"),
        ("enrolled in this", "in this"),
        ("enrolled", "signed up"),
        ("enroll", "join"),
        ("enrollment", "joining"),
        ("enrolment", "joining"),
        ("multicenter", "multi-site"),
        ("multicentre", "multi-site"),
        ("multi-center", "multi-site"),
        ("treatment arms", "treatment groups"),
        ("treatment arm", "treatment group"),
        ("study arms", "study groups"),
        ("study arm", "study group"),
        ("cohorts", "groups"),
        ("cohort", "group"),
        ("titration", "slow dose increase"),
        ("at baseline", "at the start"),
        ("from baseline", "from the start"),
        ("baseline", "starting"),
        ("washout", "break"),
        ("once daily", "once a day"),
        ("twice daily", "twice a day"),
        ("an approximately", "about"),
        ("an approximate", "about"),
        ("approximately", "about"),
        ("prior to", "before"),
        ("subsequently", "later"),
        ("subsequent", "later"),
        ("in order to", "to"),
        ("utilize", "use"),
        ("utilise", "use"),
        ("discontinuation", "stopping"),
        ("discontinued", "stopped"),
        ("discontinue", "stop"),
        ("termination", "end"),
        ("terminated", "ended"),
        ("initiation", "start"),
        ("initiated", "started"),
        ("commence", "start"),
        ("assessments", "checks"),
        ("assessment", "check"),
        ("assessed", "checked"),
        ("evaluations", "checks"),
        ("evaluation", "check"),
        ("evaluated", "checked"),
        ("obtained", "taken"),
        ("participate", "take part"),
        ("participation", "taking part"),
        ("individuals", "people"),
        ("additionally", "also"),
        ("however", "but"),
        ("therefore", "so"),
        ("has been demonstrated", "has been shown"),
        ("have been demonstrated", "have been shown"),
        ("be demonstrated", "be shown"),
        ("been demonstrated", "been shown"),
        ("demonstrated", "showed"),
        ("demonstrate", "show"),
        ("sufficient", "enough"),
        ("required", "needed"),
        ("requires", "needs"),
        ("regarding", "about"),
        ("numerous", "many"),
        ("protocol", "study plan"),
        ("population", "group"),
        ("symptomatic", "with symptoms"),
    ]);

    public static string ApplyGlossary(string text)
    {
        foreach (var (pattern, replacement) in Glossary)
        {
            var input = text;
            text = pattern.Replace(input, m => InsideName(input, m) ? m.Value : ReplaceCased(input, m, replacement));
        }

        return text;
    }

    /// <summary>
    /// A capitalised term next to another capitalised word is part of a name ("Food and Drug Administration",
    /// "Disease Assessment Scale"): a name is never reworded.
    /// </summary>
    private static bool InsideName(string text, Match m)
    {
        if (!char.IsUpper(m.Value[0]))
        {
            return false;
        }

        var before = NameWordBefore().Match(text[..m.Index]);
        if (before.Success && !SentenceStarters.Contains(before.Groups[1].Value) && !AtSentenceStart(text, before.Groups[1].Index))
        {
            return true;
        }

        var after = NameWordAfter().Match(text[(m.Index + m.Length)..]);
        return after.Success;
    }

    private static bool AtSentenceStart(string text, int index)
    {
        var prefix = text[..index].TrimEnd(' ', '"', '“', '(', '\'');
        return prefix.Length == 0 || ".!?:;".Contains(prefix[^1], StringComparison.Ordinal);
    }

    /// <summary>Capitalised words that start sentences rather than names.</summary>
    private static readonly HashSet<string> SentenceStarters = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "This", "These", "That", "Each", "All", "Any", "If", "In", "At", "On", "For", "By", "With", "To", "Of",
        "And", "Or", "Your", "Its", "Their", "Some", "No", "After", "Before", "During", "When", "Once", "Every", "Both",
    };

    /// <summary>Keeps the case of a sentence start ("Randomized" → "Assigned"); mid-sentence, plain case ("The Investigator" → "The study doctor").</summary>
    private static string ReplaceCased(string text, Match m, string replacement)
    {
        return AtSentenceStart(text, m.Index) ? MatchCase(m.Value, replacement) : replacement;
    }

    /// <summary>A protocol sentence in plain words, in the second person.</summary>
    public static string Simplify(string sentence)
    {
        // Parentheses hold references and abbreviations, except short ones with numbers ("12% of subjects"): keep those.
        var s = Parenthetical().Replace(sentence, m => AnyDigit().IsMatch(m.Value) && !Reference().IsMatch(m.Value) && m.Value.Length <= 40 ? m.Value : "");
        var withoutRatio = WithoutRatio(s);
        s = DesignSentence().IsMatch(withoutRatio) || DesignList().IsMatch(withoutRatio) ? DescribeDesign(withoutRatio) : withoutRatio;
        s = ApplyGlossary(s);
        var addressed = SubjectWithVerb().IsMatch(s);
        s = SubjectWithVerb().Replace(s, m => m.Groups[1].Value + "you " + SecondPersonVerb(m.Groups[2].Value));
        s = Possessive().Replace(s, "your");

        // Once the participant is "you", their other mentions are too ("you must be told that their taking part…").
        s = addressed ? Their().Replace(s, m => MatchCase(m.Value, "your")) : s;
        s = PluralSubjects().Replace(s, m => MatchCase(m.Value, "people"));
        s = SingularSubject().Replace(s, m => MatchCase(m.Value, "a person"));
        s = YouVerb().Replace(s, m => m.Groups[1].Value + " " + SecondPersonVerb(m.Groups[2].Value));
        s = DurationOfTakingPart().Replace(s, m => MatchCase(m.Value, "you will be in the study for"));
        s = Article().Replace(s, m => FixArticle(m.Groups[1].Value, m.Groups[2].Value));
        s = Spaces().Replace(s, " ");
        s = SpaceBeforePunctuation().Replace(s, "$1");

        // "However, the rate…" → "But, the rate…" reads badly; restated alone, the sentence needs no link word.
        s = LeadingLink().Replace(s, "");
        s = LinkComma().Replace(s, "$1 ");
        s = s.Trim().TrimEnd(',', ';', ':').Trim();
        if (s.Length > 0 && char.IsLower(s[0]))
        {
            s = char.ToUpperInvariant(s[0]) + s[1..];
        }

        if (s.Length > 0 && !".!?".Contains(s[^1], StringComparison.Ordinal))
        {
            s += ".";
        }

        return s;
    }

    /// <summary>
    /// A protocol sentence that is not for the reader even in plain words: a table legend or footnote ("An X means…"),
    /// a criterion written with symbols ("for > 28 days"),
    /// an abbreviation list ("PK = …"), sample consent text in the first person, staff text about "he or she", a sentence
    /// that leans on the one before it ("In such cases…"), or two table cells run together ("…personnel People will…").
    /// </summary>
    public static bool IsNotForReader(string sentence) =>
        Legend().IsMatch(sentence) || sentence.Contains('=', StringComparison.Ordinal) || FirstPerson().IsMatch(sentence)
        || StaffPronoun().IsMatch(sentence) || Anaphoric().IsMatch(sentence) || RunOn().IsMatch(sentence) || Shouting().IsMatch(sentence)
        || sentence.IndexOfAny(['<', '>', '≤', '≥']) >= 0;

    /// <summary>
    /// A piece with no finite verb is a fragment when it is a purpose ("To find out whether…"), a list ("Side effects, blood
    /// pressure, laboratory tests…"), or a short label ("The IRB/IEC or study center").
    /// </summary>
    public static bool IsFragment(string sentence)
    {
        if (FiniteVerb().IsMatch(sentence))
        {
            return false;
        }

        var commas = sentence.Count(c => c == ',');
        return Purpose().IsMatch(sentence) || commas >= 2 || WordCount(sentence) < 8;
    }

    /// <summary>Ends a sentence with one period, also when it ends with a value that has its own ("Inc.").</summary>
    public static string Sentence(string text)
    {
        var t = text.TrimEnd();
        return t.Length > 0 && ".!?".Contains(t[^1], StringComparison.Ordinal) ? t : t + ".";
    }

    /// <summary>
    /// "randomized in a 2:1 ratio" → the ratio leaves the sentence: the section that carries random assignment states it
    /// as each group's chance (see <see cref="AssignmentChance"/>), which "a 2:1 ratio" does not tell a reader.
    /// </summary>
    private static string WithoutRatio(string sentence) => Ratio().Replace(sentence, "", 1);

    /// <summary>"This is a randomized, double-blind, placebo-controlled study" → what each design word means for the reader.</summary>
    private static string DescribeDesign(string sentence)
    {
        var s = sentence.ToLowerInvariant();
        var parts = new List<string>();
        if (s.Contains("random", StringComparison.Ordinal))
        {
            // Not "like flipping a coin": that picture is wrong for three groups or unequal odds; each group's chance is
            // stated, as far as the protocol tells it, by AssignmentChance.
            parts.Add("You will be put in a study group by chance.");
        }

        if (s.Contains("double-blind", StringComparison.Ordinal) || s.Contains("double blind", StringComparison.Ordinal))
        {
            parts.Add("You and the study team will not know which group you are in.");
        }
        else if (s.Contains("single-blind", StringComparison.Ordinal) || s.Contains("blinded", StringComparison.Ordinal))
        {
            parts.Add("You will not know which group you are in.");
        }

        if (s.Contains("open-label", StringComparison.Ordinal) || s.Contains("open label", StringComparison.Ordinal))
        {
            parts.Add("You and the study team will know which treatment you get.");
        }

        if (s.Contains("placebo", StringComparison.Ordinal))
        {
            parts.Add("Some people will get a look-alike with no medicine.");
        }

        if (s.Contains("crossover", StringComparison.Ordinal) || s.Contains("cross-over", StringComparison.Ordinal))
        {
            parts.Add("You will get each treatment, one after the other.");
        }

        if (s.Contains("multicent", StringComparison.Ordinal) || s.Contains("multi-cent", StringComparison.Ordinal))
        {
            parts.Add("The study takes place at many clinics.");
        }

        return parts.Count == 0 ? sentence : string.Join(" ", parts);
    }

    private static string FixArticle(string article, string word)
    {
        var first = char.ToLowerInvariant(word[0]);
        var vowel = first is 'a' or 'e' or 'i' or 'o';
        var lower = article.ToLowerInvariant();
        var wanted = vowel ? "an" : first == 'u' ? lower : "a";
        return (char.IsUpper(article[0]) ? char.ToUpperInvariant(wanted[0]) + wanted[1..] : wanted) + " " + word;
    }

    /// <summary>Cuts a long sentence at clause boundaries into shorter sentences; clauses too short to stand alone stay joined.</summary>
    public static IReadOnlyList<string> Shorten(string sentence, int maxWords = 18)
    {
        if (WordCount(sentence) <= maxWords)
        {
            return [sentence];
        }

        var parts = ClauseBoundary().Split(sentence.TrimEnd('.'))
            .Select(p => p.Trim().TrimEnd(',', ';').Trim())
            .Where(p => p.Length > 0)
            .ToList();
        var result = new List<string>();
        foreach (var raw in parts)
        {
            var part = raw;
            var conjunction = LeadingConjunction().Match(part);
            if (conjunction.Success && result.Count > 0)
            {
                // "…, and the dose is…" stands alone without its "and"; "…, and will be…" needs the subject before it.
                var rest = part[conjunction.Length..];
                var firstWord = Words().Match(rest).Value.ToLowerInvariant();
                part = SubjectStarters.Contains(firstWord) ? rest : part;
            }

            if (result.Count > 0 && (WordCount(part) < 5 || !StartsLikeSentence(part)))
            {
                result[^1] = result[^1].TrimEnd('.') + ", " + part + ".";
                continue;
            }

            var text = char.ToUpperInvariant(part[0]) + part[1..];
            result.Add(text.EndsWith('.') ? text : text + ".");
        }

        return result;
    }

    /// <summary>Splits text into sentences, guarding abbreviations and decimals.</summary>
    public static IEnumerable<string> SplitSentences(string text)
    {
        var normalized = Normalize(text);
        var start = 0;
        for (var i = 0; i < normalized.Length; i++)
        {
            var c = normalized[i];
            if (c is not ('.' or '!' or '?'))
            {
                continue;
            }

            var next = i + 1 < normalized.Length ? normalized[i + 1] : ' ';
            var after = i + 2 < normalized.Length ? normalized[i + 2] : 'A';
            if (next != ' ' || !(char.IsUpper(after) || after == '[' || after == '•'))
            {
                continue;
            }

            var candidate = normalized[start..(i + 1)];
            if (c == '.' && EndsWithAbbreviation(candidate))
            {
                continue;
            }

            yield return candidate.Trim();
            start = i + 1;
        }

        if (start < normalized.Length && normalized[start..].Trim() is { Length: > 0 } rest)
        {
            yield return rest;
        }
    }

    /// <summary>Joins hyphenated line breaks and collapses whitespace of extracted PDF text.</summary>
    public static string Normalize(string text)
    {
        var s = HyphenBreak().Replace(text, "$1$2");
        s = Bullets().Replace(s, ". ");
        return Spaces().Replace(s.Replace('\u00A0', ' '), " ").Trim();
    }

    public static int WordCount(string text) => Words().Count(text);

    /// <summary>Syllables per word, the readability formulas' main driver (a vowel-group count).</summary>
    public static double SyllablesPerWord(string text)
    {
        var words = Words().Matches(text).Select(m => m.Value).ToList();
        return words.Count == 0 ? 0 : words.Sum(Syllables) / (double)words.Count;
    }

    public static int Syllables(string word)
    {
        var w = word.ToLowerInvariant().TrimEnd('\'', 's');
        if (w.Length <= 3)
        {
            return 1;
        }

        var count = 0;
        var previousVowel = false;
        foreach (var ch in w)
        {
            var vowel = "aeiouy".Contains(ch, StringComparison.Ordinal);
            if (vowel && !previousVowel)
            {
                count++;
            }

            previousVowel = vowel;
        }

        if (w.EndsWith('e') && !w.EndsWith("le", StringComparison.Ordinal) && count > 1)
        {
            count--;
        }

        return Math.Max(1, count);
    }

    private static bool StartsLikeSentence(string clause)
    {
        var first = Words().Match(clause).Value.ToLowerInvariant();
        return !ClauseStartersThatNeedContext.Contains(first);
    }

    private static readonly HashSet<string> SubjectStarters = new(StringComparer.Ordinal)
    {
        "you", "the", "this", "it", "they", "these", "there", "people", "each", "all", "some", "most", "your", "study", "a", "an",
    };

    private static readonly HashSet<string> ClauseStartersThatNeedContext = new(StringComparer.Ordinal)
    {
        "and", "but", "so", "or", "unless", "if", "except", "than", "as", "including", "such", "respectively", "which", "who", "whom", "whose",
        "where", "because", "although", "though", "whereas", "while", "to", "of", "for", "in", "on", "at", "by", "with",
    };

    private static bool EndsWithAbbreviation(string candidate)
    {
        var lastWord = candidate.TrimEnd('.').Split(' ').LastOrDefault() ?? "";
        return lastWord.Length == 1 || Abbreviations.Contains(lastWord.ToLowerInvariant());
    }

    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        "e.g", "i.e", "etc", "vs", "approx", "dr", "mr", "ms", "fig", "no", "al", "u.s", "inc", "ltd", "co", "min", "max", "sec",
    };

    private static string SecondPersonVerb(string verb) => verb.ToLowerInvariant() switch
    {
        "is" or "are" => "are",
        "was" or "were" => "were",
        "has" or "have" => "have",
        "does" or "do" => "do",
        _ => verb.ToLowerInvariant(),
    };

    private static string MatchCase(string original, string replacement) =>
        original.Length > 0 && char.IsUpper(original[0]) && replacement.Length > 0 && !char.IsUpper(replacement[0])
            ? char.ToUpperInvariant(replacement[0]) + replacement[1..]
            : replacement;

    private static (Regex, string)[] BuildGlossary((string Term, string Plain)[] entries) =>
        entries
            .Where(e => !string.Equals(e.Term, e.Plain, StringComparison.Ordinal))
            .Select(e => (new Regex(
                @"(?<![\p{L}\p{N}-])" + Regex.Escape(e.Term) + @"(?![\p{L}\p{N}-])",
                e.Term.Any(char.IsLower) ? RegexOptions.IgnoreCase | RegexOptions.CultureInvariant : RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(1)), e.Plain))
            .ToArray();

    [GeneratedRegex(@"\s*\([^()]*\)")]
    private static partial Regex Parenthetical();

    [GeneratedRegex(@"(^\W*|[,;:]\s+)(?:(?:the|each|all|every|a)\s+)?(?:study\s+)?(?:subjects?|patients?|participants?)\s+(will|must|may|should|can|cannot|are|is|have|has|were|was|need|do|does)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SubjectWithVerb();

    [GeneratedRegex(@"\s*\b(?:in|at|with|using)\s+an?\s+(\d{1,2}(?:\s*:\s*\d{1,2}){1,3})\s+(?:ratio|allocation)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ratio();

    [GeneratedRegex(@"^\W*(?:this|the|study)\b[^.]{0,40}?\b(?:is|will be)\s+an?\s+(?:[\w/-]+,?\s+){1,14}(?:study|trial)\b.{0,160}$", RegexOptions.IgnoreCase)]
    private static partial Regex DesignSentence();

    [GeneratedRegex(@"^\W*(?:an?\s+)?(?:[\w/-]+,\s+){2,14}(?:[\w/-]+\s+){0,2}(?:study|trial)\W*$", RegexOptions.IgnoreCase)]
    private static partial Regex DesignList();

    [GeneratedRegex(@"(?:^|\s)(?:[Aa]n?\s+|[Tt]he\s+)?[""“'‘]?(?:[B-HJ-Zx]|[✓✔✗*†‡#])[""”'’]?\s+(?:means|indicates|denotes|marks|shows)\b|^\W*(?i:abbreviations?|footnotes?|notes?|legend|key)\b\s*[:.]|[†‡§¶]")]
    private static partial Regex Legend();

    [GeneratedRegex(@"\b(?:my|me|myself)\b|\bI\s+(?:am|have|understand|agree|consent|will|give|authorize|voluntarily)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FirstPerson();

    [GeneratedRegex(@"\b(?:he or she|he/she|s/he|she/he|his or her|his/her|him or her|him/her)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StaffPronoun();

    [GeneratedRegex(@"^\W*(?:in (?:such|this|these|that|either) cases?|(?:it|this|they|these) also|that is|such|thus|hence|furthermore|moreover|in addition|since|to that end|to this end|otherwise|likewise|similarly|conversely|accordingly|consequently)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Anaphoric();

    /// <summary>A lower-case word followed, without punctuation, by a capitalised word that only starts sentences.</summary>
    [GeneratedRegex(@"\p{Ll}\s+(?:The|People|You|This|These|All|Each|Following|Participants|Patients|Subjects|If|Once|After|Before|During)\s|\s[A-Z]{2,}:\s")]
    private static partial Regex RunOn();

    [GeneratedRegex(@"\b(?:is|are|was|were|be|been|being|will|would|may|might|can|could|should|must|shall|has|have|had|do|does|did|need|needs|get|gets|take|takes|cause|causes|help|helps)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FiniteVerb();

    [GeneratedRegex(@"^\W*to\s+\p{Ll}", RegexOptions.IgnoreCase)]
    private static partial Regex Purpose();

    [GeneratedRegex(@"(?<=[,;]\s*)(but|so),\s+")]
    private static partial Regex LinkComma();

    [GeneratedRegex(@"^\W*(?:but|so|also|and|yet),\s+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingLink();

    /// <summary>Capitalised rule words ("MUST be reported") mark instructions to site staff.</summary>
    [GeneratedRegex(@"\b(?:MUST|SHALL|SHOULD|AND|NOT|ONLY)\b")]
    private static partial Regex Shouting();

    /// <summary>"The duration of taking part for a person is 52 weeks" (after the glossary) says how long you are in the study.</summary>
    [GeneratedRegex(@"\bthe\s+(?:total\s+)?(?:duration|length)\s+of\s+(?:your\s+)?(?:taking part|the study)(?:\s+for\s+(?:(?:a|each)\s+person|people|you))?\s+(?:is|are|will be)(?=\s+(?:about\s+|up to\s+)?\d)", RegexOptions.IgnoreCase)]
    private static partial Regex DurationOfTakingPart();

    [GeneratedRegex(@"\btheir\b", RegexOptions.IgnoreCase)]
    private static partial Regex Their();

    [GeneratedRegex(@"(\p{Lu}[\p{L}'’-]*|[A-Z]{2,})(?:\s+(?:and|of|for|the|on|&))*\s+$")]
    private static partial Regex NameWordBefore();

    [GeneratedRegex(@"^(?:\s+(?:and|of|for|on|&))*\s+\p{Lu}[\p{L}'’-]*")]
    private static partial Regex NameWordAfter();

    [GeneratedRegex(@"\b(a|an)\s+([A-Za-z][\w-]*)", RegexOptions.IgnoreCase)]
    private static partial Regex Article();

    [GeneratedRegex(@"\bet al\b|\b(19|20)\d\d\b|\bsee\b|\bsection\b|\btable\b|\bappendix\b", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();

    [GeneratedRegex(@"\d")]
    private static partial Regex AnyDigit();

    [GeneratedRegex(@"\b(?:(?:the|a|an|each)\s+)?(?:subject|patient|participant)['’]s\b", RegexOptions.IgnoreCase)]
    private static partial Regex Possessive();

    [GeneratedRegex(@"\b(?:subjects|patients|participants)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PluralSubjects();

    [GeneratedRegex(@"\b(?:the|a|each)\s+(?:subject|patient|participant)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SingularSubject();

    [GeneratedRegex(@"\b(you)\s+(is|was|has|does)\b", RegexOptions.IgnoreCase)]
    private static partial Regex YouVerb();

    [GeneratedRegex(@"\s*(?:;\s+|,\s+(?=(?:and|but|so|which|while|whereas|or)\s)|\s+-\s+)")]
    private static partial Regex ClauseBoundary();

    [GeneratedRegex(@"^(?:and|but|so)\s+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingConjunction();

    [GeneratedRegex(@"(\p{L})-\s*\n\s*(\p{Ll})")]
    private static partial Regex HyphenBreak();

    [GeneratedRegex(@"\s*[•●▪◦]\s*")]
    private static partial Regex Bullets();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s+([,.;:!?])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’-]*")]
    private static partial Regex Words();
}
