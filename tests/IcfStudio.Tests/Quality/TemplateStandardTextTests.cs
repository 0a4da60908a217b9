using IcfStudio.Core.Drafting.Templates;
using IcfStudio.Core.Quality;
using static IcfStudio.Tests.Quality.QualityTestData;

namespace IcfStudio.Tests.Quality;

/// <summary>The default template's standard wording must satisfy, on its own, the elements the protocol cannot supply.</summary>
public sealed class TemplateStandardTextTests
{
    [Theory]
    [InlineData("confidentiality", "confidentiality")]
    [InlineData("confidentiality", "record_access")]
    [InlineData("new_findings", "new_findings")]
    [InlineData("new_findings", "return_of_results")]
    [InlineData("procedures", "participant_responsibilities")]
    [InlineData("future_use", "future_use_of_data_and_specimens")]
    [InlineData("future_use", "commercial_profit")]
    [InlineData("voluntary", "voluntary_participation")]
    [InlineData("voluntary", "termination_by_investigator")]
    [InlineData("clinicaltrials_gov", "clinicaltrials_gov_statement")]
    public void DefaultTemplate_StandardText_SatisfiesItsElement(string sectionId, string elementId)
    {
        var section = TemplateCatalog.Load(null).Sections.Single(s => s.Id == sectionId);
        Assert.Contains(elementId, section.ElementIds);

        var result = CompletenessChecker.Check([Section(sectionId, section.StandardText ?? "")], AllApply).Single(e => e.Id == elementId);

        Assert.True(result.Status == ElementStatus.Present, $"{elementId} not satisfied by the '{sectionId}' standard text: {string.Join(", ", result.MissingParts)}");
    }
}
