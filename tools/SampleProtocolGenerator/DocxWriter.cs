using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace SampleProtocolGenerator;

/// <summary>Writes the sample as DOCX with real Title/Heading1/Heading2 styles, list paragraphs, a table and explicit page breaks.</summary>
internal static class DocxWriter
{
    public static void Write(IReadOnlyList<Element> elements, string path)
    {
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
        var body = new Body();
        Table? table = null;
        var firstRow = true;
        foreach (var element in elements)
        {
            if (element.Kind != ElementKind.TableRow && table is not null)
            {
                body.Append(table);
                table = null;
            }

            if (SampleMarkdown.StartsNewPage(element))
            {
                body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
            }

            switch (element.Kind)
            {
                case ElementKind.Title:
                    body.Append(Styled("Title", element.Text));
                    break;
                case ElementKind.Heading1:
                    body.Append(Styled("Heading1", element.Text));
                    break;
                case ElementKind.Heading2:
                    body.Append(Styled("Heading2", element.Text));
                    break;
                case ElementKind.Bullet:
                    body.Append(Styled("ListParagraph", "• " + element.Text));
                    break;
                case ElementKind.Numbered:
                    body.Append(Styled("ListParagraph", element.Text));
                    break;
                case ElementKind.TableRow:
                    table ??= NewTable(element.Cells.Count);
                    table.Append(new TableRow(element.Cells.Select(c => new TableCell(
                        new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Auto }),
                        new Paragraph(new Run(firstRow ? new RunProperties(new Bold()) : new RunProperties(), new Text(c)))))));
                    firstRow = false;
                    break;
                default:
                    body.Append(new Paragraph(new Run(new Text(element.Text) { Space = SpaceProcessingModeValues.Preserve })));
                    break;
            }
        }

        if (table is not null)
        {
            body.Append(table);
        }

        body.Append(new SectionProperties(new PageSize { Width = 12240, Height = 15840 }, new PageMargin { Top = 1080, Bottom = 1080, Left = 1080, Right = 1080 }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    private static Paragraph Styled(string styleId, string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = styleId }), new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Table NewTable(int columns)
    {
        var table = new Table(new TableProperties(
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 },
                new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 },
                new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        // 10,080 twips of text width: a wide first column for the procedure, the rest shared by the visits.
        const int first = 2400;
        var other = (10080 - first) / Math.Max(1, columns - 1);
        table.Append(new TableGrid(Enumerable.Range(0, columns).Select(i => new GridColumn { Width = (i == 0 ? first : other).ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        return table;
    }

    private static Styles Styles() => new(
        new Style(new StyleName { Val = "Normal" }, new StyleRunProperties(new FontSize { Val = "21" })) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
        new Style(
            new StyleName { Val = "Title" },
            new BasedOn { Val = "Normal" },
            new StyleRunProperties(new Bold(), new FontSize { Val = "36" })) { Type = StyleValues.Paragraph, StyleId = "Title" },
        Heading(1, "28"),
        Heading(2, "24"),
        new Style(new StyleName { Val = "List Paragraph" }, new BasedOn { Val = "Normal" }, new StyleParagraphProperties(new Indentation { Left = "360" })) { Type = StyleValues.Paragraph, StyleId = "ListParagraph" });

    private static Style Heading(int level, string halfPoints) => new(
        new StyleName { Val = $"heading {level}" },
        new BasedOn { Val = "Normal" },
        new NextParagraphStyle { Val = "Normal" },
        new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" }, new OutlineLevel { Val = level - 1 }),
        new StyleRunProperties(new Bold(), new FontSize { Val = halfPoints })) { Type = StyleValues.Paragraph, StyleId = $"Heading{level}" };
}
