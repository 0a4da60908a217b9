using System.Text;
using System.Text.Json;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace IcfStudio.Core.Quality;

/// <summary>A second opinion on the consent elements (an LLM), shown beside the deterministic result, never replacing it.</summary>
public interface IElementJudge
{
    /// <summary>Shown with each opinion, e.g. "llm:claude-sonnet-4".</summary>
    string Source { get; }

    /// <summary>Opinions by element id; elements it could not judge are absent.</summary>
    Task<IReadOnlyDictionary<string, JudgeOpinion>> JudgeAsync(IReadOnlyList<ConsentElement> elements, IReadOnlyList<DraftSection> sections, CancellationToken cancellationToken);
}

/// <summary>Asks a chat model for one JSON verdict per element. Failures and unparsable answers yield no opinion.</summary>
internal sealed partial class LlmElementJudge(IChatClient client, string source, ILogger<LlmElementJudge> logger) : IElementJudge
{
    private const int MaxDocumentChars = 60_000;

    public string Source { get; } = source;

    public async Task<IReadOnlyDictionary<string, JudgeOpinion>> JudgeAsync(IReadOnlyList<ConsentElement> elements, IReadOnlyList<DraftSection> sections, CancellationToken cancellationToken)
    {
        if (elements.Count == 0)
        {
            return new Dictionary<string, JudgeOpinion>();
        }

        var messages = new List<ChatMessage>
        {
            new(ChatRole.System,
                "You review informed consent forms against US regulations (21 CFR 50.25, 45 CFR 46.116) and ICH GCP. " +
                "For each listed element decide whether the consent form contains it. Answer with JSON only, no prose: " +
                "{\"elements\":[{\"id\":\"<element id>\",\"status\":\"present\"|\"missing\",\"evidence\":\"<short quote from the form, or empty>\",\"reason\":\"<one sentence>\"}]}"),
            new(ChatRole.User, BuildPrompt(elements, sections)),
        };

        try
        {
            var response = await client.GetResponseAsync(messages, new ChatOptions { Temperature = 0 }, cancellationToken);
            var opinions = Parse(response.Text, Source, elements.Select(e => e.Id).ToHashSet(StringComparer.Ordinal));
            LogJudged(logger, opinions.Count, elements.Count);
            return opinions;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogJudgeFailed(logger, ex.GetType().Name);
            return new Dictionary<string, JudgeOpinion>();
        }
    }

    internal static string BuildPrompt(IReadOnlyList<ConsentElement> elements, IReadOnlyList<DraftSection> sections)
    {
        var builder = new StringBuilder();
        builder.AppendLine("Elements:");
        foreach (var element in elements)
        {
            builder.Append("- ").Append(element.Id).Append(" (").Append(element.Citation).Append("): ").AppendLine(element.Requirement);
            if (element.ExactText is { } exact)
            {
                builder.Append("  Required word for word: ").AppendLine(exact);
            }
        }

        builder.AppendLine().AppendLine("Consent form:");
        var document = new StringBuilder();
        foreach (var section in sections.OrderBy(s => s.Order))
        {
            document.Append("## ").AppendLine(section.Title).AppendLine(section.Content).AppendLine();
        }

        var text = document.Length > MaxDocumentChars ? document.ToString(0, MaxDocumentChars) : document.ToString();
        return builder.Append(text).ToString();
    }

    /// <summary>Reads the verdicts from a reply that may wrap the JSON in prose or a code fence.</summary>
    internal static IReadOnlyDictionary<string, JudgeOpinion> Parse(string reply, string source, IReadOnlySet<string> knownIds)
    {
        var result = new Dictionary<string, JudgeOpinion>(StringComparer.Ordinal);
        var start = reply.IndexOf('{', StringComparison.Ordinal);
        var end = reply.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return result;
        }

        try
        {
            using var json = JsonDocument.Parse(reply[start..(end + 1)]);
            if (!json.RootElement.TryGetProperty("elements", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                return result;
            }

            foreach (var item in items.EnumerateArray())
            {
                var id = item.TryGetProperty("id", out var idValue) ? idValue.GetString() : null;
                var statusText = item.TryGetProperty("status", out var s) ? s.GetString() : null;
                if (id is null || !knownIds.Contains(id) || statusText is null)
                {
                    continue;
                }

                ElementStatus? status = statusText.Trim().ToLowerInvariant() switch
                {
                    "present" => ElementStatus.Present,
                    "missing" or "absent" => ElementStatus.Missing,
                    "notapplicable" or "not_applicable" or "not applicable" => ElementStatus.NotApplicable,
                    _ => null,
                };
                if (status is null)
                {
                    continue;
                }

                var evidence = item.TryGetProperty("evidence", out var e) && e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } ev ? ev : null;
                var reason = item.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                result[id] = new JudgeOpinion(status.Value, evidence, reason, source);
            }
        }
        catch (JsonException)
        {
            // An unparsable answer is no opinion.
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "LLM judge gave {Count} of {Total} element opinions")]
    private static partial void LogJudged(ILogger logger, int count, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM judge failed ({ErrorType}); deterministic results only")]
    private static partial void LogJudgeFailed(ILogger logger, string errorType);
}

/// <summary>
/// The judge used in the app: the default drafting provider (configuration, or Anthropic when its key is set) gives the
/// second opinion; with the offline drafter there is no judge and no opinion.
/// </summary>
internal sealed class DefaultProviderJudge(ChatProviderRegistry registry, ILoggerFactory loggerFactory) : IElementJudge
{
    public string Source => "llm:" + registry.DefaultProviderName;

    public Task<IReadOnlyDictionary<string, JudgeOpinion>> JudgeAsync(IReadOnlyList<ConsentElement> elements, IReadOnlyList<DraftSection> sections, CancellationToken cancellationToken)
    {
        var provider = registry.ResolveChain(null, null)[0];
        if (provider.Offline)
        {
            return Task.FromResult<IReadOnlyDictionary<string, JudgeOpinion>>(new Dictionary<string, JudgeOpinion>());
        }

        var judge = new LlmElementJudge(provider.Client, $"llm:{provider.Name}/{provider.Model}", loggerFactory.CreateLogger<LlmElementJudge>());
        return judge.JudgeAsync(elements, sections, cancellationToken);
    }
}
