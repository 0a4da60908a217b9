using IcfStudio.Core.Ingestion;

namespace IcfStudio.Tests.Ingestion;

public sealed class StructureTests
{
    [Theory]
    [InlineData("6 Study Procedures", 1)]
    [InlineData("6.2 Visit Schedule", 2)]
    [InlineData("6.2. Visit Schedule", 2)]
    [InlineData("3.4.2.1. Inclusion Criteria", 4)]
    public void TryParseNumbered_Headings_LevelFromNumberDepth(string line, int expected)
    {
        Assert.True(HeadingRules.TryParseNumbered(line, out var level));
        Assert.Equal(expected, level);
    }

    [Theory]
    [InlineData("6.2 Visit Schedule ........................ 34")]
    [InlineData("3.1 Summary of Study Design 14")]
    [InlineData("2 tablets will be taken each morning.")]
    [InlineData("1. Male or female aged 18 years or older, who have given consent.")]
    [InlineData("2021 Annual Report")]
    public void TryParseNumbered_TocLinesAndSentences_AreNotHeadings(string line) =>
        Assert.False(HeadingRules.TryParseNumbered(line, out _));

    [Fact]
    public void Sequence_NumberedListAfterSections_IsRejected()
    {
        var sequence = new HeadingRules.Sequence();
        Assert.True(sequence.Accept("1 Introduction", 1));
        Assert.True(sequence.Accept("1.1 Background", 2));
        Assert.True(sequence.Accept("2 Objectives", 1));
        Assert.False(sequence.Accept("1 Results in death", 1));
        Assert.False(sequence.Accept("9 Far ahead", 1));
        Assert.True(sequence.Accept("3.1 Overall Design", 2));
    }

    [Fact]
    public void RunningLineFilter_HeadersAndPageNumbers_AreFound()
    {
        var pages = Enumerable.Range(1, 5).Select(p => (IReadOnlyList<string>)
        [
            "ACME-101 Protocol Version 2.0 Confidential",
            $"Body line unique to page {p} about {new string('x', p)}",
            $"Another unique sentence {p * 7} on this page",
            $"Page {p} of 5",
        ]).ToList();

        var drop = RunningLineFilter.Find(pages);

        foreach (var perPage in drop)
        {
            Assert.Contains(0, perPage);
            Assert.Contains(3, perPage);
            Assert.DoesNotContain(1, perPage);
        }
    }

    [Fact]
    public void RunningLineFilter_LineOnFewPages_IsKept()
    {
        string[] words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"];
        var pages = Enumerable.Range(0, 6).Select(p => (IReadOnlyList<string>)
            [p < 2 ? "Appendix 1 Schedule of Activities" : $"Section about {words[p]}", $"Body on {words[p]}", $"More body on {words[p]}", $"End of {words[p]}"]).ToList();
        Assert.All(RunningLineFilter.Find(pages), perPage => Assert.DoesNotContain(0, perPage));
    }

    [Fact]
    public void Chunk_TopLevelSections_AreNeverMixed()
    {
        var words = string.Join(' ', Enumerable.Range(0, 900).Select(i => $"w{i}"));
        List<DocumentBlock> blocks =
        [
            new(BlockKind.Heading, "6 Study Procedures", 10, 1),
            new(BlockKind.Heading, "6.2 Visit Schedule", 10, 2),
            new(BlockKind.Paragraph, words, 10),
            new(BlockKind.Paragraph, "Closing words of section six.", 12),
            new(BlockKind.Heading, "7 Risks", 12, 1),
            new(BlockKind.Paragraph, "Headache and nausea are common.", 13),
        ];

        var chunks = ProtocolChunker.Chunk(blocks);

        Assert.True(chunks.Count >= 4);
        Assert.All(chunks, c => Assert.InRange(c.Text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Length, 1, ProtocolChunker.MaxWords + 60));
        var six = chunks.Where(c => c.SectionPath.StartsWith("6 ", StringComparison.Ordinal)).ToList();
        Assert.All(six, c => Assert.Equal("6 Study Procedures > 6.2 Visit Schedule", c.SectionPath));
        Assert.All(six, c => Assert.DoesNotContain("Headache", c.Text, StringComparison.Ordinal));
        var risks = Assert.Single(chunks, c => c.SectionPath == "7 Risks");
        Assert.Equal((12, 13), (risks.PageStart, risks.PageEnd));
        Assert.StartsWith("7 Risks", risks.Text, StringComparison.Ordinal);
        Assert.Equal(12, six[^1].PageEnd);
        // Overlap: the second chunk of 6.2 repeats the last words of the first.
        var lastWordOfFirst = six[0].Text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.Contains(lastWordOfFirst, six[1].Text, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Ordinal));
    }

    [Fact]
    public void ParseMarkdown_HeadingsTablesAndFormFeeds_AreKept()
    {
        var layout = TextProtocolParser.Parse("# 1 Introduction\n\nText one.\n\f## 1.1 Detail\n\n| Visit | Day 1 |\n|---|---|\n| ECG | X |\n", markdown: true);

        Assert.Equal(2, layout.Pages.Count);
        Assert.Contains(layout.Blocks, b => b is { Kind: BlockKind.Heading, Text: "1.1 Detail", Level: 2, Page: 2 });
        Assert.Contains(layout.Blocks, b => b is { Kind: BlockKind.TableRow, Text: "ECG | X" });
    }

    [Fact]
    public void ParseText_NumberedHeadings_AreDetected()
    {
        var layout = TextProtocolParser.Parse("1 Introduction\nThis is a study.\n\n2 Objectives\nTo measure things.\n\n2.1 Primary Objective\nWalk distance.", markdown: false);

        Assert.Equal(["1 Introduction", "2 Objectives", "2.1 Primary Objective"], layout.Blocks.Where(b => b.Kind == BlockKind.Heading).Select(b => b.Text));
        Assert.Equal(2, layout.Blocks.Single(b => b.Text == "2.1 Primary Objective").Level);
    }
}
