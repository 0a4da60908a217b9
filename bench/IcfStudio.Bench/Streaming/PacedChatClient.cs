using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace IcfStudio.Bench.Streaming;

/// <summary>
/// The benchmark's provider: streams each section at a fixed token rate and records when every token left it.
/// A section's first token, <c>c{call} </c>, names the call, so a client can find the emit time of every token it receives.
/// </summary>
internal sealed class PacedChatClient(TokenPacer pacer) : IChatClient
{
    private static readonly string[] Words =
    [
        "You", "may", "feel", "some", "soreness", "after", "the", "blood", "draw.", "The", "study", "team", "will", "check",
        "your", "heart", "at", "each", "visit,", "and", "you", "can", "stop", "at", "any", "time.", "Ask", "questions", "about",
        "anything", "you", "don't", "understand;", "the", "doctor", "will", "explain", "the", "\"walking\"", "plan", "(about", "6",
        "weeks)", "and", "the", "café", "vouchers.",
    ];

    private int _calls;

    public ConcurrentDictionary<int, long[]> EmitTimestamps { get; } = new();

    public int TokensPerSection { get; set; } = 200;

    public double TokensPerSecond { get; set; } = 100;

    public static string Token(int index) => Words[index % Words.Length] + " ";

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        var count = TokensPerSection;
        var interval = Stopwatch.Frequency / TokensPerSecond;
        var emitted = new long[count];
        EmitTimestamps[call] = emitted;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            // Pace against the start, not the previous token, so timer slack does not accumulate.
            var due = start + (long)(i * interval);
            await pacer.WaitUntilAsync(due, cancellationToken);

            emitted[i] = Stopwatch.GetTimestamp();
            yield return new ChatResponseUpdate(ChatRole.Assistant, i == 0 ? $"c{call} " : Token(i));
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
