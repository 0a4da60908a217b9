using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using IcfStudio.Core.Ingestion;

namespace IcfStudio.Tests.Ingestion;

/// <summary>Text cleaning at ingestion, rule by rule, on short texts written for these tests.</summary>
public sealed class TextCleaningTests
{
    private static string?[][] Clean(params string[][] pages)
    {
        var lines = pages.Select(p => p.Select(l => (string?)l).ToArray()).ToArray();
        TextCleaner.CleanLines(lines);
        return lines;
    }

    private static ParsedLayout ParseText(string text) => TextProtocolParser.Parse(text, markdown: false);

    [Theory]
    [InlineData("\uFB01rst \uFB02uid e\uFB00ect o\uFB03ce", "first fluid effect office")]
    [InlineData("Phase \u2161 study", "Phase II study")]
    [InlineData("18\u00A0years", "18 years")]
    [InlineData("non\u2011inferiority\u2026", "non-inferiority...")]
    [InlineData("\uFF21\uFF22\uFF23-123", "ABC-123")]
    public void Normalize_CompatibilityCharacters_BecomePlainLetters(string input, string expected) =>
        Assert.Equal(expected, TextCleaner.Normalize(input));

    [Theory]
    [InlineData("platelets \u2265 100 \u00D7 10\u2079/L")]
    [InlineData("5 \u00B5g/kg \u00B1 0.5")]
    [InlineData("body surface area 1.73 m\u00B2, CO\u2082")]
    [InlineData("\u00BD tablet at 38 \u00B0C, 2 \u00D7 daily, \u2264 5%")]
    public void Normalize_ConsentCharacters_StayAsWritten(string input) =>
        Assert.Equal(input, TextCleaner.Normalize(input));

    [Fact]
    public void Normalize_LigatureNextToKeptCharacter_BothHandled() =>
        Assert.Equal("fi 10\u2079", TextCleaner.Normalize("\uFB01 10\u2079"));

    [Fact]
    public void CleanLines_SplitWordUsedWholeElsewhere_IsJoined()
    {
        var lines = Clean(["The distri-", "bution of the tablets is shown.", "Drug distribution is central."]);

        Assert.Equal("The distribution", lines[0][0]);
        Assert.Equal("of the tablets is shown.", lines[0][1]);
    }

    [Fact]
    public void CleanLines_CompoundUsedHyphenatedElsewhere_KeepsHyphen()
    {
        var layout = ParseText("Each visit ends with a follow-\nup call by the nurse.\n\nThe follow-up lasts a year.");

        Assert.Contains(layout.Blocks, b => b.Text == "Each visit ends with a follow-up call by the nurse.");
    }

    [Fact]
    public void CleanLines_DocumentPrefersJoinedForm_Joins()
    {
        var lines = Clean(["Patients with a non-", "invasive test.", "A noninvasive scan is done."]);

        Assert.Equal("Patients with a noninvasive", lines[0][0]);
    }

    [Fact]
    public void CleanLines_UnseenCompoundOfKnownWords_KeepsHyphen()
    {
        var layout = ParseText("This is an open-\nlabel study.\n\nThe label is open to all.");

        Assert.Contains(layout.Blocks, b => b.Text == "This is an open-label study.");
    }

    [Fact]
    public void CleanLines_WordAndBareSuffix_Joins()
    {
        var lines = Clean(["Participants treat-", "ment starts on day 1.", "Doctors treat the disease."]);

        Assert.Equal("Participants treatment", lines[0][0]);
    }

    [Theory]
    [InlineData("Patients on anti-", "PD-1 therapy may join.", "Patients on anti-PD-1 therapy may join.")]
    [InlineData("Vaccines against COVID-", "19 are allowed.", "Vaccines against COVID-19 are allowed.")]
    public void ParseText_HyphenBeforeCapitalOrDigit_KeepsCompound(string first, string second, string expected)
    {
        var layout = ParseText(first + "\n" + second);

        Assert.Contains(layout.Blocks, b => b.Text == expected);
    }

    [Fact]
    public void CleanLines_SoftHyphen_AlwaysJoinsAndVanishesInsideLines()
    {
        var lines = Clean(["Blood is taken for rou\u00AD", "tine tests and chem\u00ADistry."]);

        Assert.Equal("Blood is taken for routine", lines[0][0]);
        Assert.Equal("tests and chemistry.", lines[0][1]);
    }

    private static string[] NumberedPage(int first, int count, string? firstLine = null) =>
        Enumerable.Range(first, count)
            .Select(n => n == first && firstLine is not null ? $"{n} {firstLine}" : $"{n} Participants will visit the clinic every week for blood tests.")
            .ToArray();

    [Fact]
    public void CleanLines_MarginLineNumbers_AreStrippedAndSplitWordJoined()
    {
        var page1 = NumberedPage(1, 12);
        page1[5] = "6 The distri-";
        page1[6] = "7 bution of visits follows the schedule.";
        var page2 = NumberedPage(13, 12);
        var page3 = NumberedPage(25, 12);
        page3[3] = "28 Drug distribution is described below.";
        page3[4] = "29";

        var lines = Clean(page1, page2, page3);

        Assert.Equal("Participants will visit the clinic every week for blood tests.", lines[0][0]);
        Assert.Equal("The distribution", lines[0][5]);
        Assert.Equal("of visits follows the schedule.", lines[0][6]);
        Assert.Equal("Participants will visit the clinic every week for blood tests.", lines[1][0]);
        Assert.Null(lines[2][4]);
    }

