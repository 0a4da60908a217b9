namespace IcfStudio.Core.Ingestion;

/// <summary>
/// Formats without a page model (DOCX without rendered page breaks, text without form feeds) get estimated pages:
/// a new page after about <see cref="WordsPerPage"/> words, at a block boundary, so citations still point near the passage.
/// </summary>
internal static class PageEstimator
{
    /// <summary>About one single-spaced letter page of protocol prose.</summary>
    public const int WordsPerPage = 450;
}
