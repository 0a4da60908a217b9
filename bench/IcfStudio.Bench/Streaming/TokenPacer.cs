using System.Diagnostics;

namespace IcfStudio.Bench.Streaming;

/// <summary>
/// Wakes paced streams at their due times from one thread that ticks about every millisecond. A timer per token
/// (85,000 a second at N = 50) would cost the stub more CPU than the server spends on the token, and the stub's cost is not
/// what the benchmark measures. Continuations run on the ticking thread, as they would on a real provider's socket thread.
/// </summary>
internal sealed class TokenPacer : IDisposable
{
    private readonly PriorityQueue<TaskCompletionSource, long> _due = new();
    private readonly Lock _gate = new();
    private readonly Thread _thread;
    private volatile bool _stopped;

    public TokenPacer()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "token pacer" };
        _thread.Start();
    }

    /// <summary>Completes at or shortly after the <see cref="Stopwatch"/> timestamp <paramref name="due"/>.</summary>
    public Task WaitUntilAsync(long due, CancellationToken cancellationToken)
    {
        if (Stopwatch.GetTimestamp() >= due)
        {
            return Task.CompletedTask;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var waiter = new TaskCompletionSource();
        lock (_gate)
        {
            _due.Enqueue(waiter, due);
        }

        return waiter.Task;
    }

    private void Run()
    {
        var ready = new List<TaskCompletionSource>();
        while (!_stopped)
        {
            Thread.Sleep(1);
            var now = Stopwatch.GetTimestamp();
            lock (_gate)
            {
                while (_due.TryPeek(out var waiter, out var due) && due <= now)
                {
                    _due.Dequeue();
                    ready.Add(waiter);
                }
            }

            foreach (var waiter in ready)
            {
                waiter.SetResult();
            }

            ready.Clear();
        }
    }

    public void Dispose()
    {
        _stopped = true;
        _thread.Join();
    }
}
