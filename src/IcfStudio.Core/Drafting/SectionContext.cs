using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Profile;
using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Drafting;

/// <summary>One section of a document template (the catalog is data: see Resources/Templates).</summary>
public sealed record SectionTemplate
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public int Order { get; init; }

    /// <summary>Retrieval queries in the protocol's own vocabulary.</summary>
    public IReadOnlyList<string> Queries { get; init; } = [];

    /// <summary>Heading patterns (case-insensitive substrings) that boost or restrict retrieval to the right protocol sections.</summary>
    public IReadOnlyList<string> HeadingPatterns { get; init; } = [];

    /// <summary>The protocol-map roles (<c>ProtocolRole</c>, snake_case) the section is written from; empty: any part of the protocol.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>
    /// Other roles that state some of the section's facts (pregnancy rules in the eligibility criteria for risks; outcome
    /// measures for procedures), with how many of their best passages the section gets after its own roles' best.
    /// </summary>
    public IReadOnlyDictionary<string, int> SupportingRoles { get; init; } = new Dictionary<string, int>();

    /// <summary>How many passages the section is given; null: <c>SectionContextBuilder.MaxPassages</c>. Sections drawing on many parts of the protocol need more.</summary>
    public int? MaxPassages { get; init; }

    /// <summary>
    /// How many of the passages (the best first) the offline drafter writes from; null: <c>SectionContextBuilder.MaxPassages</c>
    /// or <see cref="MaxPassages"/> when smaller. An LLM reads a long prompt well; the offline drafter picks sentences by
    /// word overlap, and more passages bring it more off-topic sentences.
    /// </summary>
    public int? OfflinePassages { get; init; }

    public string Instructions { get; init; } = "";
    public int TargetWords { get; init; } = 200;

    /// <summary>Regulatory element ids (regulations/consent-elements.json) this section satisfies.</summary>
    public IReadOnlyList<string> ElementIds { get; init; } = [];

    /// <summary>Standard wording with {placeholders} for study facts, used by the offline drafter and given to LLMs as a model.</summary>
    public string? StandardText { get; init; }
}

public sealed record DocumentTemplate
{
    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>The finished document's title, e.g. "Informed Consent Form".</summary>
    public string DocumentTitle { get; init; } = "Informed Consent Form";
    public required IReadOnlyList<SectionTemplate> Sections { get; init; }

    /// <summary>Signature lines for the final document, in order.</summary>
    public IReadOnlyList<string> SignatureLines { get; init; } = [];
}

/// <summary>Everything a section writer needs: the extracted study facts and the retrieved passages, labelled [P1], [P2]…</summary>
/// <param name="Profile">The study's reviewed profile (effective items and version); null where none is available.</param>
public sealed record FactSheet(StudyMetadata Metadata, UsdmFacts? Facts, StudyProfile? Profile = null);

/// <summary>A retrieved protocol passage with its citation key, such as "P12".</summary>
public sealed record Passage(string Key, ChunkHit Chunk);

public sealed record SectionContext(
    string StudyId,
    SectionTemplate Section,
    FactSheet Facts,
    IReadOnlyList<Passage> Passages,
    string? Feedback = null,
    string? CurrentText = null);
