using System.Diagnostics;

namespace IcfStudio.Server.Tests.Infrastructure;

/// <summary>
/// The system clock moved to a chosen moment (in UTC as the local zone): dates the server writes, such as today's date in a
/// file name, are known in advance and a test never straddles midnight. Timers and delays run as on the system clock.
/// </summary>
internal sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + Stopwatch.GetElapsedTime(_started);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
