namespace IcfStudio.Core.Export;

/// <summary>The output formats of the final consent document.</summary>
public enum ExportFormat
{
    Pdf,
    Docx,
    Md,
}

/// <summary>A run of text with emphasis. <see cref="NoteNumber"/> set: a footnote reference mark, not text.</summary>
public sealed record InlineRun(string Text, bool Bold = false, bool Italic = false, int? NoteNumber = null)
{
    public static InlineRun Note(int number) => new(number.ToString(System.Globalization.CultureInfo.InvariantCulture), NoteNumber: number);
}

/// <summary>A block of a section's body, parsed from the section's light Markdown.</summary>
public abstract record ConsentBlock;

public sealed record ParagraphBlock(IReadOnlyList<InlineRun> Runs) : ConsentBlock;

/// <summary>A sub-heading inside a section (a Markdown <c>###</c> line).</summary>
public sealed record SubheadingBlock(string Text) : ConsentBlock;

public sealed record ListBlock(bool Numbered, IReadOnlyList<IReadOnlyList<InlineRun>> Items) : ConsentBlock;

/// <summary>A table; <see cref="Header"/> is null when the Markdown table had no separator row.</summary>
public sealed record TableBlock(IReadOnlyList<IReadOnlyList<InlineRun>>? Header, IReadOnlyList<IReadOnlyList<IReadOnlyList<InlineRun>>> Rows) : ConsentBlock;

/// <summary>A numbered note for an annotated export: where in the protocol a cited passage is.</summary>
public sealed record ConsentNote(int Number, string Key, string Text);

public sealed record ConsentSection(string SectionId, string Title, IReadOnlyList<ConsentBlock> Blocks, IReadOnlyList<ConsentNote> Notes);

/// <summary>A label/value line of the title block (value null: a blank to fill in by hand).</summary>
public sealed record TitleField(string Label, string? Value);

/// <summary>One signer's lines (e.g. the participant): each line is a label under a blank rule; a "Date" line sits beside the line before it.</summary>
public sealed record SignatureGroup(string Heading, IReadOnlyList<string> Lines);

public sealed record ConsentDocument
{
    /// <summary>"Informed Consent Form" or the template's title.</summary>
    public required string DocumentTitle { get; init; }

    public required string StudyTitle { get; init; }

    /// <summary>The acronym or short title shown in every page header and the file name.</summary>
    public required string Acronym { get; init; }

    public required IReadOnlyList<TitleField> TitleFields { get; init; }

    /// <summary>The consent form's own version (not the protocol's).</summary>
    public required string DocumentVersion { get; init; }

    public required DateOnly DocumentDate { get; init; }

    public required IReadOnlyList<ConsentSection> Sections { get; init; }

    /// <summary>The closing section: the template's own signature section when it has one (its statement of consent), else a standard statement.</summary>
    public required ConsentSection SignatureSection { get; init; }

    public required IReadOnlyList<SignatureGroup> Signatures { get; init; }

    /// <summary>A draft export: watermarked, may hold unapproved sections, lists them on the first page.</summary>
    public bool IsDraft { get; init; }

    /// <summary>Titles of the sections not yet approved (draft exports only).</summary>
    public IReadOnlyList<string> UnapprovedSections { get; init; } = [];

    /// <summary>Citations kept as notes (internal review) rather than removed (participant's copy).</summary>
    public bool Annotated { get; init; }

    public string HeaderText => $"{Acronym} · {DocumentTitle}";

    public string VersionText => $"Version {DocumentVersion}, {DocumentDate.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}";
}
