namespace IcfStudio.Core.Ingestion;

/// <summary>Detects the format and runs the matching parser, then metadata extraction.</summary>
internal static class ProtocolParser
{
    public static ProtocolDocument Parse(byte[] content, string fileName, Action<int, int>? pageProgress = null, CancellationToken cancellationToken = default)
    {
        var format = FormatDetector.Detect(content, fileName);
        if (format == ProtocolFormat.UsdmJson)
        {
            var (usdm, metadata, facts) = UsdmProtocolParser.Parse(content);
            pageProgress?.Invoke(usdm.Pages.Count, usdm.Pages.Count);
            return new ProtocolDocument(fileName, format, usdm.Pages, usdm.Blocks, metadata, facts);
        }

        var layout = format switch
        {
            ProtocolFormat.Pdf => PdfProtocolParser.Parse(content, pageProgress, cancellationToken),
            ProtocolFormat.Docx => DocxProtocolParser.Parse(content, cancellationToken),
            _ => TextProtocolParser.Parse(FormatDetector.DecodeUtf8(content, fileName), format == ProtocolFormat.Markdown),
        };
        if (format != ProtocolFormat.Pdf)
        {
            pageProgress?.Invoke(layout.Pages.Count, layout.Pages.Count);
        }

        if (layout.Blocks.Count == 0)
        {
            throw new BadInputException("no_text", $"'{fileName}' contains no readable text.", 422);
        }

        return new ProtocolDocument(fileName, format, layout.Pages, layout.Blocks, MetadataExtractor.Extract(layout));
    }
}
