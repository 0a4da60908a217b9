using System.Text.RegularExpressions;

namespace IcfStudio.Core.Quality;

/// <summary>One part of an element that a sentence must show (e.g. the "duration" of research_purpose_duration_procedures).</summary>
/// <param name="RequiredWhen">When given, the part counts only for studies where it returns true (e.g. FDA inspection).</param>
internal sealed record ElementPart(string Name, Regex Pattern, Func<QualityFacts, bool>? RequiredWhen = null);

/// <summary>How to recognise one element: every part must be found somewhere in the document.</summary>
/// <param name="TitlePattern">A section title that by itself shows the element (a "Key information" section, a signature block).</param>
internal sealed record ElementRule(
    string Id,
    IReadOnlyList<ElementPart> Parts,
    Func<QualityFacts, (Applicability Applicability, string Reason)> Applies,
    Regex? TitlePattern = null);

/// <summary>Process-wide settings of the quality patterns.</summary>
public static class QualityPatterns
{
    /// <summary>
    /// The AppContext switch a server sets before its first quality check: every completed section runs all element
    /// patterns over every sentence, which interpreted made quality the largest CPU cost of a busy server. Compiling them
    /// costs a quarter of a second at start, which a one-off CLI command would not win back.
    /// </summary>
    public const string CompiledSwitch = "IcfStudio.Quality.CompiledPatterns";
}

/// <summary>
/// Paraphrase-tolerant patterns per consent element. They look for the idea in plain words ("you can stop at any time",
/// "by chance, like flipping a coin") as well as in regulatory wording, one sentence at a time.
/// </summary>
internal static class ElementRules
{
    private static readonly RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant
        | (AppContext.TryGetSwitch(QualityPatterns.CompiledSwitch, out var compiled) && compiled ? RegexOptions.Compiled : RegexOptions.None);

    private static Regex R(string pattern) => new(pattern, Options, TimeSpan.FromSeconds(1));

    private static ElementPart P(string name, string pattern, Func<QualityFacts, bool>? when = null) => new(name, R(pattern), when);

    private static (Applicability, string) Always(string reason) => (Applicability.Required, reason);

    private static (Applicability, string) WhenAppropriate() => (Applicability.Recommended, "when appropriate");

    /// <summary>Required (or recommended) when the fact is true, not applicable when false, recommended when unknown.</summary>
    private static (Applicability, string) When(bool? fact, string name, bool onlyRecommended = false) => fact switch
    {
        true => (onlyRecommended ? Applicability.Recommended : Applicability.Required, $"{name}: yes"),
        false => (Applicability.NotApplicable, $"{name}: no"),
        null => (Applicability.Recommended, $"{name}: unknown"),
    };

    private const string Time = @"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|thirty|forty|fifty|sixty|several|a few)(?:[\s-]+(?:to|or|-|–)[\s-]+\S+)?[\s-]+(?:days?|weeks?|months?|years?|hours?)";

