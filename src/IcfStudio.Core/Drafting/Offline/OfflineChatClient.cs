using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using IcfStudio.Core.Drafting.Prompting;
using Microsoft.Extensions.AI;

namespace IcfStudio.Core.Drafting.Offline;

/// <summary>
/// The offline drafter: an <see cref="IChatClient"/> that needs no network. It reads the <see cref="SectionContext"/> that
/// <see cref="SectionPrompt.Build"/> puts into the chat options and writes the section from the fact sheet and the retrieved
/// passages (see <see cref="OfflineSectionWriter"/>), streamed word by word, optionally paced.
/// </summary>
/// <param name="tokenDelay">Pause before each streamed word (zero: as fast as possible); a call may override it with <see cref="TokenDelayMsKey"/>.</param>
public sealed partial class OfflineChatClient(TimeSpan tokenDelay, TimeProvider timeProvider) : IChatClient
{
    public const string ProviderName = "offline";
    public const string ModelId = "offline-drafter";

    /// <summary>Options key: milliseconds to pause before each streamed word, overriding the client's delay for one call.</summary>
    public const string TokenDelayMsKey = "icf.offline.tokenDelayMs";

    private static readonly ChatClientMetadata Metadata = new(ProviderName, defaultModelId: ModelId);

    public OfflineChatClient()
        : this(TimeSpan.Zero, TimeProvider.System)
    {
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var text = Write(options);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = ModelId,
            FinishReason = ChatFinishReason.Stop,
            ResponseId = NewId(),
        };
        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var text = Write(options);
        var delay = DelayFor(options);
        var responseId = NewId();
        var messageId = NewId();
        foreach (Match token in Token().Matches(text))
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, timeProvider, cancellationToken);
            }
            else
            {
                // Yield so that many sections drafted at once interleave, as a network stream would.
                await Task.Yield();
            }

            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, token.Value)
            {
                ModelId = ModelId,
                ResponseId = responseId,
                MessageId = messageId,
            };
        }

        yield return new ChatResponseUpdate { Role = ChatRole.Assistant, FinishReason = ChatFinishReason.Stop, ModelId = ModelId, ResponseId = responseId, MessageId = messageId };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        // Nothing to release: no connection, no buffers.
    }

    private static string Write(ChatOptions? options)
    {
        var context = SectionPrompt.ContextOf(options)
            ?? throw new InvalidOperationException(
                $"The offline drafter needs the section context in ChatOptions.AdditionalProperties[\"{SectionPrompt.SectionContextKey}\"] (SectionPrompt.Build puts it there).");
        return OfflineSectionWriter.Write(context);
    }

    private TimeSpan DelayFor(ChatOptions? options)
    {
        if (options?.AdditionalProperties is { } props && props.TryGetValue(TokenDelayMsKey, out var value) && value is not null
            && double.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms))
        {
            return TimeSpan.FromMilliseconds(Math.Clamp(ms, 0, 10_000));
        }

        return tokenDelay;
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>A word with the whitespace after it: the text is streamed word by word and the tokens concatenate back to it exactly.</summary>
    [GeneratedRegex(@"\s*\S+\s*")]
    private static partial Regex Token();
}
