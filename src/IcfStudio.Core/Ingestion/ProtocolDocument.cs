namespace IcfStudio.Core.Ingestion;

public enum ProtocolFormat
{
    Pdf,
    Docx,
    Text,
    Markdown,
    UsdmJson,
}

public enum BlockKind
{
    Heading,
    Paragraph,
    ListItem,
    TableRow,
}

/// <summary>One page's text after running headers and footers were removed. Pages are numbered from 1.</summary>
public sealed record ProtocolPage(int Number, string Text);

/// <summary>A structural unit of the document in reading order. <paramref name="Level"/> is the heading depth (1 = top level) and 0 for non-headings.</summary>
public sealed record DocumentBlock(BlockKind Kind, string Text, int Page, int Level = 0);

/// <summary>A parsed protocol: pages with text, the block structure, and what was extracted from it.</summary>
public sealed record ProtocolDocument(
    string FileName,
    ProtocolFormat Format,
    IReadOnlyList<ProtocolPage> Pages,
    IReadOnlyList<DocumentBlock> Blocks,
    StudyMetadata Metadata,
    UsdmFacts? Facts = null);

/// <summary>A retrieval unit. Never spans two top-level sections.</summary>
/// <param name="SectionPath">Heading path, e.g. "6 Study Procedures > 6.2 Visit Schedule".</param>
public sealed record DocumentChunk(int Ordinal, string Text, string SectionPath, int PageStart, int PageEnd);
