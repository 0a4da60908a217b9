namespace IcfStudio.Core.Export;

/// <summary>The exported file and anything the reader should know, such as characters the fonts cannot show.</summary>
public sealed record ExportOutput(byte[] Content, IReadOnlyList<string> Warnings);

/// <summary>Writes a <see cref="ConsentDocument"/> in one file format.</summary>
public interface IDocumentExporter
{
    ExportFormat Format { get; }

    string ContentType { get; }

    /// <summary>Without the dot: "pdf", "docx", "md".</summary>
    string Extension { get; }

    ExportOutput Export(ConsentDocument document);
}
