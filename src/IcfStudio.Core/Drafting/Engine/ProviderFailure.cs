using System.Net;
using System.Text.Json;
using Anthropic.Exceptions;
using IcfStudio.Core.Drafting.Providers;

namespace IcfStudio.Core.Drafting.Engine;

/// <summary>Why a provider call failed, and whether trying again may help.</summary>
internal sealed record ProviderFailure(bool Transient, string Message, TimeSpan? RetryAfter)
{
    /// <summary>Classifies a failed call; <paramref name="scope"/> holds what the HTTP layer saw (status, Retry-After).</summary>
    public static ProviderFailure Classify(Exception exception, ProviderCallScope scope, bool timedOut)
    {
        if (timedOut)
        {
            return new ProviderFailure(true, "timed out waiting for the model", null);
        }

        var status = scope.StatusCode ?? StatusOf(exception);
        if (status is { } code)
        {
            var transient = (int)code is 408 or 409 or 425 or 429 or 500 or 502 or 503 or 504 or 529;
            return new ProviderFailure(transient, $"HTTP {(int)code} ({Describe(code)})", scope.RetryAfter);
        }

        return exception switch
        {
            AnthropicSseException => new ProviderFailure(true, "the stream reported an error", null),
            JsonException or FormatException or InvalidDataException => new ProviderFailure(true, "the stream held a malformed event", null),
            HttpRequestException or IOException or AnthropicIOException => new ProviderFailure(true, "the connection broke", null),
            EmptyResponseException => new ProviderFailure(true, exception.Message, null),
            TimeoutException or OperationCanceledException => new ProviderFailure(true, "timed out", null),
            BadInputException or InvalidStateException or NotSupportedException => new ProviderFailure(false, exception.Message, null),
            // Unknown failures (an SDK's own parse errors, say) may well pass on a new attempt.
            _ => new ProviderFailure(true, exception.GetType().Name, null),
        };
    }

    private static HttpStatusCode? StatusOf(Exception exception) => exception switch
    {
        AnthropicApiException api => api.StatusCode,
        System.ClientModel.ClientResultException { Status: > 0 } result => (HttpStatusCode)result.Status,
        HttpRequestException { StatusCode: { } code } => code,
        _ => exception.InnerException is { } inner ? StatusOf(inner) : null,
    };

    private static string Describe(HttpStatusCode code) => (int)code switch
    {
        429 => "rate limited",
        529 => "overloaded",
        401 or 403 => "not authorized: check the API key",
        404 => "not found: check the base URL and model",
        >= 500 => "server error",
        _ => "rejected",
    };
}

/// <summary>A model stream that ended without any text.</summary>
internal sealed class EmptyResponseException() : Exception("the model returned no text");