    [Fact]
    public void ParseText_MarginNumbersBetweenSplitWord_ChunkHasNoNumber()
    {
        var page1 = NumberedPage(85, 12);
        page1[5] = "90 The study drug distri-";
        page1[6] = "91 bution is even, and distribution is checked.";
        var page2 = NumberedPage(97, 12);
        var layout = ParseText(string.Join('\n', page1) + "\f" + string.Join('\n', page2));

        Assert.Equal(2, layout.Pages.Count);
        Assert.DoesNotMatch(@"(?m)^\d", layout.Pages[0].Text + "\n" + layout.Pages[1].Text);
        Assert.Contains("The study drug distribution\nis even", layout.Pages[0].Text, StringComparison.Ordinal);
        Assert.Contains(layout.Blocks, b => b.Text.Contains("The study drug distribution is even", StringComparison.Ordinal));
        Assert.All(layout.Blocks, b => Assert.DoesNotMatch(@"\d", b.Text));
    }

    [Fact]
    public void CleanLines_NumberedListAndTableValues_AreKept()
    {
        // A scale with numbered ratings, a table whose first column counts up, a numbered list: no margin numbering.
        string[] scale = ["Rate the pain:", "0 none", "1 mild", "2 moderate", "3 severe", "4 very severe", "Then rate the sleep."];
        string[] table = ["Week | Dose | Visits", "0 | 6 | 6", "1 | 7 | 7", "2 | 9 | 8", "3 | 11 | 9", "4 | 12 | 10", "5 | 13 | 10", "6 | 14 | 12", "7 | 15 | 12", "8 | 16 | 13"];
        string[] list = ["1 Introduction", "Background text here.", "2 Objectives", "More text.", "3 Design", "Text."];

        var lines = Clean(scale, table, list);

        Assert.Equal(scale, lines[0]);
        Assert.Equal(table, lines[1]);
        Assert.Equal(list, lines[2]);
    }

    [Fact]
    public void CleanLines_OnePageWithNumberedRows_IsKept()
    {
        var page = Enumerable.Range(1, 12).Select(n => $"{n} Participants will visit the clinic.").ToArray();
        string[] other = ["Plain prose without numbers.", "More prose."];

        var lines = Clean(page, other, other, other);

        Assert.Equal(page, lines[0]);
    }

    [Fact]
    public void CleanLines_LetterSpacedTitle_BecomesWords()
    {
        var lines = Clean(["Table 1 S c h e d u l e o f A c t i v i t i e s", "The schedule of activities lists each visit."]);

        Assert.Equal("Table 1 Schedule of Activities", lines[0][0]);
    }

    [Fact]
    public void CleanLines_ReversedLetterSpacedCell_IsReadForwards()
    {
        var lines = Clean(["e c n a m r o f r e P e v i t c e f f E | Walks without help", "Effective performance is scored."]);

        Assert.Equal("Effective Performance | Walks without help", lines[0][0]);
    }

    [Fact]
    public void CleanLines_OneLetterPerLine_BecomesWords()
    {
        string[] page = ["Visit 1 | X", "g", "n", "i", "n", "e", "e", "r", "c", "S", "Screening takes one hour."];

        var lines = Clean(page);

        Assert.Equal(["Visit 1 | X", "Screening", "Screening takes one hour."], lines[0].OfType<string>());
        Assert.Equal(page.Length, lines[0].Length);
    }

    [Fact]
    public void CleanLines_FootnoteLetterLines_StayAsTheyAre()
    {
        string[] page = ["Admit to unit | X", "f", "Discharge | X", "g", "h", "x", "b", "Alcohol test | X"];

        Assert.Equal(page, Clean(page)[0].OfType<string>());
    }

    [Fact]
    public void CleanLines_ScheduleMarks_StayAsTheyAre()
    {
        string[] page = ["Vital signs X X X X X", "a b c d e are options", "Vital signs are taken."];

        var lines = Clean(page);

        Assert.Equal(page, lines[0]);
    }

    [Fact]
    public void ParseDocx_LigatureAndNoBreakHyphen_CleanTextInPageAndBlock()
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new Run(
                new Text("The \uFB01rst follow") { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve },
                new NoBreakHyphen(),
                new Text("up visit is at week\u00A04.")))));
        }

        var layout = DocxProtocolParser.Parse(stream.ToArray(), TestContext.Current.CancellationToken);

        Assert.Equal("The first follow-up visit is at week 4.", Assert.Single(layout.Blocks).Text);
        Assert.Equal("The first follow-up visit is at week 4.", layout.Pages[0].Text);
    }

    [Fact]
    public void ParseText_CleanedPageAndBlocksAgree()
    {
        var layout = ParseText("Drug distribution is even.\nThe distri-\nbution of \uFB01ve doses is shown.");

        Assert.Contains("The distribution\nof five doses is shown.", layout.Pages[0].Text, StringComparison.Ordinal);
        Assert.Contains(layout.Blocks, b => b.Text.Contains("The distribution of five doses", StringComparison.Ordinal));
    }
}

