using IcfStudio.Core.Drafting.Engine;
using IcfStudio.Core.Drafting.Templates;
using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Drafting.Prompting;

/// <summary>The content pipeline the engine drafts with: template catalog, fact sheet, section retrieval and prompt.</summary>
internal sealed class DraftContent(SectionContextBuilder contextBuilder) : IDraftContent
{
    public DocumentTemplate LoadTemplate(string? templateIdOrPath) => TemplateCatalog.Load(templateIdOrPath);

    public FactSheet BuildFacts(StudyRecord study) => FactSheetBuilder.Build(study);

    public async Task<SectionRequest> PrepareAsync(
        string studyId,
        SectionTemplate section,
        FactSheet facts,
        string? feedback,
        string? currentText,
        CancellationToken cancellationToken)
    {
        var context = await contextBuilder.BuildAsync(studyId, section, facts, feedback, currentText, cancellationToken);
        var (messages, options) = SectionPrompt.Build(context);
        return new SectionRequest(messages, options, text => CitationParser.Parse(text, context.Passages));
    }
}
