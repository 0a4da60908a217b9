using System.Diagnostics.Metrics;

namespace IcfStudio.Server.Drafts;

/// <summary>The live event streams, as the meter <see cref="MeterName"/>: how many are open and how many events they send.</summary>
internal sealed class StreamingMetrics
{
    public const string MeterName = "IcfStudio.Streaming";

    private readonly UpDownCounter<long> _open;
    private readonly Counter<long> _events;

    public StreamingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _open = meter.CreateUpDownCounter<long>("icf.streams.open", "{stream}", "Draft event streams open now.");
        _events = meter.CreateCounter<long>("icf.streams.events", "{event}", "Events sent on draft event streams (coalesced tokens count once).");
    }

    public void Opened() => _open.Add(1);

    public void Closed() => _open.Add(-1);

    public void Sent() => _events.Add(1);
}
