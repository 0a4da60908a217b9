using System.Collections.Concurrent;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Templates;
using IcfStudio.Core.Profile;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IcfStudio.Core.Quality;

/// <summary>
/// Quality of drafts, sections and any consent form: regulatory elements, reading level and jargon, numbers the protocol
/// does not support, and contradictions between sections. Deterministic; an <see cref="IElementJudge"/> may add opinions.
/// </summary>
/// <param name="studies">Optional so that a consent form file can be checked where no storage is configured.</param>
/// <param name="drafts">Needed only by <see cref="EvaluateAndStoreSectionAsync"/>.</param>
public sealed partial class QualityService(
    IOptions<QualityOptions> options,
    TimeProvider time,
    IEnumerable<IElementJudge> judges,
    ILogger<QualityService> logger,
    IStudyStore? studies = null,
    IDraftStore? drafts = null,
    ProfileService? profiles = null)
{
    /// <param name="Effective">The facts after the study profile's review: detected, then the reviewers' decisions.</param>
    /// <param name="Stored">The facts a reviewer set (edited) in the study profile.</param>
    private sealed record StudyContext(
        string? StudyId, DateTimeOffset UpdatedAt, ProtocolNumberIndex Index, DetectedFacts Facts, QualityFacts Effective, QualityFacts? Stored = null);

    private readonly ConcurrentDictionary<string, StudyContext> _contexts = new(StringComparer.Ordinal);

    private QualityOptions Options => options.Value;

    /// <summary>Quality of one section version, as stored with it and sent as the <c>section_quality</c> event.</summary>
    public Task<SectionQuality> EvaluateSectionAsync(string studyId, DraftSection section, CancellationToken cancellationToken) =>
        EvaluateSectionAsync(studyId, section, expectedElementIds: null, overrides: null, cancellationToken);

    /// <param name="expectedElementIds">The template's element ids for this section: reported as missing when absent.</param>
    public async Task<SectionQuality> EvaluateSectionAsync(
        string studyId,
        DraftSection section,
        IReadOnlyCollection<string>? expectedElementIds,
        QualityFacts? overrides,
        CancellationToken cancellationToken)
    {
        var context = await GetContextAsync(studyId, cancellationToken);
        var facts = context.Effective.Merge(overrides);
        var elements = CompletenessChecker.CheckSection(section, facts, expectedElementIds);
        var mentions = FactChecker.Mentions(section);
        var unsupported = context.Index.IsEmpty ? [] : FactChecker.Unsupported(mentions, context.Index);
        return new SectionQuality(
            section.SectionId,
            section.Title,
            section.Version,
            SectionReadabilityOf(section),
            elements,
            unsupported,
            mentions.Count,
            FactCheckState(context),
            time.GetUtcNow(),
            StaffFacingDetector.Find(section));
    }

    /// <summary>
    /// For the drafting pipeline: evaluates a section version of a draft (with the elements its template section promises),
    /// stores the result with that version, and returns the <c>section_quality</c> event to emit.
    /// </summary>
    public async Task<SectionQualityComputed> EvaluateAndStoreSectionAsync(DraftRecord draft, DraftSection section, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(section);
        var quality = await EvaluateSectionAsync(draft.StudyId, section, ExpectedElementIds(draft.Template, section.SectionId), overrides: null, cancellationToken);
        quality = IsForStaff(draft.Template) ? quality with { StaffFacing = [] } : quality;
        if (drafts is not null)
        {
            await drafts.SaveQualityAsync(draft.DraftId, section.SectionId, section.Version, QualityJson.Serialize(quality), cancellationToken);
        }

        return new SectionQualityComputed(section.SectionId, section.Version, quality);
    }

    /// <summary>Quality of a whole draft (its sections with content), with the study's detected facts.</summary>
    public Task<DraftQuality> EvaluateDraftAsync(DraftRecord draft, CancellationToken cancellationToken) =>
        EvaluateDraftAsync(draft, overrides: null, useJudge: false, cancellationToken);

    /// <param name="useJudge">Ask the LLM judge for a second opinion (when one is configured and <see cref="QualityOptions.LlmJudge"/> allows).</param>
    public async Task<DraftQuality> EvaluateDraftAsync(DraftRecord draft, QualityFacts? overrides, bool useJudge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var sections = draft.Sections.Where(s => !string.IsNullOrWhiteSpace(s.Content)).ToList();
        var quality = await EvaluateDocumentAsync(draft.StudyId, $"draft {draft.DraftId}", sections, overrides, useJudge, cancellationToken);
        quality = IsForStaff(draft.Template) ? quality with { StaffFacing = [], Summary = quality.Summary with { StaffFacingSentences = 0 } } : quality;
        return quality with { DraftId = draft.DraftId };
    }

    /// <summary>
    /// Quality of any document split into sections (a draft, or an existing consent form). With a study id, numbers are
    /// checked against that study's protocol and facts are detected from it; without one, only <paramref name="overrides"/> apply.
    /// </summary>
    public async Task<DraftQuality> EvaluateDocumentAsync(
        string? studyId,
        string source,
        IReadOnlyList<DraftSection> sections,
        QualityFacts? overrides,
        bool useJudge,
        CancellationToken cancellationToken)
    {
        var context = studyId is null
            ? new StudyContext(null, default, ProtocolNumberIndex.Empty, new DetectedFacts(QualityFacts.Unknown, new Dictionary<string, string>()), QualityFacts.Unknown)
            : await GetContextAsync(studyId, cancellationToken);
        // Detected, then the study profile's review, then this request's (the request wins).
        var facts = context.Effective.Merge(overrides);
        var reasons = new Dictionary<string, string>(context.Facts.Reasons, StringComparer.Ordinal);
        foreach (var name in QualityFacts.Names)
        {
            if (overrides?.ValueOf(name) is { } value)
            {
                reasons[name] = $"set by the user ({(value ? "yes" : "no")})";
            }
            else if (context.Stored?.ValueOf(name) is { } stored)
            {
                reasons[name] = $"set by the user for this study ({(stored ? "yes" : "no")})";
            }
        }

        var elements = CompletenessChecker.Check(sections, facts).ToList();
        string? judgeSource = null;
        var judge = useJudge && Options.LlmJudge ? judges.FirstOrDefault() : null;
        if (judge is not null && sections.Count > 0)
        {
            var toJudge = elements
                .Where(e => e.Status != ElementStatus.NotApplicable)
                .Select(e => ConsentElementCatalog.Get(e.Id))
                .ToList();
            var opinions = await judge.JudgeAsync(toJudge, sections, cancellationToken);
            elements = elements.Select(e => opinions.TryGetValue(e.Id, out var o) ? e with { SecondOpinion = o } : e).ToList();
            judgeSource = opinions.Count > 0 ? opinions.Values.First().Source : null;
        }

        var readability = ReadabilityOf(sections);
        var mentions = sections.SelectMany(FactChecker.Mentions).ToList();
        var unsupported = context.Index.IsEmpty ? [] : FactChecker.Unsupported(mentions, context.Index);
        var contradictions = FactChecker.Contradictions(mentions);
        var staffFacing = sections.OrderBy(s => s.Order).SelectMany(StaffFacingDetector.Find).ToList();
        var summary = new QualitySummary(
            elements.Count(e => e.Status == ElementStatus.Present),
            elements.Count(e => e.Status == ElementStatus.Missing),
            elements.Count(e => e.Status == ElementStatus.Missing && e.Applicability == Applicability.Required),
            elements.Count(e => e.Status == ElementStatus.NotApplicable),
            readability.FleschKincaidGrade,
            readability.MeetsTarget,
            unsupported.Count,
            contradictions.Count,
            staffFacing.Count);
        LogEvaluated(logger, source, summary.ElementsPresent, summary.ElementsMissing, summary.GradeLevel, summary.UnsupportedNumbers);
        return new DraftQuality(null, studyId, source, summary, elements, readability, unsupported, mentions.Count, FactCheckState(context),
            contradictions, facts, reasons, judgeSource, time.GetUtcNow(), staffFacing);
    }

    /// <summary>The study's detected facts with their reasons, the ones reviewers set in its profile, and the effective ones.</summary>
    /// <exception cref="NotFoundException">No such study.</exception>
    public async Task<StudyFacts> GetStudyFactsAsync(string studyId, CancellationToken cancellationToken)
    {
        var context = await GetContextAsync(studyId, cancellationToken);
        return new StudyFacts(context.Facts, context.Stored ?? QualityFacts.Unknown, context.Effective);
    }

    /// <summary>Readability per section and of the whole text, with jargon, against <see cref="QualityOptions.TargetGrade"/>.</summary>
    public ReadabilityReport ReadabilityOf(IReadOnlyList<DraftSection> sections)
    {
        var perSection = sections.OrderBy(s => s.Order).Select(SectionReadabilityOf).ToList();
        var overall = Readability.Analyze(string.Join("\n\n", sections.OrderBy(s => s.Order).Select(s => s.Content)));
        var target = Options.TargetGrade;
        return new ReadabilityReport(
            target,
            overall.FleschKincaidGrade,
            overall.FleschReadingEase,
            overall.Smog,
            overall.AverageSentenceLength,
            overall.Words,
            overall.Sentences,
            overall.LongWords,
            overall.LongWordPercent,
            overall.Words == 0 || overall.FleschKincaidGrade <= target,
            perSection.Count(s => !s.MeetsTarget),
            perSection);
    }

    private SectionReadability SectionReadabilityOf(DraftSection section)
    {
        var result = Readability.Analyze(section.Content);
        var sentences = Readability.SplitSentences(Readability.Clean(section.Content));
        var jargon = Glossary.Default.Find(sentences, Options.MaxJargonPerSection);
        return SectionReadability.From(section.SectionId, section.Title, result, Options.TargetGrade, jargon);
    }

    /// <summary>The element ids the draft's template promises for a section; none when the template cannot be loaded.</summary>
    private static IReadOnlyCollection<string>? ExpectedElementIds(string template, string sectionId)
    {
        try
        {
            return TemplateCatalog.Load(template).Sections.FirstOrDefault(s => s.Id == sectionId)?.ElementIds;
        }
        catch (BadInputException)
        {
            return null;
        }
    }

    /// <summary>
    /// A template none of whose sections carries a consent element (the site initiation checklist) is written for the study
    /// team, so sentences addressing the team are what it should contain, not findings.
    /// </summary>
    private static bool IsForStaff(string template)
    {
        try
        {
            return TemplateCatalog.Load(template).Sections.All(s => s.ElementIds.Count == 0);
        }
        catch (BadInputException)
        {
            return false;
        }
    }

    private static string FactCheckState(StudyContext context) =>
        context.StudyId is null ? "skipped: no protocol to check against"
        : context.Index.IsEmpty ? "skipped: the study has no protocol text"
        : "checked";

    private async Task<StudyContext> GetContextAsync(string studyId, CancellationToken cancellationToken)
    {
        if (studies is null)
        {
            throw new InvalidStateException("No study storage is configured, so a study's protocol cannot be used.");
        }

        var study = await studies.FindStudyAsync(studyId, cancellationToken)
            ?? throw new NotFoundException($"Study '{studyId}' was not found.");
        var profile = profiles is null ? null : await profiles.GetAsync(studyId, cancellationToken);
        if (!_contexts.TryGetValue(studyId, out var context) || context.UpdatedAt != study.UpdatedAt)
        {
            var pages = await studies.GetPagesAsync(studyId, cancellationToken);
            var protocolText = string.Join("\n", pages.Select(p => p.Text));
            var texts = pages.Select(p => p.Text).Concat(FactSheetTexts(study)).ToList();
            var detected = QualityFactsDetector.Detect(study, protocolText);
            context = new StudyContext(studyId, study.UpdatedAt, new ProtocolNumberIndex(texts), detected, detected.Facts);
            _contexts[studyId] = context;
        }

        // The profile's review (and the LLM's items, which arrive later) are applied on every call: that is cheap.
        return profile is null
            ? context
            : context with { Effective = ProfileFacts.Effective(profile, context.Facts.Facts), Stored = ProfileFacts.Edited(profile) };
    }

    /// <summary>The fact sheet as short sentences, so "300 participants" from metadata supports the same number in a draft.</summary>
    private static IEnumerable<string> FactSheetTexts(StudyRecord study)
    {
        var m = study.Metadata;
        if (m.PlannedParticipants is { } planned)
        {
            yield return $"Planned participants: {planned.Value} participants";
        }

        if (m.Duration is { } duration)
        {
            yield return $"Duration of participation: {duration.Value}";
        }

        if (m.Phase is { } phase)
        {
            yield return $"Phase: {phase.Value}";
        }

        if (study.Facts is { } facts)
        {
            if (facts.Visits.Count > 0)
            {
                yield return $"The schedule has {facts.Visits.Count} visits.";
                foreach (var visit in facts.Visits)
                {
                    yield return $"Visit {visit.Name}: {visit.Timing}";
                }
            }

            if (facts.Arms.Count > 0)
            {
                yield return $"The study has {facts.Arms.Count} groups (arms): {string.Join("; ", facts.Arms)}.";
            }

            foreach (var line in facts.InclusionCriteria.Concat(facts.ExclusionCriteria).Concat(facts.Interventions))
            {
                yield return line;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Quality of {Source}: {Present} elements present, {Missing} missing, grade {Grade}, {Unsupported} unsupported numbers")]
    private static partial void LogEvaluated(ILogger logger, string source, int present, int missing, double grade, int unsupported);
}
