using IcfStudio.Core.Ingestion;

namespace IcfStudio.Tests.Ingestion;

public sealed class MetadataExtractionTests
{
    private static StudyMetadata Extract(params string[] pages) =>
        MetadataExtractor.Extract(new ParsedLayout(pages.Select((p, i) => new ProtocolPage(i + 1, p)).ToList(), [], pages, null));

    [Fact]
    public void Extract_LabelledTitlePage_ReadsEveryField()
    {
        var metadata = Extract(
            "Protocol Title: ACME-7: A Phase II/III Study of Examplumab in Adults\nwith Asthma\nProtocol Number: AC-2024-007\nVersion 3.1, 2 February 2024\nSponsor: Acme Biotech, Inc.\nClinicalTrials.gov: NCT01234567",
            "Synopsis\nApproximately 1,200 participants will be randomized.\nThe duration of participation is approximately 26 weeks.");

        Assert.Equal("ACME-7: A Phase II/III Study of Examplumab in Adults with Asthma", metadata.Title?.Value);
        Assert.Equal("ACME-7", metadata.Acronym?.Value);
        Assert.Equal("AC-2024-007", metadata.ProtocolNumber?.Value);
        Assert.Equal("3.1", metadata.Version?.Value);
        Assert.Equal("2 February 2024", metadata.VersionDate?.Value);
        Assert.Equal("Acme Biotech, Inc.", metadata.Sponsor?.Value);
        Assert.Equal("Phase 2/3", metadata.Phase?.Value);
        Assert.Equal(new MetadataField("NCT01234567", 1), metadata.NctId);
        Assert.Equal(new MetadataField("1200", 2), metadata.PlannedParticipants);
        Assert.Equal(new MetadataField("26 weeks", 2), metadata.Duration);
    }

    [Fact]
    public void Extract_TextWithoutFacts_LeavesFieldsEmpty()
    {
        var metadata = Extract("Some notes about a meeting.\nWe discussed the weather.");

        Assert.Equal(StudyMetadata.Empty, metadata);
    }

    [Theory]
    [InlineData("A Phase 3 Study", "Phase 3")]
    [InlineData("Phase III Trial", "Phase 3")]
    [InlineData("phase 1b dose escalation", "Phase 1b")]
    [InlineData("Phase II/III", "Phase 2/3")]
    public void NormalizePhase_Variants_AreArabic(string text, string expected) =>
        Assert.Equal(expected, MetadataExtractor.NormalizePhase(text));
}
