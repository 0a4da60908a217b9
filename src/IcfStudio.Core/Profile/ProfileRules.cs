using System.Globalization;
using System.Text.RegularExpressions;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Profile;

/// <summary>The rules that read the profile's items out of the protocol's sentences (the words are in <see cref="ProfileVocabulary"/>).</summary>
internal static partial class ProfileRules
{
    /// <summary>A risk term is kept from at most this many sentences (pages differ), risk sections first.</summary>
    private const int SentencesPerRisk = 5;

    private const int SentencesPerProcedure = 30;

    private const int MaxRisks = 300;

    private const int MaxProcedures = 400;

    private const int MaxInterventions = 6;

    public static void Apply(ProfileBuilder builder, StudyRecord study, IReadOnlyList<ProfileSentence> sentences, IReadOnlyList<StoredPage> pages)
    {
        var v = ProfileVocabulary.Default;
        // First, so a yes/no item holds its true/false value and the sentence rules below only add mentions of it.
        Facts(builder, study, sentences, pages);
        Audience(builder, study, sentences, pages);
        Condition(builder, study.Metadata);
        Design(builder, sentences);
        Interventions(builder, sentences);
        Arms(builder, sentences);
        Risks(builder, sentences, v);
        Procedures(builder, sentences, v);
        foreach (var rule in v.Sentences)
        {
            var matches = sentences
                .Where(s => rule.Sections is null || rule.Sections.IsMatch(s.Section))
                .Where(s => rule.Cue.IsMatch(s.Text) && !AboutOtherStudies(s.Text))
                .Take(rule.Max)
                .ToList();
            foreach (var s in matches)
            {
                Statement(builder, rule.Key, s, 0.6);
            }
        }
    }

    /// <summary>
    /// A sentence about other trials: a bracketed literature citation ("(Eisenhauer et al. 2009)") inside an eligibility or
    /// procedure sentence does not make it one.
    /// </summary>
    private static bool AboutOtherStudies(string text) => MetadataExtractor.AboutOtherStudies(Citation().Replace(text, string.Empty));

    /// <summary>The item itself once; further sentences about it as mentions (mention[i].about = the key, mention[i].text = the sentence).</summary>
    private static void Statement(ProfileBuilder builder, string key, ProfileSentence s, double confidence)
    {
        var evidence = Evidence(s);
        // A sentence is never the value of a yes/no or number item: it is kept as a mention of it.
        if (!builder.Has(key) && ProfileCatalog.Find(key)?.Type is not (ProfileCatalog.TypeBool or ProfileCatalog.TypeNumber))
        {
            builder.Add(key, s.Text, evidence, confidence, ProfileOrigins.Rules);
            return;
        }

        var i = builder.Next("mention");
        builder.Add($"mention[{i}].about", key, evidence, confidence, ProfileOrigins.Rules);
        builder.Add($"mention[{i}].text", s.Text, evidence, confidence, ProfileOrigins.Rules);
    }

    private static ProfileEvidence Evidence(ProfileSentence s) => new(s.Page, s.Text, s.DocumentId);

