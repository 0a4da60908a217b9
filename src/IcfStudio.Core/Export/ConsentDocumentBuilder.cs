using System.Globalization;
using System.Text.RegularExpressions;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Export;

/// <summary>How to export: a draft (watermarked, unapproved sections allowed) or the final copy; citations kept as notes or removed.</summary>
/// <param name="Facts">
/// The user's study facts, over those detected from the protocol (as in a quality check); the export reads
/// <see cref="QualityFacts.AdultsUnableToConsent"/> to add the legally authorized representative's signature block.
/// </param>
public sealed record ExportRequest(
    ExportFormat Format,
    bool Draft = false,
    bool Annotated = false,
    string DocumentVersion = ExportRequest.DefaultVersion,
    QualityFacts? Facts = null)
{
    public const string DefaultVersion = "1.0";
}

/// <summary>Builds the format-neutral <see cref="ConsentDocument"/> from a draft, its study and its template.</summary>
internal static partial class ConsentDocumentBuilder
{
    /// <summary>The section that opens the form: the key-information summary, 45 CFR 46.116(a)(5)(i).</summary>
    public static readonly string[] SummarySectionIds = ["summary", "key_information", "key-information"];

    /// <summary>The template section holding the statement of consent, shown above the signature lines.</summary>
    public static readonly string[] SignatureSectionIds = ["signature", "signatures", "consent_statement", "statement_of_consent"];

    public const string SignatureIntroText =
        "I have read this form, or it has been read to me. I have had the chance to ask questions, and my questions " +
        "have been answered. I freely agree to take part in this research study. I will receive a signed copy of this form.";

    /// <param name="adultsUnableToConsent">The study may enrol adults who cannot consent: add the legally authorized representative's block.</param>
    /// <exception cref="InvalidStateException">A final export was asked for while some sections are not approved.</exception>
    public static ConsentDocument Build(
        DraftRecord draft, StudyRecord study, DocumentTemplate template, ExportRequest request, DateOnly date, bool adultsUnableToConsent = false)
    {
        var ordered = OrderSections(draft, template);
        var unapproved = ordered.Where(s => s.Status != SectionStatus.Approved).ToList();
        if (!request.Draft && unapproved.Count > 0)
        {
            throw new InvalidStateException(
                $"The final document needs every section approved; {unapproved.Count} of {ordered.Count} are not: " +
                string.Join(", ", unapproved.Select(s => $"{s.Title} ({s.SectionId}, {s.Status.ToString().ToLowerInvariant()})")) +
                ". Approve them, or export a draft.");
        }

        var noteNumber = 0;
        var sections = new List<ConsentSection>();
        foreach (var section in ordered)
        {
            var markdown = new ConsentMarkdown(request.Annotated, section.Citations, () => ++noteNumber);
            IReadOnlyList<ConsentBlock> blocks = string.IsNullOrWhiteSpace(section.Content)
                ? [new ParagraphBlock([new InlineRun("(This section has not been written yet.)", Italic: true)])]
                : markdown.Parse(section.Content, section.Title);
            sections.Add(new ConsentSection(section.SectionId, section.Title, blocks, markdown.Notes));
        }

        var signatureSection = sections.LastOrDefault(s => SignatureSectionIds.Contains(s.SectionId, StringComparer.OrdinalIgnoreCase))
            ?? new ConsentSection("signature", "Signatures", [new ParagraphBlock([new InlineRun(SignatureIntroText)])], []);
        sections.Remove(signatureSection);

        var metadata = study.Metadata;
        var acronym = FirstNonEmpty(metadata.Acronym?.Value, metadata.ShortTitle?.Value) ?? study.StudyId.Split('-')[0];
        var title = FirstNonEmpty(metadata.Title?.Value, metadata.ShortTitle?.Value, metadata.Acronym?.Value) ?? study.StudyId;

        return new ConsentDocument
        {
            DocumentTitle = string.IsNullOrWhiteSpace(template.DocumentTitle) ? "Informed Consent Form" : template.DocumentTitle,
            StudyTitle = title,
            Acronym = acronym.Trim(),
            TitleFields = TitleFields(study),
            DocumentVersion = string.IsNullOrWhiteSpace(request.DocumentVersion) ? ExportRequest.DefaultVersion : request.DocumentVersion.Trim(),
            DocumentDate = date,
            Sections = sections,
            SignatureSection = signatureSection,
            Signatures = SignatureGroups(template.SignatureLines, EnrollsMinors(study), adultsUnableToConsent),
            IsDraft = request.Draft,
            UnapprovedSections = request.Draft ? [.. unapproved.Select(s => s.Title)] : [],
            Annotated = request.Annotated,
        };
    }

