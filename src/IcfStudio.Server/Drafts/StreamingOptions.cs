using System.ComponentModel.DataAnnotations;

namespace IcfStudio.Server.Drafts;

/// <summary>Live event stream settings, bound from the "Streaming" configuration section.</summary>
internal sealed class StreamingOptions
{
    public const string SectionName = "Streaming";

    /// <summary>How often an idle stream gets a <c>: heartbeat</c> comment so that proxies keep it open.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Events a subscriber may fall behind by before its stream is closed (it then resumes from storage).</summary>
    [Range(64, 10_000_000)]
    public int SubscriberCapacity { get; set; } = 100_000;

    /// <summary>Largest token text sent as one coalesced event, in characters.</summary>
    [Range(1, 1_000_000)]
    public int MaxCoalescedChars { get; set; } = 16_384;

    /// <summary>The reconnection delay the stream suggests to EventSource clients (<c>retry:</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ReconnectionInterval { get; set; } = TimeSpan.FromSeconds(2);
}