    /// <summary>Ages, minors, assent, adults unable to consent, exception from consent.</summary>
    private static void Audience(ProfileBuilder builder, StudyRecord study, IReadOnlyList<ProfileSentence> sentences, IReadOnlyList<StoredPage> pages)
    {
        var v = ProfileVocabulary.Default;
        var ageSentence = sentences
            .Where(s => (v.AgeSections.IsMatch(s.Section) || s.Page <= 3) && !s.Text.Contains("assent", StringComparison.OrdinalIgnoreCase))
            .Select(s => (Sentence: s, Ages: AgeRange(s.Text)))
            .FirstOrDefault(x => x.Ages is not null);
        if (ageSentence.Ages is { } ages)
        {
            var evidence = Evidence(ageSentence.Sentence);
            builder.Add("audience.ageRange", ages.Text, evidence, 0.8, ProfileOrigins.Rules);
            if (ages.Min is int min)
            {
                builder.Add("audience.minAge", min.ToString(CultureInfo.InvariantCulture), evidence, 0.8, ProfileOrigins.Rules);
                builder.Add("audience.enrollsMinors", min < 18 ? "true" : "false", evidence, 0.8, ProfileOrigins.Rules);
            }

            if (ages.Max is int max)
            {
                builder.Add("audience.maxAge", max.ToString(CultureInfo.InvariantCulture), evidence, 0.8, ProfileOrigins.Rules);
                if (ages.Min is null && max < 18)
                {
                    builder.Add("audience.enrollsMinors", "true", evidence, 0.8, ProfileOrigins.Rules);
                }
            }
        }

        // Further age statements: the synopsis and the criteria often both state the ages, on different pages.
        foreach (var more in sentences.Where(s => ageSentence.Ages is not null && v.AgeSections.IsMatch(s.Section) && s != ageSentence.Sentence && AgeRange(s.Text) is not null && !s.Text.Contains("assent", StringComparison.OrdinalIgnoreCase)).Take(5))
        {
            Statement(builder, "audience.ageRange", more, 0.6);
        }

        foreach (var s in sentences)
        {
            if (!builder.Has("audience.assentFromAge") && AssentAge().Match(s.Text) is { Success: true } assent)
            {
                builder.Add("audience.assentFromAge", assent.Groups["age"].Value, Evidence(s), 0.7, ProfileOrigins.Rules);
                builder.Add("audience.enrollsMinors", "true", Evidence(s), 0.7, ProfileOrigins.Rules);
            }

            if (!builder.Has("audience.exceptionFromConsent") && ExceptionFromConsent().IsMatch(s.Text))
            {
                builder.Add("audience.exceptionFromConsent", "true", Evidence(s), 0.8, ProfileOrigins.Rules);
            }
        }

        var text = string.Join("\n\n", pages.Select(p => p.Text));
        var (unable, reason) = ConsentCapacityDetector.Detect(study, text);
        if (unable is bool value && QuoteOf(reason) is { } quote && FindSentence(sentences, quote) is { } found)
        {
            builder.Add("audience.adultsUnableToConsent", value ? "true" : "false", Evidence(found), 0.7, ProfileOrigins.Rules);
        }
    }

    /// <summary>An age range stated in a sentence: "aged 2 to 17 years", "≥ 18 years of age", "18 years or older", "from birth to 18 years".</summary>
    internal static (string Text, int? Min, int? Max)? AgeRange(string text)
    {
        if (AgeBetween().Match(text) is { Success: true } between)
        {
            var min = int.Parse(between.Groups["min"].Value, CultureInfo.InvariantCulture);
            var max = int.Parse(between.Groups["max"].Value, CultureInfo.InvariantCulture);
            return min < max ? ($"{min} to {max} years", min, max) : null;
        }

        if (AgeFromBirth().Match(text) is { Success: true } birth)
        {
            var max = int.Parse(birth.Groups["max"].Value, CultureInfo.InvariantCulture);
            return ($"birth to {max} years", 0, max);
        }

        if (AgeAtLeast().Match(text) is { Success: true } atLeast)
        {
            var min = int.Parse(atLeast.Groups["min"].Value, CultureInfo.InvariantCulture);
            return ($"{min} years or older", min, null);
        }

        if (AgeBelow().Match(text) is { Success: true } below)
        {
            var max = int.Parse(below.Groups["max"].Value, CultureInfo.InvariantCulture);
            return ($"younger than {max} years", null, max);
        }

        return null;
    }

    /// <summary>The condition from the title: "… in Patients with Wilson Disease …".</summary>
    private static void Condition(ProfileBuilder builder, StudyMetadata metadata)
    {
        if (metadata.Title is { } title && ConditionInTitle().Match(title.Value) is { Success: true } m)
        {
            builder.Add("study.condition", m.Groups["c"].Value.Trim(), title.Page is int page ? new ProfileEvidence(page, ProfileExtractor.Trim(ProfileText.Normalize(m.Value))) : null, 0.6, ProfileOrigins.Rules);
        }
    }