    /// <summary><c>{ACRONYM}_ICF_v{version}_{yyyy-MM-dd}.{ext}</c>, with characters unsafe in file names replaced.</summary>
    public static string FileName(ConsentDocument document, string extension) =>
        $"{SafeName(document.Acronym)}_ICF_v{SafeName(document.DocumentVersion)}_{document.DocumentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{extension}";

    private static string SafeName(string value)
    {
        var safe = UnsafeFileChars().Replace(value.Trim(), "-").Trim('-');
        return safe.Length == 0 ? "STUDY" : safe;
    }

    /// <summary>The summary first, then the template's order; sections the template does not know go last by their own order.</summary>
    private static List<DraftSection> OrderSections(DraftRecord draft, DocumentTemplate template)
    {
        var templateOrder = template.Sections
            .Select((s, index) => (s.Id, Rank: (s.Order, index)))
            .ToDictionary(x => x.Id, x => x.Rank, StringComparer.OrdinalIgnoreCase);
        return [.. draft.Sections
            .OrderBy(s => SummarySectionIds.Contains(s.SectionId, StringComparer.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(s => templateOrder.ContainsKey(s.SectionId) ? 0 : 1)
            .ThenBy(s => templateOrder.TryGetValue(s.SectionId, out var rank) ? rank.Order : s.Order)
            .ThenBy(s => templateOrder.TryGetValue(s.SectionId, out var rank) ? rank.index : 0)
            .ThenBy(s => s.Order)];
    }

    private static List<TitleField> TitleFields(StudyRecord study)
    {
        var m = study.Metadata;
        // The study title itself is the document's subtitle (ConsentDocument.StudyTitle), not repeated here.
        var fields = new List<TitleField>();
        var shortTitle = string.Join(" – ", new[] { m.Acronym?.Value, m.ShortTitle?.Value }.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.OrdinalIgnoreCase));
        if (shortTitle.Length > 0)
        {
            fields.Add(new("Short title", shortTitle));
        }

        if (m.ProtocolNumber is not null || m.Version is not null)
        {
            var version = string.Join(", ", new[] { m.Version?.Value is { } v ? $"version {v}" : null, m.VersionDate?.Value }.Where(x => x is not null));
            fields.Add(new("Protocol", string.Join(" ", new[] { m.ProtocolNumber?.Value, version.Length > 0 ? $"({version})" : null }.Where(x => x is not null))));
        }

        if (m.NctId is not null)
        {
            fields.Add(new("ClinicalTrials.gov", m.NctId.Value));
        }

        if (m.Sponsor is not null)
        {
            fields.Add(new("Sponsor", m.Sponsor.Value));
        }

        fields.Add(new("Principal investigator", null));
        fields.Add(new("Study site", null));
        fields.Add(new("Study contact (24 hours)", null));
        return fields;
    }

    private static string? FirstNonEmpty(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    internal static readonly string[] DefaultSignatureLines =
    [
        "Printed name of participant",
        "Signature of participant",
        "Date",
        "Printed name of parent or legal guardian",
        "Signature of parent or legal guardian",
        "Date",
        "Printed name of person obtaining consent",
        "Signature of person obtaining consent",
        "Date",
    ];

    /// <summary>The legally authorized representative's lines when the template has none of its own (21 CFR 50.27(a)).</summary>
    internal static readonly string[] DefaultRepresentativeLines =
    [
        "Printed name of participant",
        "Printed name of legally authorized representative",
        "Relationship to participant / authority to act for the participant",
        "Signature of legally authorized representative",
        "Date",
    ];

    /// <summary>
    /// Groups the template's signature lines by signer. Parent or guardian lines only when the study enrols minors; a
    /// legally authorized representative's block only when it may enrol adults unable to consent (the template's own
    /// representative lines, else <see cref="DefaultRepresentativeLines"/>, after the other signers).
    /// </summary>
    internal static IReadOnlyList<SignatureGroup> SignatureGroups(IReadOnlyList<string> templateLines, bool enrollsMinors, bool adultsUnableToConsent = false)
    {
        var lines = templateLines.Count > 0 ? templateLines : DefaultSignatureLines;
        var groups = new List<(string Heading, List<string> Lines)>();
        string? current = null;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var lower = line.ToLowerInvariant();
            // "Date" and "Relationship to participant" belong to the signer whose lines they follow.
            var belongsToPrevious = lower is "date" or "time" or "date and time" or "date/time"
                || lower.StartsWith("date ", StringComparison.Ordinal) || lower.StartsWith("relationship", StringComparison.Ordinal);
            var heading = belongsToPrevious && current is not null ? current : Signer(lower);
            current = heading;
            if ((heading == GuardianHeading && !enrollsMinors) || (heading == RepresentativeHeading && !adultsUnableToConsent))
            {
                continue;
            }

            var group = groups.FirstOrDefault(g => g.Heading == heading);
            if (group.Lines is null)
            {
                group = (heading, []);
                groups.Add(group);
            }

            group.Lines.Add(line);
        }

        if (adultsUnableToConsent && !groups.Any(g => g.Heading == RepresentativeHeading))
        {
            // Signed instead of the participant, so it follows the participant's lines, as on most IRB forms.
            var participant = groups.FindIndex(g => g.Heading == ParticipantHeading);
            groups.Insert(participant + 1, (RepresentativeHeading, [.. DefaultRepresentativeLines]));
        }

        return [.. groups.Select(g => new SignatureGroup(g.Heading, g.Lines))];
    }

    private const string GuardianHeading = "Parent or legal guardian";

    private const string ParticipantHeading = "Participant";

    internal const string RepresentativeHeading = "Legally authorized representative";

    // A line naming a parent or guardian stays the guardian's even when it adds "or legally authorized representative"
    // (the shipped template's combined lines): the representative of an adult gets a block of its own.
    private static string Signer(string lower) =>
        lower.Contains("parent") || lower.Contains("guardian")
            ? GuardianHeading
            : lower.Contains("legally authori") || lower.Contains("legally acceptable") || lower.Contains("legal representative") || LarWord().IsMatch(lower)
                ? RepresentativeHeading
                : lower.Contains("obtaining") || lower.Contains("investigator") || lower.Contains("staff")
                    ? "Person obtaining consent"
                    : lower.Contains("witness")
                        ? "Impartial witness"
                        : lower.Contains("participant") || lower.Contains("subject")
                            ? ParticipantHeading
                            : "Other";

    /// <summary>
    /// True when the protocol's eligibility admits people under 18 (a stated minimum age below 18, or a paediatric
    /// population); false when it says nothing, so no guardian lines are invented.
    /// </summary>
    internal static bool EnrollsMinors(StudyRecord study)
    {
        var texts = new List<string?> { study.Metadata.Title?.Value, study.Metadata.ShortTitle?.Value };
        texts.AddRange(study.Facts?.InclusionCriteria ?? []);
        var text = string.Join("\n", texts.Where(t => t is not null));
        if (PaediatricWords().IsMatch(text))
        {
            return true;
        }

        var minimums = new List<int>();
        foreach (Match match in AgeRange().Matches(text))
        {
            minimums.Add(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        foreach (Match match in AgeMinimum().Matches(text))
        {
            minimums.Add(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        foreach (Match match in AgeOrOlder().Matches(text))
        {
            minimums.Add(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
        }

        return minimums.Count > 0 && minimums.Min() < 18;
    }

    [GeneratedRegex(@"\b(paediatric|pediatric|child|children|adolescents?|infants?|neonates?|newborns?|minors?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PaediatricWords();

    [GeneratedRegex(@"\b(\d{1,2})\s*(?:to|-|–|and)\s*\d{1,3}\s*(?:years|yrs)", RegexOptions.IgnoreCase)]
    private static partial Regex AgeRange();

    [GeneratedRegex(@"(?:≥|>=|at least|aged?|older than|over)\s*(\d{1,2})\s*(?:years|yrs|y\b)", RegexOptions.IgnoreCase)]
    private static partial Regex AgeMinimum();

    [GeneratedRegex(@"\b(\d{1,2})\s*(?:years|yrs)(?:\s+of\s+age)?\s+(?:or|and)\s+(?:older|above|over)", RegexOptions.IgnoreCase)]
    private static partial Regex AgeOrOlder();

    [GeneratedRegex(@"\blar\b")]
    private static partial Regex LarWord();

    [GeneratedRegex(@"[^A-Za-z0-9._-]+")]
    private static partial Regex UnsafeFileChars();
}
