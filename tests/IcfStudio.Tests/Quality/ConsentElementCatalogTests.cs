using System.Text.Json;
using IcfStudio.Core.Quality;

namespace IcfStudio.Tests.Quality;

/// <summary>The regulation list shipped in Resources/Regulations/consent-elements.json, checked on its own.</summary>
public sealed class ConsentElementCatalogTests
{
    /// <summary>21 CFR 50.25(c): the statement every applicable clinical trial's form must carry word for word.</summary>
    internal const string ClinicalTrialsGovStatement =
        "A description of this clinical trial will be available on http://www.ClinicalTrials.gov, as required by U.S. Law. "
        + "This Web site will not include information that can identify you. At most, the Web site will include a summary of the results. "
        + "You can search this Web site at any time.";

    private static readonly string[] ElementIds =
    [
        "key_information", "research_purpose_duration_procedures", "risks", "benefits", "alternatives", "confidentiality",
        "injury_compensation", "contacts", "voluntary_participation", "future_use_of_data_and_specimens", "unforeseeable_risks",
        "termination_by_investigator", "additional_costs", "withdrawal_consequences", "new_findings", "number_of_participants",
        "commercial_profit", "return_of_results", "whole_genome_sequencing", "clinicaltrials_gov_statement", "random_assignment",
        "participant_responsibilities", "payment", "record_access", "certificate_of_confidentiality", "hipaa_authorization", "signature",
    ];

    private static JsonDocument ShippedFile()
    {
        using var stream = ConsentElementCatalog.OpenResource("consent-elements.json");
        return JsonDocument.Parse(stream);
    }

    [Fact]
    public void ShippedFile_Schema_EveryElementHasIdCitationAppliesAndRequirement()
    {
        using var json = ShippedFile();
        var root = json.RootElement;

        Assert.Equal(["about", "readability", "elements"], root.EnumerateObject().Select(p => p.Name));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("about").GetString()));
        Assert.Equal(8, root.GetProperty("readability").GetProperty("target_grade_level").GetInt32());
        Assert.All(root.GetProperty("elements").EnumerateArray(), element =>
        {
            var names = element.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(["id", "citation", "applies", "requirement"], names.Take(4));
            Assert.Subset(new HashSet<string> { "id", "citation", "applies", "requirement", "exact_text" }, names.ToHashSet());
            Assert.All(element.EnumerateObject(), p => Assert.False(string.IsNullOrWhiteSpace(p.Value.GetString()), $"{names[0]}.{p.Name} is empty"));
            Assert.Matches("^[a-z]+(_[a-z]+)*$", element.GetProperty("id").GetString());
        });
    }

    [Fact]
    public void ShippedFile_Ids_AreThe27ElementsInOrderAndTheCatalogAndRulesMatchThem()
    {
        using var json = ShippedFile();
        var ids = json.RootElement.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();

        Assert.Equal(ElementIds, ids);
        Assert.Equal(ids, ConsentElementCatalog.Elements.Select(e => e.Id));
        Assert.All(ConsentElementCatalog.Elements, e => Assert.False(string.IsNullOrWhiteSpace(e.Citation)));
        Assert.Equal(ids, ElementRules.All.Select(r => r.Id));
    }

    [Fact]
    public void ShippedFile_ClinicalTrialsGovStatement_IsThe21Cfr5025cSentenceVerbatim()
    {
        var element = ConsentElementCatalog.Get("clinicaltrials_gov_statement");

        Assert.Equal("21 CFR 50.25(c)", element.Citation);
        Assert.Equal(ClinicalTrialsGovStatement, element.ExactText);
        Assert.Single(ConsentElementCatalog.Elements, e => e.ExactText is not null);
    }
}