    /// <summary>The allocation ratio and the blinding, from design sentences (randomized is a quality fact: see Facts).</summary>
    private static void Design(ProfileBuilder builder, IReadOnlyList<ProfileSentence> sentences)
    {
        foreach (var s in sentences)
        {
            if (AboutOtherStudies(s.Text) || s.Text.Split(' ').Length < 5)
            {
                continue;
            }

            if (!builder.Has("study.allocationRatio") && Ratio().Match(s.Text) is { Success: true } ratio && AllocationCue().IsMatch(s.Text))
            {
                builder.Add("study.allocationRatio", Regex.Replace(ratio.Value, @"\s+", string.Empty), Evidence(s), 0.8, ProfileOrigins.Rules);
            }

            if (!builder.Has("study.blinding") && Blinding().Match(s.Text) is { Success: true } blind)
            {
                builder.Add("study.blinding", blind.Value.ToLowerInvariant().Replace(' ', '-'), Evidence(s), 0.7, ProfileOrigins.Rules);
            }
        }
    }

    /// <summary>
    /// Interventions: the names written before a dose ("Niraparib 200 mg", "glucagon 3 mg") that the protocol uses at least three
    /// times; for each, the dose sentences with route, schedule and duration, and a code or brand in brackets after the name.
    /// </summary>
    private static void Interventions(ProfileBuilder builder, IReadOnlyList<ProfileSentence> sentences)
    {
        var v = ProfileVocabulary.Default;
        var candidates = new Dictionary<string, List<ProfileSentence>>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in sentences)
        {
            foreach (Match m in NameBeforeDose().Matches(s.Text))
            {
                var name = m.Groups["name"].Value;
                if (name.Length < 3 || v.NotInterventionNames.Contains(name) || name.All(c => char.IsDigit(c) || c == '-'))
                {
                    continue;
                }

                if (!candidates.TryGetValue(name, out var list))
                {
                    candidates[name] = list = [];
                }

                list.Add(s);
            }
        }

