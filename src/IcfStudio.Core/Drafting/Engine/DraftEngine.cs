using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using IcfStudio.Core.Drafting.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IcfStudio.Core.Drafting.Engine;

/// <summary>
/// Drafts sections in parallel and merges their events into one stream. Each section runs in its own task, bounded by
/// its provider's gate; a failure is retried with backoff (honouring Retry-After), then handed to the next provider of the
/// chain, and finally reported for that section alone while the others go on.
/// </summary>
internal sealed partial class DraftEngine(IOptions<DraftingOptions> options, TimeProvider timeProvider, ILogger<DraftEngine> logger)
{
    private readonly DraftingOptions _options = options.Value;

    public async IAsyncEnumerable<DraftEvent> RunAsync(
        string draftId,
        IReadOnlyList<SectionJob> jobs,
        IReadOnlyList<ChatProvider> chain,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(chain.Count);
        var started = timeProvider.GetTimestamp();
        var channel = Channel.CreateUnbounded<DraftEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var outcomes = new SectionOutcome[jobs.Count];
        var sections = new Task[jobs.Count];
        for (var i = 0; i < jobs.Count; i++)
        {
            var index = i;
            sections[i] = Task.Run(() => RunSectionAsync(jobs[index], chain, channel.Writer, outcomes, index, stop.Token), CancellationToken.None);
        }

        var allDone = Task.WhenAll(sections).ContinueWith(
            _ => channel.Writer.TryComplete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await foreach (var draftEvent in channel.Reader.ReadAllAsync(stop.Token))
            {
                yield return draftEvent;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var durations = new Dictionary<string, long>(jobs.Count, StringComparer.Ordinal);
            for (var i = 0; i < jobs.Count; i++)
            {
                durations[jobs[i].SectionId] = outcomes[i].DurationMs;
            }

            yield return new DraftCompleted(
                draftId,
                outcomes.Count(o => o.Succeeded),
                outcomes.Count(o => !o.Succeeded),
                (long)timeProvider.GetElapsedTime(started).TotalMilliseconds,
                durations);
        }
        finally
        {
            // Reached on completion, on cancellation and when the consumer stops early: no section task outlives the stream.
            await stop.CancelAsync();
            await allDone;
        }
    }

    private async Task RunSectionAsync(
        SectionJob job,
        IReadOnlyList<ChatProvider> chain,
        ChannelWriter<DraftEvent> writer,
        SectionOutcome[] outcomes,
        int index,
        CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            var succeeded = await DraftSectionAsync(job, chain, writer, cancellationToken);
            outcomes[index] = new SectionOutcome(succeeded, (long)timeProvider.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcomes[index] = new SectionOutcome(false, (long)timeProvider.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private async Task<bool> DraftSectionAsync(SectionJob job, IReadOnlyList<ChatProvider> chain, ChannelWriter<DraftEvent> writer, CancellationToken cancellationToken)
    {
        SectionRequest request;
        try
        {
            request = await job.PrepareAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPrepareFailed(job.SectionId, ex.GetType().Name);
            writer.TryWrite(new SectionFailed(job.SectionId, $"Could not prepare the section: {ex.Message}", WillRetry: false));
            return false;
        }

        for (var p = 0; p < chain.Count; p++)
        {
            var provider = chain[p];
            for (var attempt = 0; ; attempt++)
            {
                var (attemptFailure, completed) = await AttemptAsync(job, request, provider, writer, cancellationToken);
                if (completed is not null)
                {
                    var announced = job.StoreAsync is null ? completed : await job.StoreAsync(completed, cancellationToken);
                    writer.TryWrite(announced);
                    if (announced is not SectionCompleted stored)
                    {
                        return false;
                    }

                    if (job.AfterCompletedAsync is not null && await job.AfterCompletedAsync(stored, cancellationToken) is { } follow)
                    {
                        writer.TryWrite(follow);
                    }

                    return true;
                }

                var failure = attemptFailure ?? throw new UnreachableException("An attempt either completes or fails.");
                var retryHere = failure.Transient && attempt < _options.MaxRetries;
                var willRetry = retryHere || p < chain.Count - 1;
                LogAttemptFailed(job.SectionId, provider.Name, attempt + 1, failure.Message, willRetry);
                writer.TryWrite(new SectionFailed(job.SectionId, $"{provider.Name}: {failure.Message}", willRetry));
                if (!retryHere)
                {
                    break;
                }

                await Task.Delay(RetryDelay(attempt, failure.RetryAfter), timeProvider, cancellationToken);
            }
        }

        return false;
    }

    /// <summary>One streamed attempt: the completed section, or why it failed.</summary>
    private async Task<(ProviderFailure? Failure, SectionCompleted? Completed)> AttemptAsync(
        SectionJob job,
        SectionRequest request,
        ChatProvider provider,
        ChannelWriter<DraftEvent> writer,
        CancellationToken cancellationToken)
    {
        await provider.Gate.WaitAsync(cancellationToken);
        using var scope = ProviderCallScope.Begin();
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var idle = TimeSpan.FromMilliseconds(_options.IdleTimeoutMs);
        try
        {
            // A new start tells consumers to drop any text of a previous attempt.
            writer.TryWrite(new SectionStarted(job.SectionId, job.Title, job.Version));
            var text = new StringBuilder(2048);
            attempt.CancelAfter(idle);
            var armedAt = timeProvider.GetTimestamp();
            var finished = false;
            await foreach (var update in provider.Client.GetStreamingResponseAsync(request.Messages, request.Options, attempt.Token))
            {
                finished |= update.FinishReason is not null;
                var delta = TextOf(update);
                if (delta.Length == 0)
                {
                    continue;
                }

                // Re-arming a timer per token costs more than the rest of the token's way through the engine: re-arm once
                // a sixteenth of the timeout has passed, so a stalled stream is cut after 15/16 to 16/16 of it.
                if (timeProvider.GetElapsedTime(armedAt) >= idle / 16)
                {
                    attempt.CancelAfter(idle);
                    armedAt = timeProvider.GetTimestamp();
                }

                text.Append(delta);
                writer.TryWrite(new TokenDelta(job.SectionId, delta));
            }

            if (provider.ReportsFinishReason && !finished)
            {
                throw new IOException("The stream ended before the model finished.");
            }

            if (text.Length == 0 || string.IsNullOrWhiteSpace(text.ToString()))
            {
                throw new EmptyResponseException();
            }

            var content = text.ToString();
            return (null, new SectionCompleted(job.SectionId, content, WordCounter.Count(content), request.ParseCitations(content), job.Version, provider.Name, provider.Offline ? null : provider.Model));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return (ProviderFailure.Classify(ex, scope.Scope, timedOut: attempt.IsCancellationRequested), null);
        }
        finally
        {
            provider.Gate.Release();
        }
    }

    /// <summary>The text of an update without the allocation of <see cref="ChatResponseUpdate.Text"/> in the usual one-content case.</summary>
    private static string TextOf(ChatResponseUpdate update)
    {
        var contents = update.Contents;
        if (contents.Count == 1)
        {
            return contents[0] is TextContent { Text: { } single } ? single : "";
        }

        return contents.Count == 0 ? "" : update.Text;
    }

    private TimeSpan RetryDelay(int attempt, TimeSpan? retryAfter)
    {
        var max = TimeSpan.FromMilliseconds(_options.MaxRetryDelayMs);
        if (retryAfter is { } requested)
        {
            return requested < max ? requested : max;
        }

        // Exponential backoff with ±20 % jitter, so sections that failed together do not retry together.
        var backoff = _options.RetryBaseDelayMs * Math.Pow(2, attempt) * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return TimeSpan.FromMilliseconds(Math.Min(backoff, _options.MaxRetryDelayMs));
    }

    private readonly record struct SectionOutcome(bool Succeeded, long DurationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Section {SectionId}: {Provider} attempt {Attempt} failed: {Failure} (will retry: {WillRetry})")]
    private partial void LogAttemptFailed(string sectionId, string provider, int attempt, string failure, bool willRetry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Section {SectionId}: preparing the prompt failed ({ExceptionType})")]
    private partial void LogPrepareFailed(string sectionId, string exceptionType);
}
