using IcfStudio.Core.Drafting.Prompting;
using Microsoft.Extensions.AI;

namespace IcfStudio.Core.Drafting.Providers;

/// <summary>
/// Removes the in-process section context (meant for the offline drafter) from the options before a network provider
/// sees them, so an SDK that forwards additional properties never sends it over the wire.
/// </summary>
internal sealed class LocalOptionsStrippingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, Strip(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, Strip(options), cancellationToken);

    internal static ChatOptions? Strip(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties || !properties.ContainsKey(SectionPrompt.SectionContextKey))
        {
            return options;
        }

        var copy = options.Clone();
        var remaining = new AdditionalPropertiesDictionary(properties);
        remaining.Remove(SectionPrompt.SectionContextKey);
        copy.AdditionalProperties = remaining.Count > 0 ? remaining : null;
        return copy;
    }
}