    public static IReadOnlyList<ElementRule> All { get; } =
    [
        new("key_information",
            [P("key information", @"\bkey (?:information|facts|points)\b|\b(?:most )?important things (?:to|you should) know\b|\bconcise (?:summary|presentation)\b")],
            _ => Always("always (Common Rule)"),
            R(@"key information|^summary|study summary|overview|what you should know|concise")),

        new("research_purpose_duration_procedures",
            [
                P("research", @"\bresearch\b|\b(?:this|the|a) (?:clinical |research )?(?:study|trial)\b|\bclinical (?:study|trial|research)\b"),
                P("purpose", @"\bpurpose\b|\b(?:aims?|goals?) (?:of|is|are)\b|\bwhy (?:is )?(?:this|the) (?:study|research)\b|\bwe (?:want|hope|would like) to (?:learn|find out|see|know|understand|test|compare)\b|\bto (?:learn|find out|see|test|study|compare|understand) (?:whether|if|how|what)\b|\bis being done (?:to|because)\b|\b(?:study|trial|research) (?:will )?(?:test|tests|look at|looks at|compare|compares)\b"),
                P("duration", $@"{Time}.*\b(?:study|trial|participat\w*|take part|be in|last|follow)|\b(?:study|trial|participat\w*|take part|be in)\b.*{Time}|\b(?:will|would) last\b|\bhow long\b.*\b(?:study|take part|be in)\b"),
                P("procedures", @"\bprocedures?\b|\bwhat (?:will|to) (?:happen|expect)\b|\bvisits?\b|\byou will (?:be asked to|have|receive|take|get|undergo|complete|come|visit|be given|fill out|answer|give)\b|\b(?:blood|urine) (?:tests?|draws?|samples?)\b|\bquestionnaires?\b"),
            ],
            _ => Always("always")),

        new("risks",
            [P("risks", @"\brisks?\b|\bside[- ]effects?\b|\bdiscomforts?\b|\badverse (?:events?|effects?|reactions?)\b|\b(?:could|may|might) (?:hurt|harm|cause)\b")],
            _ => Always("always")),

        new("benefits",
            [P("benefits", @"\bbenefits?\b|\bbenefit(?:ed|s)? from\b|\b(?:may|might|will|could) (?:not )?(?:directly )?help (?:you|others|people|future|doctors|patients|us)\b|\bno (?:direct )?benefit\b|\bhelp (?:others|people|future patients) in the future\b")],
            _ => Always("always")),

        new("alternatives",
            [P("alternatives", @"\balternatives?\b|\bother (?:\w+ )?(?:treatments?|options?|choices|therap\w+|medicines?|medications?|drugs?|ways to (?:treat|manage))\b|\bwithout (?:joining|being in|taking part)\b|\binstead of (?:being in|taking part in|joining) (?:this|the) (?:study|research|trial)\b|\b(?:can|could) (?:still )?(?:get|receive) (?:treatment|care) (?:without|outside)\b")],
            _ => Always("always")),

        new("confidentiality",
            [
                P("confidentiality", @"\bconfidential(?:ity)?\b|\bprivacy\b|\bprivate\b|\bprotect (?:your |the )?(?:privacy|information|identity|records|data)\b|\bkeep (?:your |the )?(?:information|records|data|identity|name)\b|\bcode(?:d)? (?:number|data|information)?\b|\bstudy (?:id|number|code) instead of your name\b|\blocked (?:cabinet|file|office)\b|\bpassword[- ]protected\b"),
                P("FDA may inspect records", @"\b(?:FDA|Food and Drug Administration)\b.*\b(?:inspect|review|look at|see|access|copy|check)\w*|\b(?:inspect|review|look at|see|access|copy|check)\w*\b.*\b(?:FDA|Food and Drug Administration)\b", f => f.FdaRegulated == true),
            ],
            _ => Always("always")),

        new("injury_compensation",
            [P("injury", @"\b(?:injur(?:y|ies|ed)|hurt|harmed|get sick because)\b.*\b(?:treat\w*|care|pay\w*|compensat\w*|costs?|bills?|insurance)\b|\b(?:treat\w*|care|pay\w*|compensat\w*|costs?|bills?)\b.*\b(?:injur(?:y|ies|ed)|hurt|harmed)\b")],
            f => When(f.MoreThanMinimalRisk, "more than minimal risk")),

        new("contacts",
            [
                P("questions", @"\b(?:questions?|concerns?|complaints?|problems?)\b.*\b(?:contact|call|e-?mail|phone|reach|talk (?:to|with)|ask)\b|\b(?:contact|call|e-?mail|reach|talk (?:to|with))\b.*\b(?:questions?|concerns?)\b"),
                P("rights", @"\brights?\b.*\b(?:contact|call|irb|institutional review board|ethics|review board|office)\b|\b(?:irb|institutional review board|ethics (?:board|committee)|research (?:participant|subject) (?:advocate|protection)|human (?:research |subjects? )?protections?)\b"),
                P("injury contact", @"\b(?:injur\w*|hurt|harmed|emergency|get sick)\b.*\b(?:contact|call|tell|let .* know|go to)\b|\b(?:contact|call|tell)\b.*\b(?:injur\w*|hurt|harmed)\b"),
            ],
            _ => Always("always")),

        new("voluntary_participation",
            [
                P("voluntary", @"\bvoluntar(?:y|ily)\b|\byour (?:choice|decision)\b|\bup to you\b|\b(?:can|may) (?:choose|decide) (?:whether|not|if)\b|\bdo not have to (?:take part|be in|join|participate|agree)\b|\bfree to (?:choose|decide|say no)\b"),
                P("no penalty", @"\b(?:no|without) (?:penalty|penalties|loss of (?:any )?benefits?)\b|\bnot (?:lose|affect|change|harm) (?:any |the )?(?:benefits?|care|your (?:medical )?care|your relationship)\b|\bwill not (?:be )?(?:penalized|punished|lose|affect)\b|\bwon'?t (?:lose|affect|change)\b|\bsame (?:medical )?care\b|\bwill (?:still )?(?:get|receive) (?:the )?(?:same |usual )?care\b"),
                P("stop any time", @"\b(?:stop|withdraw|leave|quit|drop out|change your mind)\b.*\b(?:any ?time|at any point|whenever you)\b|\b(?:any ?time|at any point)\b.*\b(?:stop|withdraw|leave|quit|drop out)\b"),
            ],
            _ => Always("always")),

        new("future_use_of_data_and_specimens",
            [P("future use", @"\b(?:future|other|later) (?:research|studies|study|projects?|use)\b.*\b(?:information|data|samples?|specimens?|biospecimens?|blood|tissue|identif\w*|consent|permission)\b|\b(?:information|data|samples?|specimens?|biospecimens?|blood|tissue)\b.*\b(?:future|other|later) (?:research|studies|study|projects?)\b|\b(?:identifiers?|identifying information|your name)\b.*\bremoved\b.*\b(?:used|shared)\b|\b(?:used|shared) (?:for|with|in) (?:other|future|later) (?:research\w*|studies|projects)\b|\b(?:will|may) not be (?:used|shared) for (?:other|future) research\b")],
            f => When(f.IdentifiableData == true || f.Biospecimens == true ? true : f.IdentifiableData ?? f.Biospecimens, "identifiable information or biospecimens")),

        new("unforeseeable_risks",
            [P("unforeseeable", @"\b(?:unforeseeable|unforeseen|unknown|not (?:yet )?known|unexpected|unanticipated)\b.*\b(?:risks?|side effects?|effects?|harms?|problems?)\b|\b(?:risks?|side effects?)\b.*\b(?:unforeseeable|unforeseen|unknown|not (?:yet )?known|we do not know|may not be known)\b|\bwe (?:do not|don'?t) know all\b|\b(?:unborn (?:baby|child)|embryo|fetus|foetus)\b")],
            _ => WhenAppropriate()),

        new("termination_by_investigator",
            [P("investigator may end", @"\b(?:study (?:doctor|team|staff|sponsor)|investigators?|researchers?|sponsor|doctors?|we|FDA|IRB)\b.*\b(?:may|might|can|could|will)\b.*\b(?:stop|end|remove|withdraw|take) (?:you|your (?:participation|part))\b|\btake you out of (?:the|this) (?:study|trial)\b|\byou (?:may|might|could|can) be (?:stopped|taken out|removed|withdrawn)\b|\b(?:you or the study doctor|the study doctor or you|study doctor) (?:may |might |can )?stops? your (?:taking part|participation)\b|\bremove(?:d)? (?:you )?from (?:the|this) (?:study|trial)\b|\b(?:stop|end|remove|take you out)\w*\b.*\bwithout your (?:consent|permission|agreement)\b|\b(?:study|trial) (?:may|might|could) (?:be )?(?:stopped|ended) (?:early)?")],
            _ => WhenAppropriate()),

        new("additional_costs",
            [P("costs", @"\bcosts?\b|\bpay for\b|\bcharged?\b|\bbill(?:ed|s)?\b|\bexpenses?\b|\bfree of charge\b|\bat no (?:cost|charge)\b|\binsurance\b")],
            _ => WhenAppropriate()),

        new("withdrawal_consequences",
            [P("if you withdraw", @"\b(?:if|when|should) you (?:decide to |choose to |want to |wish to )?(?:stop|leave|withdraw|quit|drop out|no longer want)\b|\bafter you (?:stop|leave|withdraw)\b|\b(?:data|information|samples?) (?:already )?collected (?:before|up to|until)\b.*\b(?:withdraw|leave|stop)\b|\bwithdraw(?:al|ing)? (?:from (?:the|this) (?:study|trial)|your consent)\b")],
            _ => WhenAppropriate()),

        new("new_findings",
            [P("new findings", @"\bnew (?:information|findings?|safety information)\b|\bsignificant new\b|\blearn (?:anything|something) new\b|\btell you (?:about )?(?:any )?(?:new|important) (?:information|findings?|changes)\b|\b(?:inform|tell|told|update) you\b.*\b(?:new|changes?)\b")],
            _ => WhenAppropriate()),

        new("number_of_participants",
            [P("number", @"^(?=.*\b(?:take part|taking part|enrol\w*|join|in (?:this|the) (?:study|trial|research)|participat\w*|be included|will be in)\b).*?\b(?:[\d,]*\d|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?)\b(?: \w+)?\s+(?:people|participants?|subjects?|patients?|volunteers?|individuals?|children|adults|women|men|persons)\b")],
            _ => WhenAppropriate()),

        new("commercial_profit",
            [P("commercial use", @"\bcommercial\w*\b|\bprofits?\b|\bpatents?\b|\bmake money\b|\b(?:sell|sold)\b.*\b(?:samples?|specimens?|data|products?)\b|\bshare in (?:any )?(?:money|profits?|payments?)\b")],
            f => When(f.Biospecimens, "biospecimens", onlyRecommended: true)),

        new("return_of_results",
            [P("results", @"(?<!as a )\bresults?\b.*\b(?:shared?|tell|told|give|given|receive|return\w*|provided?|available|sent|informed|will not|won'?t|not be)\b|\b(?:tell|share|give|send|return)\w*\b.*(?<!as a )\bresults?\b")],
            _ => WhenAppropriate()),

        new("whole_genome_sequencing",
            [P("genome sequencing", @"\bwhole[- ](?:genome|exome)\b|\bgenome sequencing\b|\bgenetic (?:testing|tests?|analysis|research|sequencing|information)\b|\bDNA (?:testing|tests?|sequencing|analysis)\b|\bgenomic\b|\bgenes?\b")],
            f => When(f.Biospecimens, "biospecimens", onlyRecommended: true)),

        new("clinicaltrials_gov_statement",
            [],
            f => f.ApplicableClinicalTrial is null && f.FdaRegulated == false
                ? (Applicability.NotApplicable, "not FDA-regulated")
                : When(f.ApplicableClinicalTrial, "applicable clinical trial")),

        new("random_assignment",
            [
                P("random assignment", @"\brandom(?:ly|i[sz]ed|i[sz]ation)?\b|\bby chance\b|\b(?:flip|flipping|toss|tossing) (?:of )?a coin\b|\broll(?:ing)? (?:of )?(?:a )?dice\b|\blottery\b|\bcomputer (?:will )?(?:decide|choose|pick)\b"),
                P("probability", @"\b(?:\d+|one|two|three|four) (?:in|out of) (?:\d+|two|three|four|five|ten)\b|\b\d+ ?(?:%|percent)\b|\b(?:equal|same|even) chance\b|\b50[/-]50\b|\bhalf (?:of )?(?:the )?(?:people|participants)\b|\b(?:1|2|3):(?:1|2|3)\b|\bchance of (?:being|getting|receiving)\b"),
            ],
            f => When(f.Randomized, "randomized")),

        new("participant_responsibilities",
            [P("responsibilities", @"\bresponsibilit(?:y|ies)\b|\byou (?:should|must|have to|will need to)\b|\byou will (?:need|be asked) to\b|\byou (?:must|should|need to) (?:tell|come|take|not|avoid|keep|bring|follow|use|return|let|stop|call|attend|report)\b|\bplease (?:tell|bring|avoid|let us know)\b|\bit is important (?:that|for) you\b|\bwhat (?:we will ask|is expected) of you\b")],
            _ => Always("always (ICH GCP)")),

        new("payment",
            [P("payment", @"\bpaid\b|\bpayments?\b|\bcompensat(?:ed|ion) for (?:your )?(?:time|travel|participation)\b|\breimburs\w+\b|\$\s?\d|\bgift cards?\b|\bstipend\b|\b(?:receive|get|be given) (?:any )?(?:money|payment|compensation)\b")],
            f => When(f.ParticipantsPaid, "participants are paid")),

        new("record_access",
            [P("direct access", @"^(?=.*\b(?:records?|information|data|charts?|files?)\b)(?=.*\b(?:monitors?|auditors?|sponsors?|irb|institutional review board|ethics (?:committee|board)|regulat\w+|FDA|Food and Drug Administration|government|agenc(?:y|ies)|health authorit\w+|inspectors?)\b)(?=.*\b(?:access|review|look at|see|inspect|check|copy|examine|audit)\w*\b)")],
            _ => Always("always (ICH GCP)")),

        new("certificate_of_confidentiality",
            [P("certificate", @"\bcertificate of confidentiality\b")],
            f => f.CertificateOfConfidentiality is null
                ? (Applicability.NotApplicable, "no Certificate of Confidentiality known (set the fact to require it)")
                : When(f.CertificateOfConfidentiality, "Certificate of Confidentiality")),

        new("hipaa_authorization",
            [P("authorization", @"\bHIPAA\b|\bprotected health information\b|\bPHI\b|\bauthori[sz](?:e|ation)\b.*\b(?:health information|medical records?|use (?:and|or) (?:disclos|shar))\w*|\b(?:use|disclose|share) (?:and|or) (?:disclose|share|use)\b.*\bhealth information\b|\b(?:use|see|share) your (?:protected )?health information\b")],
            f => When(f.UsesPhi, "uses protected health information"),
            R(@"HIPAA|authori[sz]ation (?:to|for) (?:use|disclose|release)|permission to use (?:your )?health information")),

        new("signature",
            [P("signature", @"\bsignatures?\b|\bsign(?:ing)? (?:this|the|below|your name|here)\b|\bprinted name\b|\bdate(?:d)? and sign\w*\b|_{5,}")],
            f => f.WrittenConsent == false ? (Applicability.NotApplicable, "written consent waived")
                : f.AdultsUnableToConsent == true
                    ? Always("written consent (21 CFR 50.27); adults unable to consent may enrol, so the export adds a legally authorized representative's signature block (21 CFR 50.27(a), 45 CFR 46.117)")
                    : Always("written consent (21 CFR 50.27)"),
            R(@"signature|consent statement|statement of consent|agreement to (?:take part|participate)|documentation of consent")),
    ];
}
