using IcfStudio.Core.Drafting.Prompting;
using IcfStudio.Core.Drafting.Templates;
using IcfStudio.Core.Profile;
using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Drafting.Engine;

/// <summary>The real content pipeline: shipped or custom templates, the fact sheet, retrieval per section, the prompt and its citations.</summary>
/// <param name="profiles">The study profile service; without it sections are written from the extracted metadata only.</param>
internal sealed class ContentPipeline(SectionContextBuilder contexts, ProfileService? profiles = null) : IDraftContent
{
    public DocumentTemplate LoadTemplate(string? templateIdOrPath) => TemplateCatalog.Load(templateIdOrPath);

    public async Task<FactSheet> BuildFactsAsync(StudyRecord study, CancellationToken cancellationToken) =>
        FactSheetBuilder.Build(study, profiles is null ? null : (await profiles.GetAsync(study.StudyId, cancellationToken)).Effective());

    public async Task<SectionRequest> PrepareAsync(
        string studyId, SectionTemplate section, FactSheet facts, string? feedback, string? currentText, CancellationToken cancellationToken)
    {
        var context = await contexts.BuildAsync(studyId, section, facts, feedback, currentText, cancellationToken);
        var (messages, options) = SectionPrompt.Build(context);
        return new SectionRequest(messages, options, text => CitationParser.Parse(text, context.Passages));
    }
}
