using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Prompting;

namespace IcfStudio.Tests.Drafting.Content;

public sealed class CitationParserTests
{
    private static readonly IReadOnlyList<Passage> Passages =
        [.. Enumerable.Range(1, 12).Select(i => new Passage("P" + i, ContentSamples.Chunk(1000 + i, "Section " + i, i, "text " + i)))];

    [Fact]
    public void Parse_SingleKey_ReturnsPassageWithPagesAndPath()
    {
        var citations = CitationParser.Parse("You may feel dizzy [P12].", Passages);

        var c = Assert.Single(citations);
        Assert.Equal(new Citation("P12", 1012, 12, 12, "Section 12"), c);
    }

    [Fact]
    public void Parse_ListAdjacentAndRangeForms_ReturnsEachOnceInOrder()
    {
        var citations = CitationParser.Parse("A [P3, P4]. B [P5][P3]. C [P7–P9]. D [p2; P1].", Passages);

        Assert.Equal(["P3", "P4", "P5", "P7", "P8", "P9", "P2", "P1"], citations.Select(c => c.Key));
    }

    [Fact]
    public void Parse_UnknownKeysAndNonCitations_AreIgnored()
    {
        var citations = CitationParser.Parse("See [P99] and [Q3], [note] or P4 without brackets; [P2] counts.", Passages);

        Assert.Equal(["P2"], citations.Select(c => c.Key));
    }

    [Fact]
    public void StripKeys_RemovesCitationGroups()
    {
        Assert.Equal("Dizziness was seen in 12% of people.", CitationParser.StripKeys("Dizziness was seen in 12% of people[P1, P2]."));
    }
}
