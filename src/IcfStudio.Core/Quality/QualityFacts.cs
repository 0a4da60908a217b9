using System.Text.RegularExpressions;
using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Quality;

/// <summary>
/// Study facts that decide which consent elements apply. Null means unknown: the element is then "recommended"
/// rather than required or not applicable. Users override detected values with <see cref="Merge"/>.
/// </summary>
public sealed record QualityFacts
{
    /// <summary>Under FDA regulation (IND/IDE, investigational drug or device): 21 CFR 50 applies.</summary>
    public bool? FdaRegulated { get; init; }

    /// <summary>An "applicable clinical trial" that must carry the ClinicalTrials.gov statement (21 CFR 50.25(c)).</summary>
    public bool? ApplicableClinicalTrial { get; init; }

    public bool? MoreThanMinimalRisk { get; init; }

    /// <summary>Collects biospecimens (blood, tissue, urine…).</summary>
    public bool? Biospecimens { get; init; }

    /// <summary>Collects identifiable private information or identifiable biospecimens.</summary>
    public bool? IdentifiableData { get; init; }

    public bool? Randomized { get; init; }

    public bool? ParticipantsPaid { get; init; }

    public bool? CertificateOfConfidentiality { get; init; }

    /// <summary>Uses protected health information of US participants (HIPAA authorization).</summary>
    public bool? UsesPhi { get; init; }

    public bool? WrittenConsent { get; init; }

    /// <summary>
    /// May enrol adults who cannot consent for themselves (impaired decision-making capacity, emergency or ICU research):
    /// a legally authorized representative then signs (21 CFR 50.27(a), 45 CFR 46.117), and the export adds their block.
    /// </summary>
    public bool? AdultsUnableToConsent { get; init; }

    public static QualityFacts Unknown { get; } = new();

    /// <summary>The names accepted by <see cref="WithValue"/> (camelCase, as in JSON and on the command line).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "fdaRegulated", "applicableClinicalTrial", "moreThanMinimalRisk", "biospecimens", "identifiableData",
        "randomized", "participantsPaid", "certificateOfConfidentiality", "usesPhi", "writtenConsent",
        "adultsUnableToConsent",
    ];

    /// <summary>These facts with every known value of <paramref name="overrides"/> on top.</summary>
    public QualityFacts Merge(QualityFacts? overrides) => overrides is null ? this : new QualityFacts
    {
        FdaRegulated = overrides.FdaRegulated ?? FdaRegulated,
        ApplicableClinicalTrial = overrides.ApplicableClinicalTrial ?? ApplicableClinicalTrial,
        MoreThanMinimalRisk = overrides.MoreThanMinimalRisk ?? MoreThanMinimalRisk,
        Biospecimens = overrides.Biospecimens ?? Biospecimens,
        IdentifiableData = overrides.IdentifiableData ?? IdentifiableData,
        Randomized = overrides.Randomized ?? Randomized,
        ParticipantsPaid = overrides.ParticipantsPaid ?? ParticipantsPaid,
        CertificateOfConfidentiality = overrides.CertificateOfConfidentiality ?? CertificateOfConfidentiality,
        UsesPhi = overrides.UsesPhi ?? UsesPhi,
        WrittenConsent = overrides.WrittenConsent ?? WrittenConsent,
        AdultsUnableToConsent = overrides.AdultsUnableToConsent ?? AdultsUnableToConsent,
    };

    /// <summary>A fact's value as a user writes it: true/yes/1, false/no/0, or unknown/empty (null); false for anything else.</summary>
    public static bool TryParseValue(string? text, out bool? value)
    {
        switch (text?.ToLowerInvariant())
        {
            case "true" or "yes" or "1":
                value = true;
                return true;
            case "false" or "no" or "0":
                value = false;
                return true;
            case "unknown" or "" or null:
                value = null;
                return true;
            default:
                value = null;
                return false;
        }
    }

    /// <summary>One fact by its camelCase name (null for an unknown name or value).</summary>
    public bool? ValueOf(string name) => name.ToLowerInvariant() switch
    {
        "fdaregulated" => FdaRegulated,
        "applicableclinicaltrial" => ApplicableClinicalTrial,
        "morethanminimalrisk" => MoreThanMinimalRisk,
        "biospecimens" => Biospecimens,
        "identifiabledata" => IdentifiableData,
        "randomized" => Randomized,
        "participantspaid" => ParticipantsPaid,
        "certificateofconfidentiality" => CertificateOfConfidentiality,
        "usesphi" => UsesPhi,
        "writtenconsent" => WrittenConsent,
        "adultsunabletoconsent" => AdultsUnableToConsent,
        _ => null,
    };

    /// <summary>Sets one fact by its camelCase name; throws <see cref="BadInputException"/> for an unknown name.</summary>
    public QualityFacts WithValue(string name, bool? value) => name.ToLowerInvariant() switch
    {
        "fdaregulated" => this with { FdaRegulated = value },
        "applicableclinicaltrial" => this with { ApplicableClinicalTrial = value },
        "morethanminimalrisk" => this with { MoreThanMinimalRisk = value },
        "biospecimens" => this with { Biospecimens = value },
        "identifiabledata" => this with { IdentifiableData = value },
        "randomized" => this with { Randomized = value },
        "participantspaid" => this with { ParticipantsPaid = value },
        "certificateofconfidentiality" => this with { CertificateOfConfidentiality = value },
        "usesphi" => this with { UsesPhi = value },
        "writtenconsent" => this with { WrittenConsent = value },
        "adultsunabletoconsent" => this with { AdultsUnableToConsent = value },
        _ => throw new BadInputException("unknown_fact", $"Unknown study fact '{name}'. Known: {string.Join(", ", Names)}."),
    };
}

