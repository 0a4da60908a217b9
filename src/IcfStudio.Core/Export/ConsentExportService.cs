using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Templates;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Export;

/// <summary>An exported file, ready to write or send.</summary>
public sealed record ExportedDocument(string FileName, string ContentType, byte[] Content, IReadOnlyList<string> Warnings);

public enum ApprovalOutcome
{
    Approved,
    AlreadyApproved,
    Skipped,
}

public sealed record SectionApproval(string SectionId, string Title, ApprovalOutcome Outcome, int Version, string? Reason = null);

/// <summary>Loads a draft with its study and template, builds the consent document and writes it in the asked format; approves sections for the CLI.</summary>
public sealed class ConsentExportService(
    IDraftStore drafts, IStudyStore studies, IEnumerable<IDocumentExporter> exporters, TimeProvider time, QualityService quality)
{
    private readonly IReadOnlyList<IDocumentExporter> _exporters = [.. exporters];

    public IDocumentExporter ExporterFor(ExportFormat format) =>
        _exporters.FirstOrDefault(e => e.Format == format) ?? throw new InvalidOperationException($"No exporter is registered for {format}.");

    /// <exception cref="NotFoundException">No such draft or study.</exception>
    /// <exception cref="InvalidStateException">A final export while sections are not approved (the message lists them).</exception>
    public async Task<ExportedDocument> ExportAsync(string draftId, ExportRequest request, CancellationToken cancellationToken = default)
    {
        var draft = await drafts.FindDraftAsync(draftId, cancellationToken) ?? throw new NotFoundException($"Draft '{draftId}' was not found.");
        var study = await studies.FindStudyAsync(draft.StudyId, cancellationToken)
            ?? throw new NotFoundException($"Study '{draft.StudyId}' of draft '{draftId}' was not found.");
        var template = LoadTemplate(draft);
        // The facts the quality checks use (detected, then stored with the study), with the request's on top; unknown counts
        // as no, so no representative's block is invented.
        var facts = (await quality.GetStudyFactsAsync(study.StudyId, cancellationToken)).Effective.Merge(request.Facts);
        var adultsUnableToConsent = facts.AdultsUnableToConsent == true;
        var document = ConsentDocumentBuilder.Build(
            draft, study, template, request, DateOnly.FromDateTime(time.GetLocalNow().DateTime), adultsUnableToConsent);
        var exporter = ExporterFor(request.Format);
        var output = exporter.Export(document);
        return new ExportedDocument(ConsentDocumentBuilder.FileName(document, exporter.Extension), exporter.ContentType, output.Content, output.Warnings);
    }

    /// <summary>Approves one section (<paramref name="sectionId"/>) or, when it is null, every ready section.</summary>
    /// <exception cref="InvalidStateException">The one section asked for is not ready (still generating, failed, …).</exception>
    public async Task<IReadOnlyList<SectionApproval>> ApproveAsync(string draftId, string? sectionId, string actor, CancellationToken cancellationToken = default)
    {
        var draft = await drafts.FindDraftAsync(draftId, cancellationToken) ?? throw new NotFoundException($"Draft '{draftId}' was not found.");
        IEnumerable<DraftSection> targets = draft.Sections;
        if (sectionId is not null)
        {
            var section = draft.Sections.FirstOrDefault(s => string.Equals(s.SectionId, sectionId, StringComparison.OrdinalIgnoreCase))
                ?? throw new NotFoundException($"Draft '{draftId}' has no section '{sectionId}'. Sections: {string.Join(", ", draft.Sections.Select(s => s.SectionId))}.");
            if (section.Status is not (SectionStatus.Ready or SectionStatus.Approved))
            {
                throw new InvalidStateException($"Only a ready section can be approved; '{section.SectionId}' is {section.Status.ToString().ToLowerInvariant()}.");
            }

            targets = [section];
        }

        var results = new List<SectionApproval>();
        foreach (var section in targets)
        {
            switch (section.Status)
            {
                case SectionStatus.Approved:
                    results.Add(new(section.SectionId, section.Title, ApprovalOutcome.AlreadyApproved, section.Version));
                    break;
                case SectionStatus.Ready:
                    var version = await drafts.SaveSectionVersionAsync(
                        draftId, section.SectionId, section.Content, section.Citations, SectionStatus.Approved, VersionReason.Approved, actor,
                        expectedVersion: section.Version, cancellationToken: cancellationToken);
                    results.Add(new(section.SectionId, section.Title, ApprovalOutcome.Approved, version));
                    break;
                default:
                    results.Add(new(section.SectionId, section.Title, ApprovalOutcome.Skipped, section.Version, $"section is {section.Status.ToString().ToLowerInvariant()}"));
                    break;
            }
        }

        return results;
    }

    /// <summary>The draft's template; when it can no longer be loaded (a custom file moved), one made from the draft's own sections.</summary>
    private static DocumentTemplate LoadTemplate(DraftRecord draft)
    {
        try
        {
            return TemplateCatalog.Load(draft.Template);
        }
        catch (BadInputException)
        {
            return new DocumentTemplate
            {
                Id = draft.Template,
                Name = draft.Template,
                Sections = [.. draft.Sections.Select(s => new SectionTemplate { Id = s.SectionId, Title = s.Title, Order = s.Order })],
                SignatureLines = ConsentDocumentBuilder.DefaultSignatureLines,
            };
        }
    }
}
