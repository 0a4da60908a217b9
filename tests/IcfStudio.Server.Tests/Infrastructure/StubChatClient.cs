using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace IcfStudio.Server.Tests.Infrastructure;

/// <summary>
/// A stand-in LLM: streams a fixed text word by word, optionally pausing between words, or (with <see cref="Hang"/>)
/// starts and then waits until cancelled, like a provider that stalls.
/// </summary>
internal sealed class StubChatClient(int words = 60, TimeSpan? delayPerWord = null) : IChatClient
{
    public const string Provider = "stub";
    private int _calls;

    public bool Hang { get; init; }

    public int Calls => Volatile.Read(ref _calls);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        yield return new ChatResponseUpdate(ChatRole.Assistant, $"Draft {call}: ");
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        for (var i = 0; i < words; i++)
        {
            if (delayPerWord is { } delay)
            {
                await Task.Delay(delay, cancellationToken);
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, i == words / 2 ? $"word{i} [P1] " : $"word{i} ");
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The drafting engine streams.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
