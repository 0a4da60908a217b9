using Microsoft.Extensions.AI;

namespace IcfStudio.Core.Drafting.Engine;

/// <summary>One section for the engine to draft.</summary>
/// <param name="Version">The version the new text will become (shown in <see cref="SectionStarted"/>).</param>
/// <param name="PrepareAsync">Retrieves the passages and builds the prompt; runs inside the section's own task, so retrieval is parallel too.</param>
/// <param name="AfterCompletedAsync">
/// Runs in the section's own task once the section completed (so it never holds up the other sections); the event it
/// returns, if any, follows the section's <see cref="SectionCompleted"/>. It must not throw.
/// </param>
/// <param name="StoreAsync">
/// Stores a completed section in the section's own task before its completion is announced, so a slow store holds up this
/// section alone and not the tokens of the others. Returns the event to announce: the completion with its stored version,
/// or whatever the consumer should act on instead. It must not throw.
/// </param>
internal sealed record SectionJob(
    string SectionId,
    string Title,
    int Version,
    Func<CancellationToken, Task<SectionRequest>> PrepareAsync,
    Func<SectionCompleted, CancellationToken, Task<DraftEvent?>>? AfterCompletedAsync = null,
    Func<SectionCompleted, CancellationToken, Task<DraftEvent>>? StoreAsync = null);

/// <summary>The prompt of a section and how to read the citations of its text.</summary>
internal sealed record SectionRequest(IList<ChatMessage> Messages, ChatOptions Options, Func<string, IReadOnlyList<Citation>> ParseCitations);