/// <summary>Recognising contents and reference-list chunks, and keeping them out of the chunks.</summary>
public sealed class BoilerplateDetectorTests
{
    private const string Toc = """
        TABLE OF CONTENTS
        1 Introduction ........................................ 5 1.1 Background ............................. 5
        1.2 Rationale ........................................... 6 2 Objectives ............................. 8
        3 Study Design . . . . . . . . . . . . . . . . . . . . 9
        """;

    private const string References = """
        References
        1. Brown A, Green B, et al. Outcomes of a new tablet in adults. J Clin Res. 2015;12(3):101-110. doi:10.1000/jcr.2015.101
        2. White C, Black D. A second study of the tablet. Lancet Sci. 2018;4:55-60. PMID: 12345678
        3. Grey E, et al. Long-term safety of tablets. N Engl Stud. 2020;382(9):800-812.
        4. Stone F. Guidance on tablets. Available from: https://example.org/guidance. Accessed 1 May 2021.
        """;

    [Fact]
    public void IsTableOfContents_DotLeaderEntries_True() => Assert.True(BoilerplateDetector.IsTableOfContents(Toc));

    [Fact]
    public void IsTableOfContents_ListOfTablesInCells_True() =>
        Assert.True(BoilerplateDetector.IsTableOfContents("List of Tables\nTable 1 Schedule | 12\nTable 2 Laboratory tests | 30\n"));

    [Fact]
    public void IsTableOfContents_OneEntryUnderHeading_True() =>
        Assert.True(BoilerplateDetector.IsTableOfContents("List of Figures\nFigure 1 Study design ............................ 14"));

    [Fact]
    public void IsTableOfContents_ProseWithALeader_False()
    {
        var prose = "6.2 Visits\nParticipants come to the clinic every four weeks for blood tests and a physical examination. "
            + "The nurse records the results on a form ........ 3 copies are kept. Each visit takes about two hours, and a "
            + "phone call follows one week later to ask about side effects and any new medicines the participant started.";

        Assert.False(BoilerplateDetector.IsTableOfContents(prose));
    }

    [Fact]
    public void IsTableOfContents_TableWithNumbersWithoutHeading_False() =>
        Assert.False(BoilerplateDetector.IsTableOfContents("Laboratory\nHemoglobin | 12\nPlatelets | 150\nSodium | 140\n"));

    [Fact]
    public void IsReferenceList_NumberedReferences_True() => Assert.True(BoilerplateDetector.IsReferenceList(References));

    [Fact]
    public void IsReferenceList_BackgroundWithCitations_False()
    {
        var background = "2.1 Background\nThe disease affects about one in ten adults (Brown et al., 2015). Earlier trials of "
            + "similar tablets lowered blood pressure by 10 mmHg (White 2018; Grey et al. 2020), and the tablet was well tolerated "
            + "in a phase 2 study of 120 adults. Headache and dizziness were the most common side effects, each in about 5% of "
            + "participants, and no participant stopped because of a side effect. This study tests whether the tablet also "
            + "prevents strokes when taken for three years by adults who already had a heart attack.";

        Assert.False(BoilerplateDetector.IsReferenceList(background));
    }

    [Fact]
    public void Chunk_ContentsAndReferences_AreLeftOutButContentStays()
    {
        var body = string.Join(' ', Enumerable.Repeat("Participants take one tablet every morning with water.", 20));
        List<DocumentBlock> blocks =
        [
            new(BlockKind.Heading, "TABLE OF CONTENTS", 2, 1),
            new(BlockKind.Paragraph, Toc.Split('\n', 2)[1], 2),
            new(BlockKind.Heading, "1 Introduction", 5, 1),
            new(BlockKind.Paragraph, body, 5),
            new(BlockKind.Heading, "12 References", 40, 1),
            new(BlockKind.Paragraph, References.Split('\n', 2)[1], 40),
        ];

        var chunks = ProtocolChunker.Chunk(blocks);

        var chunk = Assert.Single(chunks);
        Assert.Equal("1 Introduction", chunk.SectionPath);
        Assert.Equal(5, chunk.PageStart);
        Assert.Equal(0, chunk.Ordinal);
    }

    [Fact]
    public void Chunk_ContentsMixedWithContent_IsKept()
    {
        var body = string.Join(' ', Enumerable.Repeat("Participants take one tablet every morning with water.", 20));
        List<DocumentBlock> blocks =
        [
            new(BlockKind.Heading, "1 Synopsis", 2, 1),
            new(BlockKind.Paragraph, "Design ............ 4 Population ............ 5 Visits ............ 6", 2),
            new(BlockKind.Paragraph, body, 2),
        ];

        Assert.Single(ProtocolChunker.Chunk(blocks));
    }
}
