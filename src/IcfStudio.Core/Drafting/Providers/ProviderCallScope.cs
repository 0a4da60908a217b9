using System.Globalization;
using System.Net;

namespace IcfStudio.Core.Drafting.Providers;

/// <summary>
/// What the HTTP layer saw during one provider call: the SDKs wrap failures in their own exception types and drop
/// the Retry-After header, so <see cref="ResponseCaptureHandler"/> records status and retry delay here for the engine.
/// </summary>
internal sealed class ProviderCallScope
{
    private static readonly AsyncLocal<ProviderCallScope?> CurrentScope = new();

    public HttpStatusCode? StatusCode { get; set; }

    public TimeSpan? RetryAfter { get; set; }

    public static ProviderCallScope? Current => CurrentScope.Value;

    /// <summary>Starts a scope for the calls made below the caller's async flow; dispose to leave it.</summary>
    public static Lease Begin()
    {
        var scope = new ProviderCallScope();
        var previous = CurrentScope.Value;
        CurrentScope.Value = scope;
        return new Lease(scope, previous);
    }

    public readonly struct Lease(ProviderCallScope scope, ProviderCallScope? previous) : IDisposable
    {
        public ProviderCallScope Scope => scope;

        public void Dispose() => CurrentScope.Value = previous;
    }
}

/// <summary>Records the status and Retry-After (or retry-after-ms) of failed responses into the current <see cref="ProviderCallScope"/>.</summary>
internal sealed class ResponseCaptureHandler(TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (ProviderCallScope.Current is { } scope && !response.IsSuccessStatusCode)
        {
            scope.StatusCode = response.StatusCode;
            scope.RetryAfter = ReadRetryAfter(response, timeProvider.GetUtcNow());
        }

        return response;
    }

    internal static TimeSpan? ReadRetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.TryGetValues("retry-after-ms", out var msValues)
            && double.TryParse(msValues.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        return response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };
    }
}
