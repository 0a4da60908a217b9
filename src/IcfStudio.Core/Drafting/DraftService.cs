using System.Runtime.CompilerServices;

namespace IcfStudio.Core.Drafting;

/// <summary>Options for a new draft; every field is optional.</summary>
/// <param name="Provider">anthropic, openai, ollama or offline; null: configuration, else anthropic when its key is set, else offline.</param>
/// <param name="Template">A template id of the shipped catalog or a path to a template file; null: the default ICF template.</param>
/// <param name="Sections">Section ids to draft; null: every section of the template.</param>
public sealed record DraftOptions(string? Provider = null, string? Model = null, string? Template = null, IReadOnlyList<string>? Sections = null);

/// <summary>A draft event with its per-draft sequence number (the SSE id) and its JSON data (camelCase).</summary>
public sealed record SequencedDraftEvent(long Sequence, DraftEvent Event, string DataJson);

/// <summary>
/// Creates drafts, drafts their sections in parallel, and persists every version and event as it goes.
/// Singleton: event sequence numbers are assigned here, per draft, and never repeat.
/// </summary>
public sealed class DraftService
{
    /// <summary>Creates a draft (sections pending, version 0) without generating anything yet.</summary>
    public Task<DraftRecord> CreateAsync(string studyId, DraftOptions options, string actor, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Generates every pending, failed or interrupted section of the draft at once; yields events as produced (already persisted or queued for persistence in order).</summary>
    public async IAsyncEnumerable<SequencedDraftEvent> GenerateAsync(string draftId, string actor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        throw new NotImplementedException();
#pragma warning disable CS0162
        yield break;
#pragma warning restore CS0162
    }

    /// <summary>Regenerates one section: with feedback (≤ 2,000 characters) it revises the current text, without it starts afresh.</summary>
    public async IAsyncEnumerable<SequencedDraftEvent> RegenerateAsync(string draftId, string sectionId, string? feedback, string actor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        throw new NotImplementedException();
#pragma warning disable CS0162
        yield break;
#pragma warning restore CS0162
    }
}
