using System.Text.Json;
using System.Text.RegularExpressions;

namespace IcfStudio.Core.Profile;

/// <summary>The cue words of the rules-based profile extraction, from Resources/Profile/profile-vocabulary.json, compiled once.</summary>
internal sealed class ProfileVocabulary
{
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled;

    private sealed record ProcedureEntry(string Name, string Pattern);

    private sealed record SentenceEntry(string Key, int Max, IReadOnlyList<string> Cues, string? Sections);

    private sealed record VocabularyFile(
        IReadOnlyList<string> NotAcronyms,
        IReadOnlyList<string> OtherStudyCues,
        string AgeSections,
        string RiskSections,
        string NotRiskSections,
        string RiskCue,
        string RiskStatement,
        string Frequency,
        IReadOnlyList<string> RiskTerms,
        IReadOnlyList<ProcedureEntry> Procedures,
        string BurdenCue,
        string Amount,
        string ProcedureSections,
        string Dose,
        string Route,
        string Schedule,
        IReadOnlyList<string> NotInterventionNames,
        IReadOnlyList<SentenceEntry> Sentences);

    /// <summary>A profile item read from one sentence: the key, how many sentences at most, and the section it must sit in (if any).</summary>
    internal sealed record SentenceRule(string Key, int Max, Regex Cue, Regex? Sections);

    public static ProfileVocabulary Default { get; } = Load();

    private ProfileVocabulary(VocabularyFile file)
    {
        NotAcronyms = file.NotAcronyms.ToHashSet(StringComparer.OrdinalIgnoreCase);
        OtherStudyCue = new Regex(string.Join('|', file.OtherStudyCues), RegexOptions.CultureInvariant | RegexOptions.Compiled);
        AgeSections = new Regex(file.AgeSections, Options);
        RiskSections = new Regex(file.RiskSections, Options);
        NotRiskSections = new Regex(file.NotRiskSections, Options);
        RiskCue = new Regex(file.RiskCue, Options);
        Frequency = new Regex(file.Frequency, Options);
        // Longest first, so that "low blood pressure" names the risk rather than "pain" inside a longer phrase.
        RiskTerms = new Regex(@"(?<![\p{L}-])(?:" + string.Join('|', file.RiskTerms.OrderByDescending(t => t.Length)) + @")(?![\p{L}])", Options);
        Procedures = file.Procedures.Select(p => (p.Name, new Regex(p.Pattern, Options))).ToList();
        BurdenCue = new Regex(file.BurdenCue, Options);
        Amount = new Regex(file.Amount, Options);
        ProcedureSections = new Regex(file.ProcedureSections, Options);
        Dose = new Regex(file.Dose, RegexOptions.CultureInvariant | RegexOptions.Compiled);
        Route = new Regex(file.Route, RegexOptions.CultureInvariant | RegexOptions.Compiled);
        RiskStatement = new Regex(file.RiskStatement, Options);
        Schedule = new Regex(file.Schedule, Options);
        NotInterventionNames = file.NotInterventionNames.ToHashSet(StringComparer.OrdinalIgnoreCase);
        Sentences = file.Sentences
            .Select(s => new SentenceRule(s.Key, s.Max, new Regex(string.Join('|', s.Cues), Options), s.Sections is null ? null : new Regex(s.Sections, Options)))
            .ToList();
    }

    /// <summary>Upper-case words on title pages that are not study acronyms (diseases, tests, document words).</summary>
    public IReadOnlySet<string> NotAcronyms { get; }

    /// <summary>A sentence about other or earlier trials, or a literature reference.</summary>
    public Regex OtherStudyCue { get; }

    public Regex AgeSections { get; }

    public Regex RiskSections { get; }

    /// <summary>Safety-reporting headings (definitions, reporting duties): not the risks a participant is told.</summary>
    public Regex NotRiskSections { get; }

    public Regex RiskCue { get; }

    /// <summary>A sentence that states a risk ("may cause", "side effects of"): kept even in a safety-reporting section.</summary>
    public Regex RiskStatement { get; }

    public Regex Frequency { get; }

    public Regex RiskTerms { get; }

    public IReadOnlyList<(string Name, Regex Pattern)> Procedures { get; }

    public Regex BurdenCue { get; }

    /// <summary>An amount taken (blood volume): such sentences are a procedure's first evidence.</summary>
    public Regex Amount { get; }

    public Regex ProcedureSections { get; }

    public Regex Dose { get; }

    public Regex Route { get; }

    public Regex Schedule { get; }

    public IReadOnlySet<string> NotInterventionNames { get; }

    public IReadOnlyList<SentenceRule> Sentences { get; }

    private static ProfileVocabulary Load()
    {
        using var stream = typeof(ProfileVocabulary).Assembly.GetManifestResourceStream("IcfStudio.Core.Resources.Profile.profile-vocabulary.json")
            ?? throw new InvalidOperationException("The profile vocabulary resource is missing.");
        var file = JsonSerializer.Deserialize<VocabularyFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("The profile vocabulary resource is empty.");
        return new ProfileVocabulary(file);
    }
}
