using System.Text.Json;
using IcfStudio.Core;
using IcfStudio.Core.Drafting.Templates;
using IcfStudio.Core.Quality;
using IcfStudio.Tests.Quality;
using IcfStudio.Tests.Infrastructure;

namespace IcfStudio.Tests.Drafting.Content;

public sealed class TemplateCatalogTests
{
    [Fact]
    public void Load_Null_ReturnsDefaultIcfWithOriginalSectionsFirst()
    {
        var template = TemplateCatalog.Load(null);

        Assert.Equal("icf-default", template.Id);
        Assert.Equal(
            ["summary", "background", "participants", "procedures", "alternatives", "risks", "benefits"],
            template.Sections.Take(7).Select(s => s.Id));
        Assert.Contains(template.Sections, s => s.Id == "clinicaltrials_gov");
        Assert.Contains(template.Sections, s => s.Id == "hipaa");
        Assert.Equal("signature", template.Sections[^1].Id);
        Assert.All(template.Sections, s => Assert.NotEmpty(s.Queries));
        Assert.Equal(template.Sections.OrderBy(s => s.Order).Select(s => s.Id), template.Sections.Select(s => s.Id));
    }

    [Fact]
    public void Load_Default_SignatureLinesCoverParticipantPersonObtainingConsentAndGuardian()
    {
        var lines = TemplateCatalog.Load("icf-default").SignatureLines;

        Assert.Contains(lines, l => l.Contains("name of participant", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(lines, l => l.Contains("Signature of participant", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("person obtaining consent", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("guardian", StringComparison.Ordinal));
        Assert.Contains("Date", lines);
    }

    [Fact]
    public void Load_Default_EveryRegulatoryElementIdExistsAndTheCoreElementsAreCovered()
    {
        var known = ConsentElementCatalog.Elements.Select(e => e.Id).ToHashSet();
        var used = TemplateCatalog.Load(null).Sections.SelectMany(s => s.ElementIds).ToHashSet();

        Assert.Empty(used.Except(known));
        foreach (var required in new[] { "key_information", "risks", "benefits", "alternatives", "confidentiality", "injury_compensation", "contacts", "voluntary_participation", "future_use_of_data_and_specimens", "clinicaltrials_gov_statement", "hipaa_authorization", "signature", "new_findings", "number_of_participants" })
        {
            Assert.Contains(required, used);
        }
    }

    [Fact]
    public void Load_Default_ClinicalTrialsGovStatementIsVerbatim()
    {
        var section = TemplateCatalog.Load(null).Sections.Single(s => s.ElementIds.Contains("clinicaltrials_gov_statement"));

        Assert.Equal(ConsentElementCatalogTests.ClinicalTrialsGovStatement, section.StandardText);
    }

    [Fact]
    public void Load_SiteChecklistId_LoadsAnotherDocumentType()
    {
        Assert.Contains("site-initiation-checklist", TemplateCatalog.ShippedIds);

        var template = TemplateCatalog.Load("site-initiation-checklist");

        Assert.Equal("Site Initiation Checklist", template.DocumentTitle);
        Assert.Equal(["study_overview", "eligibility_checks", "safety_reporting"], template.Sections.Select(s => s.Id));
    }

    [Fact]
    public void Load_CustomFile_ParsesAndOrdersSections()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "mine.json");
        File.WriteAllText(file, """
            {
              // comments are allowed
              "id": "my-icf",
              "name": "Our hospital's ICF",
              "sections": [
                { "id": "risks", "title": "Risks", "order": 2, "queries": ["adverse events"], "targetWords": 100, "standardText": "{studyName} may have risks." },
                { "id": "intro", "title": "Introduction", "order": 1, "queries": ["synopsis"] }
              ]
            }
            """);

        var template = TemplateCatalog.Load(file);

        Assert.Equal("my-icf", template.Id);
        Assert.Equal(["intro", "risks"], template.Sections.Select(s => s.Id));
        Assert.Equal("Informed Consent Form", template.DocumentTitle);
    }

    [Theory]
    [InlineData("{ not json", "not a valid template")]
    [InlineData("""{ "id": "x", "name": "X", "sections": [] }""", "at least one section")]
    [InlineData("""{ "id": "x", "name": "X" }""", "not a valid template")]
    [InlineData("""{ "id": "x", "name": "X", "sections": [ { "id": "a", "title": "A", "queries": ["q"] }, { "id": "a", "title": "B", "queries": ["q"] } ] }""", "duplicate id")]
    [InlineData("""{ "id": "x", "name": "X", "sections": [ { "id": "a", "title": "A", "queries": [] } ] }""", "'queries'")]
    [InlineData("""{ "id": "x", "name": "X", "sections": [ { "id": "a", "title": "A", "queries": ["q"], "standardText": "Call {doctorPhone}." } ] }""", "unknown placeholder '{doctorPhone}'")]
    [InlineData("""{ "id": "Bad Id", "name": "X", "sections": [ { "id": "a", "title": "A", "queries": ["q"] } ] }""", "'id' must be")]
    [InlineData("""{ "id": "x", "name": "X", "sections": [ { "id": "a", "title": "A", "queries": ["q"], "targetWords": 5 } ] }""", "'targetWords'")]
    [InlineData("""{ "id": "x", "name": "X", "sections": [ { "id": "a", "title": "A", "queries": ["q"], "supportingRoles": { "warnings": 2 } } ] }""", "'supportingRoles'")]
    [InlineData("""{ "id": "x", "name": "X", "sections": [ { "id": "a", "title": "A", "queries": ["q"], "supportingRoles": { "eligibility": 0 } } ] }""", "'supportingRoles'")]
    [InlineData("""{ "id": "x", "name": "X", "sections": [ { "id": "a", "title": "A", "queries": ["q"], "supportingRoles": { "references": 1 } } ] }""", "'supportingRoles'")]
    [InlineData("""{ "id": "x", "name": "X", "sections": [ { "id": "a", "title": "A", "queries": ["q"], "offlinePassages": 0 } ] }""", "'offlinePassages'")]
    public void Load_BadFile_ThrowsBadInputWithClearMessage(string json, string expected)
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "bad.json");
        File.WriteAllText(file, json);

        var ex = Assert.Throws<BadInputException>(() => TemplateCatalog.Load(file));

        Assert.Equal("invalid_template", ex.Code);
        Assert.Contains("bad.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsTemplateNotFound()
    {
        var ex = Assert.Throws<BadInputException>(() => TemplateCatalog.Load("/no/such/template.json"));

        Assert.Equal("template_not_found", ex.Code);
        Assert.Contains("icf-default", ex.Message, StringComparison.Ordinal);
    }
}
