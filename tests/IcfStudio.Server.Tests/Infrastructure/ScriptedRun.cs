using System.Runtime.CompilerServices;
using System.Text.Json;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Storage;

namespace IcfStudio.Server.Tests.Infrastructure;

/// <summary>
/// An event source standing in for the engine: numbers a script of events after the store's last sequence, persists them
/// in batches (so storage lags behind the live stream, as with the engine's event log), and can pause at a chosen event.
/// </summary>
internal sealed class ScriptedRun(IDraftStore store, string draftId, IReadOnlyList<DraftEvent> script, int persistBatch = 7)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Pause after yielding this many events, until <see cref="Resume"/>.</summary>
    public int? PauseAfter { get; init; }

    public Task Paused => _paused.Task;

    public void Resume() => _resume.TrySetResult();

    public async IAsyncEnumerable<SequencedDraftEvent> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = await store.GetLastEventSequenceAsync(draftId, cancellationToken) + 1;
        var unsaved = new List<StoredDraftEvent>();
        try
        {
            for (var i = 0; i < script.Count; i++)
            {
                var draftEvent = script[i];
                var json = JsonSerializer.Serialize(draftEvent, draftEvent.GetType(), Json);
                var sequenced = new SequencedDraftEvent(next++, draftEvent, json);
                unsaved.Add(new StoredDraftEvent(sequenced.Sequence, draftEvent.Name, json));
                if (unsaved.Count >= persistBatch)
                {
                    await store.AppendEventsAsync(draftId, [.. unsaved], cancellationToken);
                    unsaved.Clear();
                }

                if (draftEvent is SectionCompleted completed)
                {
                    await store.SaveSectionVersionAsync(draftId, completed.SectionId, completed.Content, completed.Citations, SectionStatus.Ready, VersionReason.Generated, "test", cancellationToken: cancellationToken);
                }

                yield return sequenced;
                if (PauseAfter == i + 1)
                {
                    _paused.TrySetResult();
                    await _resume.Task.WaitAsync(cancellationToken);
                }
            }
        }
        finally
        {
            await store.AppendEventsAsync(draftId, [.. unsaved], CancellationToken.None);
        }
    }

    /// <summary>Two sections drafted at once, their tokens interleaved; returns the script and each section's full text.</summary>
    public static (IReadOnlyList<DraftEvent> Script, IReadOnlyDictionary<string, string> Texts) TwoSections(int tokensPerSection)
    {
        var texts = new Dictionary<string, string>
        {
            ["risks"] = string.Concat(Enumerable.Range(0, tokensPerSection).Select(i => $"risk{i} ")),
            ["benefits"] = string.Concat(Enumerable.Range(0, tokensPerSection).Select(i => $"bénéfice{i}, ")),
        };
        var script = new List<DraftEvent> { new SectionStarted("risks", "Risks", 1), new SectionStarted("benefits", "Benefits", 1) };
        // Runs of three tokens per section, so that both interleaving and coalescing of neighbours occur.
        for (var start = 0; start < tokensPerSection; start += 3)
        {
            foreach (var (sectionId, word) in new[] { ("risks", "risk"), ("benefits", "bénéfice") })
            {
                for (var i = start; i < Math.Min(start + 3, tokensPerSection); i++)
                {
                    script.Add(new TokenDelta(sectionId, sectionId == "risks" ? $"{word}{i} " : $"{word}{i}, "));
                }
            }
        }

        script.Add(new SectionCompleted("risks", texts["risks"], tokensPerSection, [], 1, "stub"));
        script.Add(new SectionCompleted("benefits", texts["benefits"], tokensPerSection, [], 1, "stub"));
        script.Add(new DraftCompleted("D-test", 2, 0, 1, new Dictionary<string, long>()));
        return (script, texts);
    }

    public static DraftRecord Draft(string draftId, DateTimeOffset now) => new(
        draftId, "TEST-00000000", "stub", null, "icf", now, now,
        [
            new DraftSection("risks", "Risks", 0, SectionStatus.Pending, "", 0, [], 0),
            new DraftSection("benefits", "Benefits", 1, SectionStatus.Pending, "", 0, [], 0),
        ],
        Offline: false);
}
