using System.Threading.Channels;
using IcfStudio.Core.Ingestion;

namespace IcfStudio.Server.Studies;

/// <summary>An event of an upload's progress stream: <c>progress</c>, then <c>complete</c> or <c>error</c>.</summary>
internal sealed record UploadEvent(int Id, string Name, object Data);

internal sealed record UploadProgressData(string FileName, string Stage, int PagesParsed, int PageCount, int ChunksIndexed, int ChunkCount);

internal sealed record UploadCompleteData(string StudyId);

internal sealed record UploadErrorData(int Status, string? Code, string Message);

/// <summary>
/// Progress of uploads being ingested, by a client-chosen upload id. The client may open the progress stream before or
/// after posting the files; it gets every event so far, then the live ones, and the stream ends with the upload.
/// </summary>
internal sealed class UploadProgressHub(TimeProvider time)
{
    private readonly Dictionary<string, Tracker> _uploads = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public static bool IsValidId(string? uploadId) =>
        uploadId is { Length: > 0 and <= 64 } && uploadId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public IProgress<IngestProgress> Begin(string uploadId, TimeSpan retention)
    {
        lock (_gate)
        {
            Expire(retention);
            var tracker = GetOrAdd(uploadId);
            if (tracker.Started)
            {
                throw new Core.BadInputException("upload_id_in_use", $"Upload id '{uploadId}' was already used; choose a new one.", StatusCodes.Status409Conflict);
            }

            tracker.Started = true;
            return new Reporter(this, uploadId);
        }
    }

    public void Complete(string uploadId, string studyId) => Add(uploadId, "complete", new UploadCompleteData(studyId), final: true);

    public void Fail(string uploadId, int status, string? code, string message) => Add(uploadId, "error", new UploadErrorData(status, code, message), final: true);

    /// <summary>The events so far and a reader of the ones to come (completed when the upload ends).</summary>
    public (IReadOnlyList<UploadEvent> Past, ChannelReader<UploadEvent> Live, Action Unsubscribe) Subscribe(string uploadId, TimeSpan retention)
    {
        lock (_gate)
        {
            Expire(retention);
            var tracker = GetOrAdd(uploadId);
            var live = Channel.CreateUnbounded<UploadEvent>(new UnboundedChannelOptions { SingleReader = true });
            if (tracker.FinishedAt is null)
            {
                tracker.Subscribers.Add(live);
            }
            else
            {
                live.Writer.TryComplete();
            }

            return ([.. tracker.Events], live.Reader, () => Unsubscribe(uploadId, live));
        }
    }

    private void Add(string uploadId, string name, object data, bool final)
    {
        lock (_gate)
        {
            var tracker = GetOrAdd(uploadId);
            var uploadEvent = new UploadEvent(tracker.Events.Count + 1, name, data);
            tracker.Events.Add(uploadEvent);
            foreach (var subscriber in tracker.Subscribers)
            {
                subscriber.Writer.TryWrite(uploadEvent);
                if (final)
                {
                    subscriber.Writer.TryComplete();
                }
            }

            if (final)
            {
                tracker.Subscribers.Clear();
                tracker.FinishedAt = time.GetUtcNow();
            }
        }
    }

    private void Unsubscribe(string uploadId, Channel<UploadEvent> live)
    {
        lock (_gate)
        {
            if (_uploads.TryGetValue(uploadId, out var tracker))
            {
                tracker.Subscribers.Remove(live);
                if (!tracker.Started && tracker.Subscribers.Count == 0)
                {
                    // Nobody posted files under this id and nobody waits for it any more.
                    _uploads.Remove(uploadId);
                }
            }
        }
    }

    private Tracker GetOrAdd(string uploadId)
    {
        if (!_uploads.TryGetValue(uploadId, out var tracker))
        {
            tracker = new Tracker();
            _uploads[uploadId] = tracker;
        }

        return tracker;
    }

    private void Expire(TimeSpan retention)
    {
        var cutoff = time.GetUtcNow() - retention;
        foreach (var id in _uploads.Where(u => u.Value.FinishedAt < cutoff).Select(u => u.Key).ToList())
        {
            _uploads.Remove(id);
        }
    }

    private sealed class Tracker
    {
        public bool Started { get; set; }
        public DateTimeOffset? FinishedAt { get; set; }
        public List<UploadEvent> Events { get; } = [];
        public List<Channel<UploadEvent>> Subscribers { get; } = [];
    }

    /// <summary>Reports synchronously and in order (Progress&lt;T&gt; would post to the thread pool and could reorder).</summary>
    private sealed class Reporter(UploadProgressHub hub, string uploadId) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => hub.Add(
            uploadId,
            "progress",
            new UploadProgressData(value.FileName, value.Stage, value.PagesParsed, value.PageCount, value.ChunksIndexed, value.ChunkCount),
            final: false);
    }
}