/// <summary>Detected facts and, per fact name, why.</summary>
public sealed record DetectedFacts(QualityFacts Facts, IReadOnlyDictionary<string, string> Reasons);

/// <summary>
/// A study's detected facts, the ones reviewers set in its profile, and <see cref="Effective"/>: what the checks and the
/// export use (detected, then the profile's review, where a cleared fact is unknown).
/// </summary>
public sealed record StudyFacts(DetectedFacts Detected, QualityFacts Overrides, QualityFacts Effective);

/// <summary>Guesses study facts from the fact sheet and the protocol text (the user can override every one).</summary>
internal static partial class QualityFactsDetector
{
    public static DetectedFacts Detect(StudyRecord? study, string protocolText)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var hasText = protocolText.Length > 0;
        var phase = study?.Metadata.Phase?.Value;

        bool? fda = null;
        if (FdaRegex().Match(protocolText) is { Success: true } fdaMatch)
        {
            fda = true;
            reasons["fdaRegulated"] = $"protocol mentions \"{fdaMatch.Value}\"";
        }

        var phaseNumber = phase is null ? null : PhaseRegex().Match(phase) is { Success: true } pm ? pm.Groups[1].Value.ToUpperInvariant() : null;
        bool? act = null;
        if (fda == true && phaseNumber is not null)
        {
            // Phase 1 drug trials are not "applicable clinical trials" (42 U.S.C. 282(j)); phase 2 and later are.
            act = phaseNumber is not ("1" or "I");
            reasons["applicableClinicalTrial"] = $"FDA-regulated, phase {phase}";
        }
        else if (study?.Metadata.NctId is not null && fda == true)
        {
            act = true;
            reasons["applicableClinicalTrial"] = $"FDA-regulated and registered as {study.Metadata.NctId.Value}";
        }

        bool? risk = null;
        if (phase is not null || InterventionRegex().IsMatch(protocolText))
        {
            risk = true;
            reasons["moreThanMinimalRisk"] = phase is not null ? $"interventional trial (phase {phase})" : "protocol describes an investigational intervention";
        }

        bool? specimens = null;
        if (SpecimenRegex().Match(protocolText) is { Success: true } sm)
        {
            specimens = true;
            reasons["biospecimens"] = $"protocol mentions \"{sm.Value}\"";
        }
        else if (hasText)
        {
            specimens = false;
            reasons["biospecimens"] = "protocol mentions no samples";
        }

        var (randomized, randomizedReason) = DetectRandomized(protocolText, hasText);
        if (randomizedReason is not null)
        {
            reasons["randomized"] = randomizedReason;
        }

        bool? certificate = null;
        if (CertificateRegex().IsMatch(protocolText))
        {
            certificate = true;
            reasons["certificateOfConfidentiality"] = "protocol mentions a Certificate of Confidentiality";
        }

        bool? identifiable = hasText ? true : null;
        if (identifiable == true)
        {
            reasons["identifiableData"] = "clinical studies keep identifiable records";
        }

        reasons["writtenConsent"] = "written consent is the default (21 CFR 50.27)";
        var (unableToConsent, unableReason) = ConsentCapacityDetector.Detect(study, protocolText);
        if (unableReason is not null)
        {
            reasons[ConsentCapacityDetector.FactName] = unableReason;
        }

