using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using IcfStudio.Core.Drafting;
using UglyToad.PdfPig;

namespace IcfStudio.Core.Quality;

/// <summary>
/// Reads an existing consent form (PDF, DOCX, Markdown or text) into sections split at its headings, so any form can be
/// checked like a draft. Headings come from Word heading styles, from larger or bold PDF lines, or from Markdown "#".
/// </summary>
internal static partial class ConsentFormReader
{
    private sealed record Block(string Text, bool IsHeading);

    public static IReadOnlyList<DraftSection> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new BadInputException("file_not_found", $"File not found: {path}");
        }

        if (new FileInfo(path).Length == 0)
        {
            throw new BadInputException("empty_file", $"The file is empty: {path}");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        IReadOnlyList<Block> blocks;
        try
        {
            blocks = extension switch
            {
                ".docx" => ReadDocx(path),
                ".pdf" => ReadPdf(path),
                ".md" or ".markdown" or ".txt" => ReadText(File.ReadAllText(path)),
                _ => throw new BadInputException("unsupported_format", $"Cannot read {extension} files: use a PDF, DOCX, Markdown or text consent form.", 415),
            };
        }
        catch (Exception ex) when (ex is not BadInputException)
        {
            throw new BadInputException("unreadable_file", $"Cannot read {Path.GetFileName(path)}: {ex.Message}", 422);
        }

        var sections = ToSections(blocks);
        if (sections.Sum(s => s.WordCount) == 0)
        {
            throw new BadInputException("no_text", $"{Path.GetFileName(path)} has no extractable text (a scanned form needs OCR first).", 422);
        }

        return sections;
    }

    public static IReadOnlyList<DraftSection> ReadMarkdown(string text) => ToSections(ReadText(text));

    private static List<Block> ReadDocx(string path)
    {
        using var document = WordprocessingDocument.Open(path, false);
        var body = document.MainDocumentPart?.Document?.Body ?? throw new BadInputException("no_text", "The document has no body.", 422);
        var blocks = new List<Block>();
        foreach (var paragraph in body.Descendants<Paragraph>())
        {
            // Joining the Text elements skips field codes, which InnerText would include.
            var text = string.Concat(paragraph.Descendants<Text>().Select(t => t.Text)).Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var style = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";
            var heading = style.StartsWith("Heading", StringComparison.OrdinalIgnoreCase) || style.Equals("Title", StringComparison.OrdinalIgnoreCase)
                || (LooksLikeHeading(text) && text.Length > 3 && IsAllBold(paragraph));
            blocks.Add(new Block(text, heading));
        }

        return blocks;
    }

    private static bool IsAllBold(Paragraph paragraph)
    {
        var runs = paragraph.Descendants<Run>().Where(r => r.Descendants<Text>().Any(t => t.Text.Trim().Length > 0)).ToList();
        return runs.Count > 0 && runs.All(r => r.RunProperties?.Bold is { } b && (b.Val is null || b.Val.Value));
    }

    private static List<Block> ReadPdf(string path)
    {
        using var pdf = PdfDocument.Open(path);
        var lines = new List<(string Text, double Size, bool Bold)>();
        foreach (var page in pdf.GetPages())
        {
            var words = page.GetWords().Where(w => !string.IsNullOrWhiteSpace(w.Text)).ToList();

            // Group words into lines by their baseline (PDF y grows upwards, so sort descending).
            foreach (var line in words
                .GroupBy(w => Math.Round(w.BoundingBox.Bottom / 3.0))
                .OrderByDescending(g => g.Key))
            {
                var ordered = line.OrderBy(w => w.BoundingBox.Left).ToList();
                var letters = ordered.SelectMany(w => w.Letters).ToList();
                var size = letters.Count == 0 ? 0 : letters.Average(l => l.PointSize);
                var bold = letters.Count > 0 && letters.All(l => l.FontName?.Contains("Bold", StringComparison.OrdinalIgnoreCase) == true);
                lines.Add((string.Join(" ", ordered.Select(w => w.Text)), size, bold));
            }
        }

        var bodySize = lines.Count == 0 ? 0 : lines.Select(l => l.Size).Order().ElementAt(lines.Count / 2);
        var blocks = new List<Block>();
        var paragraph = new StringBuilder();
        foreach (var (text, size, bold) in lines)
        {
            var heading = LooksLikeHeading(text) && (size > bodySize * 1.12 || bold || IsAllCaps(text));
            if (heading)
            {
                Flush();
                blocks.Add(new Block(text, true));
                continue;
            }

            paragraph.Append(paragraph.Length > 0 ? " " : "").Append(text);
            if (EndsSentence(text))
            {
                Flush();
            }
        }

        Flush();
        return blocks;

        void Flush()
        {
            if (paragraph.Length > 0)
            {
                blocks.Add(new Block(paragraph.ToString(), false));
                paragraph.Clear();
            }
        }
    }

    private static List<Block> ReadText(string text)
    {
        var blocks = new List<Block>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                blocks.Add(new Block(line.TrimStart('#').Trim(), true));
            }
            else
            {
                blocks.Add(new Block(line, LooksLikeHeading(line) && IsAllCaps(line)));
            }
        }

        return blocks;
    }

    private static IReadOnlyList<DraftSection> ToSections(IReadOnlyList<Block> blocks)
    {
        var sections = new List<DraftSection>();
        var title = "Opening";
        var content = new StringBuilder();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in blocks)
        {
            if (block.IsHeading)
            {
                // Consecutive headings (a form title, then the first heading) keep only the last as the section title.
                if (content.Length > 0)
                {
                    Add();
                }

                title = block.Text;
                continue;
            }

            content.AppendLine(block.Text).AppendLine();
        }

        if (content.Length > 0)
        {
            Add();
        }

        return sections;

        void Add()
        {
            var text = content.ToString().Trim();
            var id = Slug(title);
            var unique = id;
            for (var n = 2; !used.Add(unique); n++)
            {
                unique = $"{id}-{n}";
            }

            var words = Readability.Analyze(text).Words;
            sections.Add(new DraftSection(unique, title, sections.Count + 1, SectionStatus.Ready, text, words, [], 1));
            content.Clear();
        }
    }

    private static bool LooksLikeHeading(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return words is > 0 and <= 14 && text.Length <= 120 && !text.EndsWith('.') && !text.EndsWith(',') && !text.EndsWith(';') && char.IsLetterOrDigit(text[0]);
    }

    private static bool IsAllCaps(string text) => text.Any(char.IsLetter) && text.Where(char.IsLetter).All(char.IsUpper);

    private static bool EndsSentence(string text) => text.EndsWith('.') || text.EndsWith('?') || text.EndsWith('!') || text.EndsWith(':');

    private static string Slug(string title)
    {
        var slug = SlugRegex().Replace(title.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "section" : slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex SlugRegex();
}
