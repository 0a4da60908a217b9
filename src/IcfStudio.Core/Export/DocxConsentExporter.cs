using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace IcfStudio.Core.Export;

/// <summary>
/// The consent form as a Word document a board can redline with tracked changes: real Heading 1/2 styles, list
/// numbering from a numbering part, tables, PAGE/NUMPAGES fields in the footer, footnotes for annotated exports,
/// and a DRAFT watermark in the header of draft exports.
/// </summary>
internal sealed class DocxConsentExporter : IDocumentExporter
{
    private const string BodyFont = "Calibri";
    private const string AccentColor = "1F3864";
    private const string MutedColor = "646464";
    private const string RuleColor = "AAAAAA";
    private const int BulletAbstractId = 1;
    private const int DecimalAbstractId = 2;
    private const int BulletNumId = 1;

    /// <summary>US Letter with 1 inch margins: 6.5 inches of text width, in twentieths of a point.</summary>
    private const int TextWidth = 9360;

    public ExportFormat Format => ExportFormat.Docx;

    public string ContentType => "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public string Extension => "docx";

    public ExportOutput Export(ConsentDocument document)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            word.PackageProperties.Title = $"{document.Acronym} {document.DocumentTitle}";
            word.PackageProperties.Subject = document.StudyTitle;
            word.PackageProperties.Creator = "ICF Studio";
            var main = word.AddMainDocumentPart();
            main.Document = new Document(new Body());
            AddStyles(main);
            var numbering = AddNumbering(main);
            FootnotesPart? footnotes = null;
            if (document.Annotated && document.Sections.Any(s => s.Notes.Count > 0))
            {
                footnotes = AddFootnotes(main);
            }

            var writer = new BodyWriter(main.Document.Body!, numbering, footnotes);
            writer.TitleBlock(document);
            if (document.IsDraft)
            {
                writer.DraftNotice(document);
            }

            foreach (var section in document.Sections)
            {
                writer.Section(section);
            }

            writer.Signatures(document);