        var facts = new QualityFacts
        {
            FdaRegulated = fda,
            ApplicableClinicalTrial = act,
            MoreThanMinimalRisk = risk,
            Biospecimens = specimens,
            IdentifiableData = identifiable,
            Randomized = randomized,
            CertificateOfConfidentiality = certificate,
            WrittenConsent = true,
            AdultsUnableToConsent = unableToConsent,
        };
        return new DetectedFacts(facts, reasons);
    }

    [GeneratedRegex(@"\b(?:IND (?:number|no\.?|#)|investigational new drug|21 CFR (?:Part )?(?:50|312|812)|Food and Drug Administration|FDA)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FdaRegex();

    [GeneratedRegex(@"(?:phase\s*)?\b(1|2|3|4|I{1,3}|IV)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PhaseRegex();

    [GeneratedRegex(@"\b(?:investigational (?:product|drug|medicinal product|device)|study drug|placebo)\b", RegexOptions.IgnoreCase)]
    private static partial Regex InterventionRegex();

    [GeneratedRegex(@"\b(?:blood samples?|biospecimens?|tissue samples?|biops(?:y|ies)|urine samples?|specimens?|pharmacokinetic samples?|PK samples?|blood draws?|DNA)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpecimenRegex();

    [GeneratedRegex(@"\brandomi[sz](?:ed|ation|e)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RandomRegex();

    /// <summary>
    /// Randomized when a sentence says so. A mention in a heading ("Randomization and Blinding", which protocol templates
    /// carry whatever the design) decides nothing; a sentence that denies it ("randomization is not applicable",
    /// "non-randomized") counts against.
    /// </summary>
    internal static (bool? Randomized, string? Reason) DetectRandomized(string protocolText, bool hasText)
    {
        string? denial = null;
        var inHeadingsOnly = false;
        foreach (Match match in RandomRegex().Matches(protocolText))
        {
            var lineStart = protocolText.LastIndexOf('\n', match.Index) + 1;
            var lineEnd = protocolText.IndexOf('\n', match.Index);
            var line = protocolText[lineStart..(lineEnd < 0 ? protocolText.Length : lineEnd)].Trim();
            if (IsHeading(line))
            {
                inHeadingsOnly = true;
                continue;
            }

            var sentence = SentenceAround(protocolText, match);
            if (RandomDenialRegex().IsMatch(sentence))
            {
                denial ??= sentence;
                continue;
            }

            return (true, $"protocol mentions \"{match.Value}\"");
        }

        return denial is not null ? (false, $"protocol says \"{Shorten(denial)}\"")
            : inHeadingsOnly ? (null, "protocol names randomization only in headings")
            : hasText ? (false, "protocol never mentions randomization")
            : (null, null);
    }

    /// <summary>A short line without a full stop that is numbered or in title case: a heading or a contents entry, not a wrapped sentence.</summary>
    private static bool IsHeading(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 10 || line.EndsWith('.'))
        {
            return false;
        }

        var longWords = words.Where(w => w.Count(char.IsLetter) >= 4).ToList();
        return HeadingNumberRegex().IsMatch(line) || (longWords.Count > 0 && longWords.Count(w => char.IsUpper(w.First(char.IsLetter))) * 10 >= longWords.Count * 6);
    }

    [GeneratedRegex(@"^\d+\.(?:\d+\.?)*\s")]
    private static partial Regex HeadingNumberRegex();

    /// <summary>The sentence holding the match, without a heading just before it.</summary>
    private static string SentenceAround(string text, Match match)
    {
        var lines = ProtocolText.SentenceAround(text, match.Index, match.Length).Split('\n');
        return string.Join(' ', lines.SkipWhile(l => l.Trim().Length == 0 || IsHeading(l.Trim())).DefaultIfEmpty(lines[^1])).Trim();
    }

    private static string Shorten(string sentence) => sentence.Length <= 160 ? sentence : sentence[..157] + "...";

    [GeneratedRegex(@"\bnon-?randomi[sz]ed\b|\b(?:randomi[sz]ation|randomi[sz]ed)\b[^.]{0,40}\b(?:not|n/a)\s+(?:be\s+)?(?:applicable|apply|used|performed|done|required)\b|\b(?:not|never)\s+(?:be\s+)?randomi[sz]ed\b|\bno\s+randomi[sz]ation\b|\bwithout\s+randomi[sz]ation\b", RegexOptions.IgnoreCase)]
    private static partial Regex RandomDenialRegex();

    [GeneratedRegex(@"certificate of confidentiality", RegexOptions.IgnoreCase)]
    private static partial Regex CertificateRegex();
}
