using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace SampleProtocolGenerator;

/// <summary>Lays the sample out on Letter pages with PDFsharp: wrapped text, bold larger headings, a table, running header and footer.</summary>
internal sealed class PdfWriter : IDisposable
{
    private const double Margin = 54;
    private const string Header = "CARDIO Protocol CN-2025-301 · Version 2.0 · Confidential";
    private readonly PdfDocument _document = new();
    private readonly XFont _body = new("DejaVu Sans", 10);
    private readonly XFont _bodyBold = new("DejaVu Sans", 10, XFontStyleEx.Bold);
    private readonly XFont _h1 = new("DejaVu Sans", 14, XFontStyleEx.Bold);
    private readonly XFont _h2 = new("DejaVu Sans", 11.5, XFontStyleEx.Bold);
    private readonly XFont _title = new("DejaVu Sans", 18, XFontStyleEx.Bold);
    private readonly XFont _table = new("DejaVu Sans", 7);
    private readonly XFont _tableBold = new("DejaVu Sans", 7, XFontStyleEx.Bold);
    private readonly XFont _small = new("DejaVu Sans", 8);
    private PdfPage? _page;
    private XGraphics? _graphics;
    private double _y;
    private bool _firstTableRow = true;

    public void Dispose()
    {
        _graphics?.Dispose();
        _document.Dispose();
    }

    public static void Configure()
    {
        GlobalFontSettings.FontResolver ??= new DejaVuFontResolver();
    }

    private double Width => _page!.Width.Point - 2 * Margin;

    private double Bottom => _page!.Height.Point - Margin - 10;

    public int Write(IReadOnlyList<Element> elements, string path)
    {
        _document.Info.Title = "CARDIO Protocol CN-2025-301";
        _document.Info.Author = "Northwind Cardiac Research Inc. (fictional)";
        NewPage();
        foreach (var element in elements)
        {
            if (SampleMarkdown.StartsNewPage(element))
            {
                NewPage();
            }

            switch (element.Kind)
            {
                case ElementKind.Title:
                    _y += 120;
                    WriteWrapped(element.Text, _title, 0, 8);
                    _y += 30;
                    break;
                case ElementKind.Heading1:
                    EnsureSpace(60);
                    _y += 10;
                    WriteWrapped(element.Text, _h1, 0, 6);
                    break;
                case ElementKind.Heading2:
                    EnsureSpace(50);
                    _y += 6;
                    WriteWrapped(element.Text, _h2, 0, 4);
                    break;
                case ElementKind.Paragraph:
                    WriteWrapped(element.Text, _body, 0, 6);
                    break;
                case ElementKind.Bullet:
                    WriteWrapped("• " + element.Text, _body, 12, 3);
                    break;
                case ElementKind.Numbered:
                    WriteWrapped(element.Text, _body, 12, 3);
                    break;
                case ElementKind.TableRow:
                    WriteRow(element.Cells);
                    break;
            }

            if (element.Kind != ElementKind.TableRow && !_firstTableRow)
            {
                _firstTableRow = true;
            }
        }

        _graphics?.Dispose();
        var total = _document.PageCount;
        for (var i = 0; i < total; i++)
        {
            var page = _document.Pages[i];
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            graphics.DrawString(Header, _small, XBrushes.DimGray, new XPoint(Margin, Margin - 20));
            var footer = $"Page {i + 1} of {total}";
            var width = graphics.MeasureString(footer, _small).Width;
            graphics.DrawString(footer, _small, XBrushes.DimGray, new XPoint((page.Width.Point - width) / 2, page.Height.Point - Margin + 20));
        }

        _document.Save(path);
        return total;
    }

    private void NewPage()
    {
        if (_page is not null && _y <= Margin + 1)
        {
            return;
        }

        _graphics?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.Letter;
        _graphics = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }

    private void EnsureSpace(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    private void WriteWrapped(string text, XFont font, double indent, double after)
    {
        var lineHeight = font.Size * 1.35;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var line = string.Empty;
        foreach (var word in words)
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (_graphics!.MeasureString(candidate, font).Width > Width - indent && line.Length > 0)
            {
                DrawLine(line, font, indent, lineHeight);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            DrawLine(line, font, indent, lineHeight);
        }

        _y += after;
    }

    private void DrawLine(string text, XFont font, double indent, double lineHeight)
    {
        EnsureSpace(lineHeight);
        _graphics!.DrawString(text, font, XBrushes.Black, new XPoint(Margin + indent, _y + font.Size));
        _y += lineHeight;
    }

    private void WriteRow(IReadOnlyList<string> cells)
    {
        var header = _firstTableRow;
        _firstTableRow = false;
        var font = header ? _tableBold : _table;
        const double rowHeight = 13;
        EnsureSpace(rowHeight);
        var first = 140.0;
        var last = 52.0;
        var middle = (Width - first - last) / Math.Max(1, cells.Count - 2);
        var x = Margin;
        for (var i = 0; i < cells.Count; i++)
        {
            var width = i == 0 ? first : i == cells.Count - 1 ? last : middle;
            var cell = cells[i];
            if (cell.Length > 0)
            {
                var textWidth = _graphics!.MeasureString(cell, font).Width;
                var left = i == 0 ? x + 2 : x + ((width - textWidth) / 2);
                _graphics.DrawString(cell, font, XBrushes.Black, new XPoint(left, _y + 9));
            }

            _graphics!.DrawRectangle(new XPen(XColors.Gray, 0.4), x, _y, width, rowHeight);
            x += width;
        }

        _y += rowHeight;
    }

    /// <summary>PDFsharp needs font files: the DejaVu fonts Debian ships (fonts-dejavu-core).</summary>
    private sealed class DejaVuFontResolver : IFontResolver
    {
        private const string Folder = "/usr/share/fonts/truetype/dejavu";

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

        public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(Folder, faceName + ".ttf"));
    }
}
