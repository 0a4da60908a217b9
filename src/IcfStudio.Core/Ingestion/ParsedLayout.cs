namespace IcfStudio.Core.Ingestion;

/// <summary>What a format parser hands to metadata extraction beside the pages and blocks.</summary>
/// <param name="RawPages">Each page's text before running headers and footers were removed (they often name the protocol number and version).</param>
/// <param name="TitleHint">The document's visual title (largest text on the first page, a Title style, a first "#" heading), if any.</param>
internal sealed record ParsedLayout(
    IReadOnlyList<ProtocolPage> Pages,
    IReadOnlyList<DocumentBlock> Blocks,
    IReadOnlyList<string> RawPages,
    MetadataField? TitleHint);
