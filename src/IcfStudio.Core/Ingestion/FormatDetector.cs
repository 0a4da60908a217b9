using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace IcfStudio.Core.Ingestion;

/// <summary>Decides a file's format from its bytes (magic numbers, zip contents, JSON shape); the extension only separates Markdown from plain text.</summary>
internal static class FormatDetector
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ProtocolFormat Detect(byte[] content, string fileName)
    {
        if (content.Length == 0)
        {
            throw new BadInputException("empty_file", $"'{fileName}' is empty (0 bytes).", 400);
        }

        var head = content.AsSpan(0, Math.Min(content.Length, 1024));
        if (head.IndexOf("%PDF-"u8) >= 0)
        {
            return ProtocolFormat.Pdf;
        }

        if (head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8))
        {
            return IsDocx(content)
                ? ProtocolFormat.Docx
                : throw Unsupported(fileName, "a zip archive that is not a Word document (DOCX)");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw new BadInputException("invalid_utf8", $"'{fileName}' is UTF-16 text, not UTF-8. Save it as UTF-8 and upload it again.", 422);
        }

        if (LooksBinary(head))
        {
            throw Unsupported(fileName, DescribeBinary(head));
        }

        var text = DecodeUtf8(content, fileName);
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] is '{' or '[')
        {
            return IsUsdm(content)
                ? ProtocolFormat.UsdmJson
                : throw Unsupported(fileName, "JSON that is not a CDISC USDM study (no \"study\" with \"versions\", no \"usdmVersion\")");
        }

        return IsMarkdown(text, fileName) ? ProtocolFormat.Markdown : ProtocolFormat.Text;
    }

    /// <summary>Decodes strictly: invalid UTF-8 is refused rather than silently replaced. A UTF-8 BOM is dropped.</summary>
    public static string DecodeUtf8(byte[] content, string fileName)
    {
        try
        {
            var offset = content.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
            return StrictUtf8.GetString(content, offset, content.Length - offset);
        }
        catch (DecoderFallbackException ex)
        {
            throw new BadInputException(
                "invalid_utf8",
                $"'{fileName}' is not valid UTF-8 text (bad byte at offset {ex.Index}). Save it as UTF-8 and upload it again.",
                422);
        }
    }

    private static bool IsDocx(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            return zip.GetEntry("word/document.xml") is not null;
        }
        catch (InvalidDataException)
        {
            throw new BadInputException("corrupt_docx", "The file starts like a zip/DOCX archive but its zip structure is damaged or truncated.", 422);
        }
    }

    private static bool IsUsdm(byte[] content)
    {
        try
        {
            var reader = new Utf8JsonReader(content.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? content.AsSpan(3) : content);
            // Shallow scan of the top-level object's property names: no full parse for detection.
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("usdmVersion"u8) || reader.ValueTextEquals("study"u8))
                    {
                        return true;
                    }

                    reader.Read();
                    reader.Skip();
                }
            }

            return false;
        }
        catch (JsonException)
        {
            // Starts like JSON but is not: let the USDM parser report where it breaks if it names a study early on.
            return Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, 4096)).Contains("\"study\"", StringComparison.Ordinal)
                || Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, 4096)).Contains("\"usdmVersion\"", StringComparison.Ordinal);
        }
    }

    private static bool IsMarkdown(string text, string fileName)
    {
        var extension = Path.GetExtension(fileName);
        if (extension.Equals(".md", StringComparison.OrdinalIgnoreCase) || extension.Equals(".markdown", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // ATX headings ("# Title") at the start of a line: plain-text protocols do not use them.
        using var reader = new StringReader(text);
        var headings = 0;
        for (var (line, n) = (reader.ReadLine(), 0); line is not null && n < 2000; line = reader.ReadLine(), n++)
        {
            if (line.StartsWith("# ", StringComparison.Ordinal) || line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("### ", StringComparison.Ordinal))
            {
                headings++;
            }
        }

        return headings >= 1;
    }

    /// <summary>NUL bytes or many control characters: not text.</summary>
    private static bool LooksBinary(ReadOnlySpan<byte> head)
    {
        var control = 0;
        foreach (var b in head)
        {
            if (b == 0)
            {
                return true;
            }

            if (b < 0x09 || (b > 0x0D && b < 0x20 && b != 0x1B))
            {
                control++;
            }
        }

        return control > head.Length / 10;
    }

    private static string DescribeBinary(ReadOnlySpan<byte> head) => head switch
    {
        _ when head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]) => "a legacy Word/Office (.doc) file; save it as DOCX or PDF",
        _ when head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) => "an image; a protocol must be PDF, DOCX, text, Markdown or USDM JSON",
        _ => "a binary file of an unknown type",
    };

    private static BadInputException Unsupported(string fileName, string what) =>
        new("unsupported_type", $"'{fileName}' is {what}. Supported: PDF, DOCX, plain text, Markdown and CDISC USDM v4 JSON.", 415);
}
