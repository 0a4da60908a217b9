using System.Collections.Concurrent;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Storage;
using IcfStudio.Server.Hosting;

namespace IcfStudio.Server.Drafts;

/// <summary>
/// Owns every running generation. A run belongs to the server, not to the request that started it:
/// it goes on when the client disconnects and is cancelled only when the server stops.
/// </summary>
internal sealed class DraftRunner(DraftStreamHub hub, IDraftStore store, ILogger<DraftRunner> logger) : IAsyncDisposable
{
    // How often a run asks storage how far it has persisted, so the hub can drop events storage now holds.
    private const int TrimEvery = 512;

    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _runs = new();
    private long _nextRunId;
    private int _stopped;

    public bool IsRunning(string draftId) => hub.IsRunning(draftId);

    /// <summary>Starts generating every unfinished section of a draft, in the background.</summary>
    public Task StartGenerationAsync(DraftService drafts, string draftId, string actor, CancellationToken cancellationToken) =>
        StartAsync(draftId, "generation", ct => drafts.GenerateAsync(draftId, actor, ct), cancellationToken);

    /// <summary>Starts regenerating one section, in the background; its events go to the draft's stream.</summary>
    public Task StartRegenerationAsync(DraftService drafts, string draftId, string sectionId, string? feedback, string actor, CancellationToken cancellationToken) =>
        StartAsync(draftId, "regeneration", ct => drafts.RegenerateAsync(draftId, sectionId, feedback, actor, ct), cancellationToken);

    /// <summary>
    /// Starts a run and returns once its first event was published (or it ended), so that an error the engine raises
    /// at once (unknown draft, section already generating) reaches the caller as an exception. The run itself is not
    /// tied to <paramref name="cancellationToken"/>, which only bounds the wait.
    /// </summary>
    public async Task StartAsync(string draftId, string kind, Func<CancellationToken, IAsyncEnumerable<SequencedDraftEvent>> source, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_stopped == 1, this);
        var lastStored = await store.GetLastEventSequenceAsync(draftId, cancellationToken);
        hub.BeginRun(draftId, lastStored);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runId = Interlocked.Increment(ref _nextRunId);
        var run = Task.Run(() => RunAsync(draftId, kind, source, started), CancellationToken.None);
        _runs[runId] = run;
        _ = run.ContinueWith(_ => _runs.TryRemove(runId, out Task? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await started.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Cancels every run and waits for them to finish (bounded by <paramref name="cancellationToken"/>).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _stopping.CancelAsync();
        }

        try
        {
            await Task.WhenAll(_runs.Values).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout has passed; runs finish on their own.
        }
    }

    /// <summary>Waits until nothing runs (tests and the benchmark use this).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken) => Task.WhenAll(_runs.Values).WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // The host may dispose services before or after it stops them: stopping is idempotent and the token source is
        // left to the garbage collector, as a hosted service may still ask for it after disposal.
        await StopAsync(CancellationToken.None);
    }

    private async Task RunAsync(string draftId, string kind, Func<CancellationToken, IAsyncEnumerable<SequencedDraftEvent>> source, TaskCompletionSource started)
    {
        long count = 0;
        ServerLog.RunStarted(logger, kind, draftId);
        try
        {
            await foreach (var draftEvent in source(_stopping.Token).WithCancellation(_stopping.Token))
            {
                hub.Publish(draftId, draftEvent);
                started.TrySetResult();
                if (++count % TrimEvery == 0)
                {
                    hub.Trim(draftId, await store.GetLastEventSequenceAsync(draftId, _stopping.Token));
                }
            }

            ServerLog.RunFinished(logger, kind, draftId, count);
            started.TrySetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            ServerLog.RunCancelled(logger, kind, draftId);
            started.TrySetCanceled(_stopping.Token);
        }
        catch (Exception ex)
        {
            if (!started.TrySetException(ex))
            {
                ServerLog.RunFailed(logger, kind, draftId, ex.GetType().Name);
                ServerLog.RunFailedDetail(logger, ex);
            }
        }
        finally
        {
            hub.EndRun(draftId);
        }
    }
}

/// <summary>On start, marks sections a previous process left generating as interrupted; on stop, cancels running generations.</summary>
internal sealed class DraftRunnerHostedService(DraftRunner runner, IDraftStore store, ILogger<DraftRunnerHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = await store.MarkUnfinishedSectionsInterruptedAsync(cancellationToken);
        if (count > 0)
        {
            ServerLog.MarkedInterrupted(logger, count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => runner.StopAsync(cancellationToken);
}
