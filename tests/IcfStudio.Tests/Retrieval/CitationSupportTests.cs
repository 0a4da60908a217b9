using IcfStudio.Core.Retrieval;
using IcfStudio.Core.Storage;

namespace IcfStudio.Tests.Retrieval;

/// <summary>Which sentences of a cited passage a draft sentence rests on, and where they are on the protocol's pages.</summary>
public sealed class CitationSupportTests
{
    private const string Heading = "7.2 Visit Schedule";

    // A passage over two pages, as ingestion stores it: the page texts (with a running line on each) and the chunk made of
    // their blocks (heading first, one block per line; a paragraph that runs over the page break is two blocks).
    private const string Page29 = """
        EXAMPLE-01 Protocol Version 2.0
        7.2 Visit Schedule
        Participants come to a screening visit up to 28 days before the first dose.
        At every visit a nurse measures blood pressure and weight, e.g. with a calibrated scale. Blood is taken for
        safety tests at weeks 4, 8 and 12. Each participant keeps a paper diary of symptoms and
        Page 29 of 80
        """;

    private const string Page30 = """
        EXAMPLE-01 Protocol Version 2.0
        doses for the whole treatment period.
        Participants who stop the study drug early return for a final safety visit 30 days after the last dose.
        Travel costs are paid back by the sponsor.
        Page 30 of 80
        """;

    private static readonly ChunkHit Chunk = new(
        42,
        "doc-1",
        """
        7.2 Visit Schedule
        Participants come to a screening visit up to 28 days before the first dose.
        At every visit a nurse measures blood pressure and weight, e.g. with a calibrated scale. Blood is taken for safety tests at weeks 4, 8 and 12. Each participant keeps a paper diary of symptoms and
        doses for the whole treatment period.
        Participants who stop the study drug early return for a final safety visit 30 days after the last dose.
        Travel costs are paid back by the sponsor.
        """,
        "7 Study Procedures > " + Heading,
        29,
        30,
        0);

    private static readonly StoredPage[] Pages =
    [
        new("STUDY-1", "doc-1", "protocol.pdf", 29, Page29),
        new("STUDY-1", "doc-1", "protocol.pdf", 30, Page30),
    ];

    [Fact]
    public void Find_SentenceOnSecondPageOfPassage_OpensThatPageAndHighlightsTheWholeSentence()
    {
        var support = CitationSupportFinder.Find(Chunk, Pages, "If you stop taking the study drug early, you will come back for a safety visit 30 days later.");

        Assert.Equal(30, support.Page);
        Assert.Equal(["Participants who stop the study drug early return for a final safety visit 30 days after the last dose."], support.Sentences);
        var range = Assert.Single(support.Highlights);
        Assert.Equal(30, range.Page);
        Assert.Equal("Participants who stop the study drug early return for a final safety visit 30 days after the last dose.", Page30[range.Start..range.End]);
    }

    [Fact]
    public void Find_SentenceOnFirstPage_OpensFirstPage()
    {
        var support = CitationSupportFinder.Find(Chunk, Pages, "You will have a screening visit up to 28 days before your first dose.");

        Assert.Equal(29, support.Page);
        var range = Assert.Single(support.Highlights);
        Assert.Equal("Participants come to a screening visit up to 28 days before the first dose.", Page29[range.Start..range.End]);
    }

    [Fact]
    public void Find_SentenceRunningOverPageBreak_HighlightsBothPartsAndOpensThePageWithMostOfIt()
    {
        var support = CitationSupportFinder.Find(Chunk, Pages, "You will keep a paper diary of your symptoms and doses.");

        Assert.Equal(["Each participant keeps a paper diary of symptoms and doses for the whole treatment period."], support.Sentences);
        Assert.Equal(29, support.Page);
        Assert.Equal(2, support.Highlights.Count);
        Assert.Equal("Each participant keeps a paper diary of symptoms and", Page29[support.Highlights[0].Start..support.Highlights[0].End]);
        Assert.Equal("doses for the whole treatment period.", Page30[support.Highlights[1].Start..support.Highlights[1].End]);
    }

    [Fact]
    public void Find_SentenceWrappedOverLines_HighlightsWholeWordsToTheFullStop()
    {
        var support = CitationSupportFinder.Find(Chunk, Pages, "Blood tests for safety are done at weeks 4, 8 and 12.");

        var range = Assert.Single(support.Highlights);
        Assert.Equal("Blood is taken for\nsafety tests at weeks 4, 8 and 12.", Page29[range.Start..range.End]);
    }

    [Fact]
    public void Find_DraftQuotesThePassage_QuotedSentenceWinsOverWordOverlap()
    {
        var support = CitationSupportFinder.Find(Chunk, Pages, "The protocol says \"travel costs are paid back\" for every participant who stops the study drug early.");

        Assert.Equal(["Travel costs are paid back by the sponsor."], support.Sentences);
        Assert.Equal(30, support.Page);
    }

    [Fact]
    public void Find_NoDraftSentence_HighlightsFirstSentenceAfterHeading()
    {
        var support = CitationSupportFinder.Find(Chunk, Pages, null);

        Assert.Equal(["Participants come to a screening visit up to 28 days before the first dose."], support.Sentences);
        Assert.Equal(29, support.Page);
    }

    [Fact]
    public void Find_NothingShared_FallsBackToFirstSentence()
    {
        var support = CitationSupportFinder.Find(Chunk, Pages, "Zebras graze quietly.");

        Assert.Equal(["Participants come to a screening visit up to 28 days before the first dose."], support.Sentences);
    }

    [Fact]
    public void Find_PageTextMissing_ReturnsChunkFirstPageWithoutHighlights()
    {
        var support = CitationSupportFinder.Find(Chunk, [], "A safety visit 30 days after the last dose.");

        Assert.Equal(29, support.Page);
        Assert.Empty(support.Highlights);
        Assert.Single(support.Sentences);
    }

    [Fact]
    public void PassageSentences_AbbreviationsDecimalsAndContinuedLines_SplitOnlyAtSentenceEnds()
    {
        var sentences = CitationSupportFinder.PassageSentences(
            "5 Dosing\nTake 2.5 mg daily, e.g. with food. Dr. Lee reviews it.\nThe dose may rise to\n5 mg. Stop if dizzy!\nmore text here\n2. Adults only.",
            "5 Dosing");

        Assert.Equal(["Take 2.5 mg daily, e.g. with food.", "Dr. Lee reviews it.", "The dose may rise to", "5 mg.", "Stop if dizzy! more text here", "2. Adults only."], sentences);
    }
}