        // How often each word is used, counted once for the whole text rather than once per candidate name.
        var uses = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in sentences)
        {
            foreach (Match word in Word().Matches(s.Text))
            {
                uses[word.Value] = uses.GetValueOrDefault(word.Value) + 1;
            }
        }

        var chosen = candidates
            .Select(c => (Name: c.Key, Sentences: c.Value, Uses: uses.GetValueOrDefault(c.Key)))
            .Where(c => c.Uses >= 3 && (c.Sentences.Count >= 2 || char.IsUpper(c.Name[0])))
            .OrderByDescending(c => c.Uses)
            .Take(MaxInterventions)
            .ToList();
        foreach (var (name, doseSentences, _) in chosen)
        {
            var i = builder.Next("intervention");
            var first = doseSentences[0];
            builder.Add($"intervention[{i}].name", name, Evidence(first), 0.7, ProfileOrigins.Rules);
            var otherNames = OtherNames(name);
            if (sentences.Select(s => (s, m: otherNames.Match(s.Text))).FirstOrDefault(x => x.m.Success) is { s: not null } other)
            {
                builder.Add($"intervention[{i}].otherNames", other.m.Groups["other"].Value, Evidence(other.s), 0.6, ProfileOrigins.Rules);
            }

            var doses = doseSentences.Where(s => v.Route.IsMatch(s.Text) || v.Schedule.IsMatch(s.Text)).DefaultIfEmpty(first).Take(3).ToList();
            builder.Add($"intervention[{i}].dose", doses[0].Text, Evidence(doses[0]), 0.6, ProfileOrigins.Rules);
            foreach (var more in doses.Skip(1))
            {
                Statement(builder, $"intervention[{i}].dose", more, 0.5);
            }

            if (doseSentences.Select(s => (s, m: v.Route.Match(s.Text))).FirstOrDefault(x => x.m.Success) is { s: not null } route)
            {
                builder.Add($"intervention[{i}].route", route.m.Value, Evidence(route.s), 0.6, ProfileOrigins.Rules);
            }

            var mentions = sentences.Where(s => s.Text.Contains(name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (mentions.FirstOrDefault(s => TreatmentDuration().IsMatch(s.Text)) is { } duration)
            {
                builder.Add($"intervention[{i}].duration", duration.Text, Evidence(duration), 0.5, ProfileOrigins.Rules);
            }

            if (mentions.FirstOrDefault(s => Approval().IsMatch(s.Text)) is { } approval)
            {
                builder.Add($"intervention[{i}].approval", approval.Text, Evidence(approval), 0.5, ProfileOrigins.Rules);
            }
        }

        // Placebo as the comparator.
        if (sentences.FirstOrDefault(s => PlaceboWord().IsMatch(s.Text) && !AboutOtherStudies(s.Text)) is { } placebo)
        {
            builder.Add("comparator.kind", "placebo", Evidence(placebo), 0.7, ProfileOrigins.Rules);
        }
    }

    /// <summary>Groups named "Arm A", "Group 1", "Cohort 2" with the sentence that first says what they get.</summary>
    private static void Arms(ProfileBuilder builder, IReadOnlyList<ProfileSentence> sentences)
    {
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in sentences)
        {
            foreach (Match m in ArmName().Matches(s.Text))
            {
                var name = Regex.Replace(m.Groups["arm"].Value, @"\s+", " ");
                if (named.Count < 8 && named.Add(name))
                {
                    var i = builder.Next("arm");
                    builder.Add($"arm[{i}].name", name, Evidence(s), 0.6, ProfileOrigins.Rules);
                    builder.Add($"arm[{i}].description", s.Text, Evidence(s), 0.5, ProfileOrigins.Rules);
                }
            }
        }
    }

    /// <summary>
    /// Named risks (a vocabulary of side effects and procedure risks) in the protocol's risk sections, or in sentences about side
    /// effects elsewhere; never in safety-reporting sections. Each with how common when the sentence says, and its source when
    /// it names an intervention.
    /// </summary>
    private static void Risks(ProfileBuilder builder, IReadOnlyList<ProfileSentence> sentences, ProfileVocabulary v)
    {
        var interventions = builder.Items.Where(i => i.Key.StartsWith("intervention[", StringComparison.Ordinal) && i.Key.EndsWith(".name", StringComparison.Ordinal)).Select(i => i.Value).ToList();
        var perTerm = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var ordered = sentences
            .Where(s => !AboutOtherStudies(s.Text))
            .Where(s => !v.NotRiskSections.IsMatch(s.Section) || v.RiskStatement.IsMatch(s.Text))
            .Select(s => (Sentence: s, InRiskSection: v.RiskSections.IsMatch(s.Section) && !v.NotRiskSections.IsMatch(s.Section)))
            .Where(x => x.InRiskSection || v.RiskCue.IsMatch(x.Sentence.Text))
            .OrderByDescending(x => x.InRiskSection)
            .ToList();
        foreach (var (s, inRiskSection) in ordered)
        {
            // A risk the vocabulary does not name: the sentence itself, when it states a risk.
            if (!v.RiskTerms.IsMatch(s.Text) && (inRiskSection || v.RiskStatement.IsMatch(s.Text)) && v.RiskStatement.IsMatch(s.Text))
            {
                Statement(builder, "risks.other", s, 0.4);
            }

            foreach (Match m in v.RiskTerms.Matches(s.Text))
            {
                var term = m.Value.ToLowerInvariant();
                var used = perTerm.GetValueOrDefault(term);
                if (used >= SentencesPerRisk || builder.Count("risk") >= MaxRisks)
                {
                    continue;
                }

                perTerm[term] = used + 1;
                var i = builder.Next("risk");
                var evidence = Evidence(s);
                builder.Add($"risk[{i}].name", m.Value, evidence, 0.6, ProfileOrigins.Rules);
                if (v.Frequency.Match(s.Text) is { Success: true } frequency)
                {
                    builder.Add($"risk[{i}].frequency", frequency.Value, evidence, 0.5, ProfileOrigins.Rules);
                }

                if (interventions.FirstOrDefault(n => s.Text.Contains(n, StringComparison.OrdinalIgnoreCase)) is { } source)
                {
                    builder.Add($"risk[{i}].source", source, evidence, 0.5, ProfileOrigins.Rules);
                }
            }
        }
    }

    /// <summary>Procedures (from the vocabulary) with the sentences that say how much, how often or how long.</summary>
    private static void Procedures(ProfileBuilder builder, IReadOnlyList<ProfileSentence> sentences, ProfileVocabulary v)
    {
        foreach (var (name, pattern) in v.Procedures)
        {
            var found = sentences
                .Where(s => pattern.IsMatch(s.Text) && !AboutOtherStudies(s.Text))
                .Where(s => v.ProcedureSections.IsMatch(s.Section) || v.BurdenCue.IsMatch(s.Text))
                .OrderByDescending(s => v.Amount.IsMatch(s.Text) ? 2 : v.BurdenCue.IsMatch(s.Text) ? 1 : 0)
                .Take(SentencesPerProcedure)
                .ToList();
            foreach (var s in found)
            {
                if (builder.Count("procedure") >= MaxProcedures)
                {
                    return;
                }

                var i = builder.Next("procedure");
                builder.Add($"procedure[{i}].name", name, Evidence(s), 0.6, ProfileOrigins.Rules);
                builder.Add($"procedure[{i}].burden", s.Text, Evidence(s), 0.5, ProfileOrigins.Rules);
            }
        }
    }

    /// <summary>The study facts the quality checks use (facts.*), each with the sentence that decided it when there is one.</summary>
    private static void Facts(ProfileBuilder builder, StudyRecord study, IReadOnlyList<ProfileSentence> sentences, IReadOnlyList<StoredPage> pages)
    {
        var detected = QualityFactsDetector.Detect(study, string.Join("\n\n", pages.Select(p => p.Text)));
        foreach (var name in QualityFacts.Names)
        {
            // The consent-capacity fact is its own item (Audience); randomized is study.randomized (ProfileFacts.KeyOf).
            if (name is ConsentCapacityDetector.FactName || detected.Facts.ValueOf(name) is not bool value)
            {
                continue;
            }

            var reason = detected.Reasons.GetValueOrDefault(name);
            var evidence = QuoteOf(reason) is { } quote && FindSentence(sentences, quote) is { } s ? Evidence(s) : null;
            builder.Add(ProfileFacts.KeyOf(name), value ? "true" : "false", evidence, evidence is null ? 0.4 : 0.7, ProfileOrigins.Rules);
        }
    }

    /// <summary>The quoted words of a detector's reason (protocol mentions "…").</summary>
    private static string? QuoteOf(string? reason)
    {
        if (reason is null)
        {
            return null;
        }

        var open = reason.IndexOf('"', StringComparison.Ordinal);
        var close = reason.LastIndexOf('"');
        return open >= 0 && close > open + 1 ? reason[(open + 1)..close].TrimEnd('.') : null;
    }

    /// <summary>The first sentence holding a quote (or its first 60 characters when the detector shortened it).</summary>
    private static ProfileSentence? FindSentence(IReadOnlyList<ProfileSentence> sentences, string quote)
    {
        var key = ProfileText.Normalize(quote);
        if (key.EndsWith("...", StringComparison.Ordinal))
        {
            key = key[..^3];
        }

        key = key.Length > 60 ? key[..60] : key;
        return sentences.FirstOrDefault(s => s.Text.Contains(key, StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"\b(?:aged?|ages?|between)\s+(?:of\s+)?(?:between\s+)?(?<min>\d{1,2})\s*(?:years?\s*)?(?:to|-|–|and|through|until)\s*(?<max>\d{1,2})\s*(?:years|yrs)|\b(?<min>\d{1,2})\s*(?:to|-|–|through)\s*(?<max>\d{1,2})\s*years\s*(?:of\s+age|old|\(inclusive\)|inclusive)", RegexOptions.IgnoreCase)]
    private static partial Regex AgeBetween();

    [GeneratedRegex(@"\bfrom\s+birth\s+(?:to|through|until|up\s+to)\s+(?<max>\d{1,2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex AgeFromBirth();

    [GeneratedRegex(@"(?:≥|>=|\bat\s+least|\baged?\s*≥?|\bage\s+of\s+≥?)\s*(?<min>\d{1,2})\s*(?:years|yrs)|(?:≥|>=|\baged?\s*≥)\s*(?<min>\d{1,2})\b(?!\s*(?:%|mg|kg|cm|mm|months|weeks|days|hours))|\b(?<min>\d{1,2})\s*(?:years|yrs)\s*(?:of\s+age\s*|old\s*)?(?:or|and)\s+(?:older|above|over)|\bage\s*(?:is\s+)?(?:>\s*or\s+equal\s+to|greater\s+than\s+or\s+equal\s+to|(?:at\s+least|≥|>=))\s*(?<min>\d{1,2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex AgeAtLeast();

    [GeneratedRegex(@"(?:<|\byounger\s+than|\bunder\s+(?:the\s+age\s+of\s+)?)\s*(?<max>\d{1,2})\s*(?:years|yrs)", RegexOptions.IgnoreCase)]
    private static partial Regex AgeBelow();

    [GeneratedRegex(@"\bassent\b[^.]{0,100}?\b(?:aged?|ages?|years?|children)\s*(?:of\s+)?(?<age>\d{1,2})\b|\b(?:aged?|ages?)\s*(?<age>\d{1,2})\s*(?:years\s*)?(?:and|or)\s*(?:older|above)[^.]{0,80}\bassent\b|\b(?<age>\d{1,2})\s*years?\s*(?:of\s+age\s*)?(?:and|or)\s*(?:older|above)[^.]{0,80}\bassent\b", RegexOptions.IgnoreCase)]
    private static partial Regex AssentAge();

    [GeneratedRegex(@"\b50\.24\b|\bexception\s+from\s+(?:the\s+requirements?\s+(?:for|of)\s+)?informed\s+consent\b|\bEFIC\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExceptionFromConsent();

    [GeneratedRegex(@"\b(?:in|among)\s+(?:\w+\s+){0,2}(?:patients|participants|subjects|adults|children|infants|women|men|people|individuals)\s+(?:with|who\s+have)\s+(?<c>[^,;.()]{3,80})", RegexOptions.IgnoreCase)]
    private static partial Regex ConditionInTitle();

    [GeneratedRegex(@"(?<![\d.:])\d{1,2}\s?:\s?\d{1,2}(?:\s?:\s?\d{1,2})*(?![\d.:])")]
    private static partial Regex Ratio();

    [GeneratedRegex(@"\brandom|\ballocat|\bratio\b|\bassigned\b", RegexOptions.IgnoreCase)]
    private static partial Regex AllocationCue();

    [GeneratedRegex(@"\b(?:double|single|triple|observer|participant|investigator)[\s-]blind(?:ed)?\b|\bopen[\s-]label\b|\bunblinded\b|\bnon-?blinded\b|\bmasked\b", RegexOptions.IgnoreCase)]
    private static partial Regex Blinding();

    [GeneratedRegex(@"(?<![\p{L}\d-])(?<name>[A-Za-z][A-Za-z0-9\-]{2,30})(?:\s*\([^)]{2,30}\))?\s+\d+(?:[.,]\d+)?\s*(?:mg/kg|mg/m2|mg/m²|µg|μg|mcg|mg|g|mL|IU|units?)\b")]
    private static partial Regex NameBeforeDose();

    private static Regex OtherNames(string name) => new(@"\b" + Regex.Escape(name) + @"\s*\((?<other>[^)]{2,40})\)", RegexOptions.IgnoreCase);

    [GeneratedRegex(@"\bfor\s+(?:up\s+to\s+|a\s+(?:total|maximum)\s+of\s+|approximately\s+)?(?:\d+|one|two|three|four|six|twelve)\s+(?:days|weeks|months|years|cycles|doses)\b|\buntil\s+(?:disease\s+progression|unacceptable\s+toxicity)", RegexOptions.IgnoreCase)]
    private static partial Regex TreatmentDuration();

    [GeneratedRegex(@"\b(?:approved|licensed|marketed|authori[sz]ed)\b[^.]{0,60}\b(?:for|in|by)\b|\binvestigational\b|\bnot\s+(?:been\s+)?approved\b|\boff-label\b", RegexOptions.IgnoreCase)]
    private static partial Regex Approval();

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9\-]*")]
    private static partial Regex Word();

    [GeneratedRegex(@"\([^()]*\bet\s+al\b[^()]*\)", RegexOptions.IgnoreCase)]
    private static partial Regex Citation();

    [GeneratedRegex(@"\bplacebo\b", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceboWord();

    [GeneratedRegex(@"\b(?<arm>(?:Arm|Group|Cohort)\s+(?:[A-Z]|\d{1,2}|[IV]{1,3}))(?=\s*[:(\-–,]|\s+(?:will|receives?|patients|participants|subjects))")]
    private static partial Regex ArmName();
}