            var header = main.AddNewPart<HeaderPart>();
            header.Header = Header(document);
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = Footer();
            main.Document.Body!.Append(new SectionProperties(
                new HeaderReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(header) },
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = 12240U, Height = 15840U },
                new PageMargin { Top = 1440, Right = 1440U, Bottom = 1440, Left = 1440U, Header = 720U, Footer = 720U, Gutter = 0U }));
            main.Document.Save();
        }

        return new ExportOutput(stream.ToArray(), []);
    }

    // ---- parts ----

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = BodyFont, HighAnsi = BodyFont, ComplexScript = BodyFont, EastAsia = "SimSun" },
                    new FontSize { Val = "22" },
                    new FontSizeComplexScript { Val = "22" },
                    new Languages { Val = "en-US" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "120", Line = "276", LineRule = LineSpacingRuleValues.Auto }))),
            ParagraphStyle("Normal", "Normal", null, isDefault: true),
            ParagraphStyle("Title", "Title", "Normal", new StyleRunProperties(new Bold(), new Color { Val = AccentColor }, new FontSize { Val = "36" }),
                new StyleParagraphProperties(new SpacingBetweenLines { After = "60" })),
            ParagraphStyle("Subtitle", "Subtitle", "Normal", new StyleRunProperties(new Color { Val = MutedColor }, new FontSize { Val = "21" })),
            ParagraphStyle("Heading1", "heading 1", "Normal",
                new StyleRunProperties(new Bold(), new Color { Val = AccentColor }, new FontSize { Val = "28" }),
                new StyleParagraphProperties(
                    new KeepNext(),
                    new KeepLines(),
                    new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 6U, Space = 1U, Color = AccentColor }),
                    new SpacingBetweenLines { Before = "360", After = "120" },
                    new OutlineLevel { Val = 0 })),
            ParagraphStyle("Heading2", "heading 2", "Normal",
                new StyleRunProperties(new Bold(), new Color { Val = AccentColor }, new FontSize { Val = "23" }),
                new StyleParagraphProperties(
                    new KeepNext(),
                    new KeepLines(),
                    new SpacingBetweenLines { Before = "200", After = "80" },
                    new OutlineLevel { Val = 1 })),
            ParagraphStyle("ListParagraph", "List Paragraph", "Normal", null,
                new StyleParagraphProperties(new SpacingBetweenLines { After = "60" }, new Indentation { Left = "720" })),
            ParagraphStyle("TableText", "Table Text", "Normal", new StyleRunProperties(new FontSize { Val = "19" }),
                new StyleParagraphProperties(new SpacingBetweenLines { Before = "20", After = "20", Line = "240", LineRule = LineSpacingRuleValues.Auto })),
            ParagraphStyle("Small", "Small Print", "Normal", new StyleRunProperties(new Color { Val = MutedColor }, new FontSize { Val = "17" }),
                new StyleParagraphProperties(new SpacingBetweenLines { Before = "0", After = "0" })),
            ParagraphStyle("Header", "header", "Normal", new StyleRunProperties(new Color { Val = MutedColor }, new FontSize { Val = "17" }),
                new StyleParagraphProperties(new Tabs(new TabStop { Val = TabStopValues.Right, Position = TextWidth }), new SpacingBetweenLines { After = "0" })),
            ParagraphStyle("Footer", "footer", "Normal", new StyleRunProperties(new Color { Val = MutedColor }, new FontSize { Val = "17" }),
                new StyleParagraphProperties(new Tabs(new TabStop { Val = TabStopValues.Right, Position = TextWidth }), new SpacingBetweenLines { After = "0" })),
            ParagraphStyle("FootnoteText", "footnote text", "Normal", new StyleRunProperties(new FontSize { Val = "17" }),
                new StyleParagraphProperties(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto })),
            new Style(
                new StyleName { Val = "footnote reference" },
                new StyleRunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }))
            { Type = StyleValues.Character, StyleId = "FootnoteReference" },
            new Style(
                new StyleName { Val = "Table Grid" },
                new StyleTableProperties(
                    new TableBorders(
                        new TopBorder { Val = BorderValues.Single, Size = 4U, Color = RuleColor },
                        new LeftBorder { Val = BorderValues.Single, Size = 4U, Color = RuleColor },
                        new BottomBorder { Val = BorderValues.Single, Size = 4U, Color = RuleColor },
                        new RightBorder { Val = BorderValues.Single, Size = 4U, Color = RuleColor },
                        new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U, Color = RuleColor },
                        new InsideVerticalBorder { Val = BorderValues.Single, Size = 4U, Color = RuleColor }),
                    new TableCellMarginDefault(
                        new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                        new TableCellLeftMargin { Width = 80, Type = TableWidthValues.Dxa },
                        new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa },
                        new TableCellRightMargin { Width = 80, Type = TableWidthValues.Dxa })))
            { Type = StyleValues.Table, StyleId = "TableGrid" });
        styles.Styles.Save();
    }

    private static Style ParagraphStyle(string id, string name, string? basedOn, StyleRunProperties? run = null, StyleParagraphProperties? paragraph = null, bool isDefault = false)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = true;
        }

        style.Append(new StyleName { Val = name });
        if (basedOn is not null)
        {
            style.Append(new BasedOn { Val = basedOn });
            style.Append(new NextParagraphStyle { Val = "Normal" });
        }

        style.Append(new PrimaryStyle());
        if (paragraph is not null)
        {
            style.Append(paragraph);
        }

        if (run is not null)
        {
            style.Append(run);
        }

        return style;
    }

    private static NumberingDefinitionsPart AddNumbering(MainDocumentPart main)
    {
        var part = main.AddNewPart<NumberingDefinitionsPart>();
        part.Numbering = new Numbering(
            new AbstractNum(
                new MultiLevelType { Val = MultiLevelValues.SingleLevel },
                new Level(
                    new StartNumberingValue { Val = 1 },
                    new NumberingFormat { Val = NumberFormatValues.Bullet },
                    new LevelText { Val = "•" },
                    new LevelJustification { Val = LevelJustificationValues.Left },
                    new PreviousParagraphProperties(new Indentation { Left = "720", Hanging = "360" }))
                { LevelIndex = 0 })
            { AbstractNumberId = BulletAbstractId },
            new AbstractNum(
                new MultiLevelType { Val = MultiLevelValues.SingleLevel },
                new Level(
                    new StartNumberingValue { Val = 1 },
                    new NumberingFormat { Val = NumberFormatValues.Decimal },
                    new LevelText { Val = "%1." },
                    new LevelJustification { Val = LevelJustificationValues.Left },
                    new PreviousParagraphProperties(new Indentation { Left = "720", Hanging = "360" }))
                { LevelIndex = 0 })
            { AbstractNumberId = DecimalAbstractId },
            new NumberingInstance(new AbstractNumId { Val = BulletAbstractId }) { NumberID = BulletNumId });
        return part;
    }

    private static FootnotesPart AddFootnotes(MainDocumentPart main)
    {
        var part = main.AddNewPart<FootnotesPart>();
        part.Footnotes = new Footnotes(
            new Footnote(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0" }), new Run(new SeparatorMark()))) { Type = FootnoteEndnoteValues.Separator, Id = -1 },
            new Footnote(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0" }), new Run(new ContinuationSeparatorMark()))) { Type = FootnoteEndnoteValues.ContinuationSeparator, Id = 0 });
        return part;
    }

    private static Header Header(ConsentDocument document)
    {
        var paragraph = new Paragraph(
            new ParagraphProperties(
                new ParagraphStyleId { Val = "Header" },
                new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 4U, Space = 4U, Color = RuleColor })),
            new Run(new RunProperties(new Bold()), new Text(document.HeaderText + (document.IsDraft ? " · DRAFT" : "")) { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new TabChar(), new Text(document.VersionText)));
        var header = new Header(paragraph);
        if (document.IsDraft)
        {
            header.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Header" }), Watermark()));
        }

        return header;
    }

    /// <summary>Word's own kind of text watermark: a rotated VML WordArt shape behind the text, anchored in the header.</summary>
    private static Run Watermark()
    {
        var shape = new DocumentFormat.OpenXml.Vml.Shape(
            new DocumentFormat.OpenXml.Vml.Fill { Opacity = ".35" },
            new DocumentFormat.OpenXml.Vml.TextPath { Style = "font-family:\"Calibri\";font-size:1pt;font-weight:bold", String = "DRAFT" })
        {
            Id = "IcfDraftWatermark",
            Style = "position:absolute;margin-left:0;margin-top:0;width:460pt;height:150pt;rotation:315;z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin",
            FillColor = "#E06060",
            Stroked = false,
        };
        return new Run(new Picture(shape));
    }

    private static Footer Footer()
    {
        static SimpleField Field(string code, string cached) =>
            new(new Run(new RunProperties(new Bold(), new NoProof()), new Text(cached))) { Instruction = $" {code} \\* MERGEFORMAT " };

        return new Footer(new Paragraph(
            new ParagraphProperties(
                new ParagraphStyleId { Val = "Footer" },
                new ParagraphBorders(new TopBorder { Val = BorderValues.Single, Size = 4U, Space = 4U, Color = RuleColor })),
            new Run(new Text("Participant initials: ________") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new TabChar()),
            new Run(new RunProperties(new Bold()), new Text("Page ") { Space = SpaceProcessingModeValues.Preserve }),
            Field("PAGE", "1"),
            new Run(new RunProperties(new Bold()), new Text(" of ") { Space = SpaceProcessingModeValues.Preserve }),
            Field("NUMPAGES", "1")));
    }

    // ---- body ----

    private sealed class BodyWriter(Body body, NumberingDefinitionsPart numbering, FootnotesPart? footnotes)
    {
        private int _nextNumId = BulletNumId + 1;
        private long _nextFootnoteId = 1;
        private IReadOnlyList<ConsentNote> _notes = [];

        public void TitleBlock(ConsentDocument document)
        {
            // The stamp box: a fixed-height bordered cell at the top right of the first page.
            var stamp = new Table(
                new TableProperties(
                    new TableWidth { Width = "3000", Type = TableWidthUnitValues.Dxa },
                    new TableJustification { Val = TableRowAlignmentValues.Right },
                    new TableBorders(
                        new TopBorder { Val = BorderValues.Dashed, Size = 6U, Color = RuleColor },
                        new LeftBorder { Val = BorderValues.Dashed, Size = 6U, Color = RuleColor },
                        new BottomBorder { Val = BorderValues.Dashed, Size = 6U, Color = RuleColor },
                        new RightBorder { Val = BorderValues.Dashed, Size = 6U, Color = RuleColor }),
                    new TableLayout { Type = TableLayoutValues.Fixed }),
                new TableGrid(new GridColumn { Width = "3000" }),
                new TableRow(
                    new TableRowProperties(new TableRowHeight { Val = 1700U, HeightType = HeightRuleValues.Exact }),
                    new TableCell(
                        new TableCellProperties(new TableCellWidth { Width = "3000", Type = TableWidthUnitValues.Dxa }),
                        new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Small" }, new Justification { Val = JustificationValues.Center }), TextRun("IRB approval stamp")))));
            body.Append(stamp);
            body.Append(StyledParagraph("Title", document.DocumentTitle));
            body.Append(StyledParagraph("Subtitle", "Consent to take part in a research study"));
            body.Append(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "200" }), new Run(new RunProperties(new Bold(), new FontSize { Val = "24" }), new Text(document.StudyTitle))));

            var rows = document.TitleFields.Select(f => new TableRow(
                Cell(2800, [new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "TableText" }), new Run(new RunProperties(new Bold()), new Text(f.Label)))]),
                Cell(TextWidth - 2800, [new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "TableText" }), TextRun(f.Value ?? ""))])));
            body.Append(GridTable([2800, TextWidth - 2800], rows, horizontalOnly: true));
            body.Append(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0" })));
        }

        public void DraftNotice(ConsentDocument document)
        {
            var content = new List<OpenXmlElement>
            {
                new Paragraph(new Run(new RunProperties(new Bold(), new Color { Val = "961414" }), new Text("DRAFT – not approved for use with participants"))),
                new Paragraph(TextRun(document.UnapprovedSections.Count == 0
                    ? "Every section is approved; export the final document for submission."
                    : $"{document.UnapprovedSections.Count} section(s) are not yet approved:")),
            };
            content.AddRange(document.UnapprovedSections.Select(t => ListParagraph(BulletNumId, [TextRun(t)])));
            var cell = new TableCell(
                new TableCellProperties(
                    new TableCellWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                    new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "FDF0F0" }));
            cell.Append(content);
            var table = new Table(
                new TableProperties(
                    new TableWidth { Width = TextWidth.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                    new TableBorders(
                        new TopBorder { Val = BorderValues.Single, Size = 6U, Color = "BE3C3C" },
                        new LeftBorder { Val = BorderValues.Single, Size = 6U, Color = "BE3C3C" },
                        new BottomBorder { Val = BorderValues.Single, Size = 6U, Color = "BE3C3C" },
                        new RightBorder { Val = BorderValues.Single, Size = 6U, Color = "BE3C3C" })),
                new TableGrid(new GridColumn { Width = TextWidth.ToString(CultureInfo.InvariantCulture) }),
                new TableRow(cell));
            body.Append(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0" })));
            body.Append(table);
        }

        public void Section(ConsentSection section)
        {
            _notes = section.Notes;
            body.Append(StyledParagraph("Heading1", section.Title));
            foreach (var block in section.Blocks)
            {
                switch (block)
                {
                    case SubheadingBlock sub:
                        body.Append(StyledParagraph("Heading2", sub.Text));
                        break;
                    case ParagraphBlock paragraph:
                        body.Append(new Paragraph(Runs(paragraph.Runs)));
                        break;
                    case ListBlock list:
                        var numId = list.Numbered ? NewDecimalList() : BulletNumId;
                        foreach (var item in list.Items)
                        {
                            body.Append(ListParagraph(numId, Runs(item)));
                        }

                        break;
                    case TableBlock table:
                        Table(table);
                        break;
                }
            }
        }

        public void Signatures(ConsentDocument document)
        {
            Section(document.SignatureSection);
            foreach (var group in document.Signatures)
            {
                body.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Heading2" }), TextRun(group.Heading)));
                var rows = new List<TableRow>();
                var signatureRows = PdfLayout.SignatureRows(group);
                for (var i = 0; i < signatureRows.Count; i++)
                {
                    var (label, date) = signatureRows[i];
                    var last = i == signatureRows.Count - 1;
                    var lineRow = new TableRow(new TableRowProperties(new TableRowHeight { Val = 560U, HeightType = HeightRuleValues.AtLeast }, new CantSplit()));
                    var labelRow = new TableRow(new TableRowProperties(new CantSplit()));
                    if (date is null)
                    {
                        lineRow.Append(LineCell(TextWidth, span: 3, rule: true));
                        labelRow.Append(LabelCell(TextWidth, label, span: 3, keepNext: !last));
                    }
                    else
                    {
                        lineRow.Append(LineCell(6200, span: 1, rule: true), LineCell(400, span: 1, rule: false), LineCell(TextWidth - 6600, span: 1, rule: true));
                        labelRow.Append(LabelCell(6200, label, span: 1, keepNext: !last), LabelCell(400, "", span: 1, keepNext: !last), LabelCell(TextWidth - 6600, date, span: 1, keepNext: !last));
                    }

                    rows.Add(lineRow);
                    rows.Add(labelRow);
                }

                body.Append(GridTable([6200, 400, TextWidth - 6600], rows, borders: false));
            }
        }

        /// <summary>A blank cell whose bottom border is the line to sign or write on; kept with the label row below it.</summary>
        private static TableCell LineCell(int width, int span, bool rule)
        {
            var properties = new TableCellProperties(new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
            if (span > 1)
            {
                properties.Append(new GridSpan { Val = span });
            }

            if (rule)
            {
                properties.Append(new TableCellBorders(new BottomBorder { Val = BorderValues.Single, Size = 6U, Color = "000000" }));
            }

            properties.Append(new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Bottom });
            return new TableCell(properties, new Paragraph(new ParagraphProperties(new KeepNext(), new SpacingBetweenLines { After = "0" })));
        }

        private static TableCell LabelCell(int width, string label, int span, bool keepNext)
        {
            var properties = new TableCellProperties(new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
            if (span > 1)
            {
                properties.Append(new GridSpan { Val = span });
            }

            var paragraphProperties = new ParagraphProperties(new ParagraphStyleId { Val = "Small" });
            if (keepNext)
            {
                paragraphProperties.Append(new KeepNext());
            }

            return new TableCell(properties, new Paragraph(paragraphProperties, TextRun(label)));
        }

        private void Table(TableBlock table)
        {
            var columns = Math.Max(table.Header?.Count ?? 0, table.Rows.Count == 0 ? 0 : table.Rows.Max(r => r.Count));
            if (columns == 0)
            {
                return;
            }

            // Widths follow each column's longest text, with a floor, to look like a hand-made table.
            var need = Enumerable.Range(0, columns).Select(c => Math.Max(6, (table.Header is null ? [] : new[] { table.Header }).Concat(table.Rows)
                .Select(r => c < r.Count ? ConsentMarkdown.PlainText(r[c]).Length : 0).DefaultIfEmpty(0).Max())).ToArray();
            var total = need.Sum();
            var widths = need.Select(n => (int)Math.Round(TextWidth * (double)n / total)).ToArray();
            widths[^1] += TextWidth - widths.Sum();

            var rows = new List<TableRow>();
            if (table.Header is not null)
            {
                rows.Add(Row(table.Header, widths, header: true));
            }

            rows.AddRange(table.Rows.Select(r => Row(r, widths, header: false)));
            body.Append(GridTable(widths, rows));
            body.Append(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0" })));
        }

        private TableRow Row(IReadOnlyList<IReadOnlyList<InlineRun>> cells, int[] widths, bool header)
        {
            var row = new TableRow(new TableRowProperties(header ? new TableHeader() : new CantSplit()));
            for (var c = 0; c < widths.Length; c++)
            {
                var runs = c < cells.Count ? cells[c] : [];
                var paragraph = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "TableText" }));
                paragraph.Append(Runs(header ? [.. runs.Select(r => r with { Bold = true })] : runs));
                var cell = Cell(widths[c], [paragraph]);
                if (header)
                {
                    cell.TableCellProperties!.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "EBEFF5" });
                }

                row.Append(cell);
            }

            return row;
        }

        private static TableCell Cell(int width, IEnumerable<OpenXmlElement> content)
        {
            var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }));
            cell.Append(content);
            return cell;
        }

        private static Table GridTable(int[] widths, IEnumerable<TableRow> rows, bool horizontalOnly = false, bool borders = true)
        {
            var properties = new TableProperties(
                new TableStyle { Val = "TableGrid" },
                new TableWidth { Width = widths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableLayout { Type = TableLayoutValues.Fixed });
            if (horizontalOnly || !borders)
            {
                var none = new TableBorders(
                    new TopBorder { Val = horizontalOnly ? BorderValues.Single : BorderValues.None, Size = 4U, Color = RuleColor },
                    new LeftBorder { Val = BorderValues.None },
                    new BottomBorder { Val = horizontalOnly ? BorderValues.Single : BorderValues.None, Size = 4U, Color = RuleColor },
                    new RightBorder { Val = BorderValues.None },
                    new InsideHorizontalBorder { Val = horizontalOnly ? BorderValues.Single : BorderValues.None, Size = 4U, Color = RuleColor },
                    new InsideVerticalBorder { Val = BorderValues.None });
                properties.InsertBefore(none, properties.GetFirstChild<TableLayout>());
            }

            properties.Append(new TableLook { Val = "04A0", FirstRow = true, NoVerticalBand = true });
            var table = new Table(properties, new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
            table.Append(rows);
            return table;
        }

        private int NewDecimalList()
        {
            // Each numbered list restarts at 1: its own instance of the decimal definition.
            var id = _nextNumId++;
            numbering.Numbering!.Append(new NumberingInstance(
                new AbstractNumId { Val = DecimalAbstractId },
                new LevelOverride(new StartOverrideNumberingValue { Val = 1 }) { LevelIndex = 0 })
            { NumberID = id });
            return id;
        }

        private static Paragraph ListParagraph(int numId, IEnumerable<OpenXmlElement> runs)
        {
            var paragraph = new Paragraph(new ParagraphProperties(
                new ParagraphStyleId { Val = "ListParagraph" },
                new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = numId })));
            paragraph.Append(runs);
            return paragraph;
        }

        private static Paragraph StyledParagraph(string styleId, string text) =>
            new(new ParagraphProperties(new ParagraphStyleId { Val = styleId }), TextRun(text));

        private static Run TextRun(string text) => new(new Text(text) { Space = SpaceProcessingModeValues.Preserve });

        private List<OpenXmlElement> Runs(IReadOnlyList<InlineRun> runs)
        {
            var result = new List<OpenXmlElement>();
            foreach (var run in runs)
            {
                if (run.NoteNumber is { } number)
                {
                    result.Add(FootnoteReference(number));
                    continue;
                }

                var properties = new RunProperties();
                if (run.Bold)
                {
                    properties.Append(new Bold());
                }

                if (run.Italic)
                {
                    properties.Append(new Italic());
                }

                var element = new Run(new Text(run.Text) { Space = SpaceProcessingModeValues.Preserve });
                if (properties.HasChildren)
                {
                    element.PrependChild(properties);
                }

                result.Add(element);
            }

            return result;
        }

        /// <summary>A real Word footnote holding the note's text; Word numbers footnotes itself, in the same order.</summary>
        private Run FootnoteReference(int number)
        {
            var note = _notes.FirstOrDefault(n => n.Number == number);
            if (footnotes?.Footnotes is null || note is null)
            {
                return new Run(new RunProperties(new VerticalTextAlignment { Val = VerticalPositionValues.Superscript }), new Text(number.ToString(CultureInfo.InvariantCulture)));
            }

            var id = _nextFootnoteId++;
            footnotes.Footnotes.Append(new Footnote(new Paragraph(
                new ParagraphProperties(new ParagraphStyleId { Val = "FootnoteText" }),
                new Run(new RunProperties(new RunStyle { Val = "FootnoteReference" }), new FootnoteReferenceMark()),
                new Run(new Text(" " + note.Text) { Space = SpaceProcessingModeValues.Preserve })))
            { Id = id });
            return new Run(new RunProperties(new RunStyle { Val = "FootnoteReference" }), new DocumentFormat.OpenXml.Wordprocessing.FootnoteReference { Id = id });
        }
    }
}
