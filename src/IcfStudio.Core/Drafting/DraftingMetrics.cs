using System.Diagnostics.Metrics;

namespace IcfStudio.Core.Drafting;

/// <summary>
/// What an operator watches on a busy server, as the meter <see cref="MeterName"/>: drafting runs, tokens, sections by
/// outcome, provider retries and how long sections take. Counts and durations only, never any text.
/// </summary>
public sealed class DraftingMetrics
{
    public const string MeterName = "IcfStudio.Drafting";

    private readonly Counter<long> _runs;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _sections;
    private readonly Counter<long> _retries;
    private readonly Histogram<double> _sectionDuration;

    public DraftingMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _runs = meter.CreateCounter<long>("icf.drafting.runs", "{run}", "Drafting runs started (a draft's sections, or one regenerated section).");
        _tokens = meter.CreateCounter<long>("icf.drafting.tokens", "{token}", "Text deltas received from the providers.");
        _sections = meter.CreateCounter<long>("icf.drafting.sections", "{section}", "Sections finished, by outcome (completed or failed).");
        _retries = meter.CreateCounter<long>("icf.drafting.retries", "{attempt}", "Section attempts that failed and were retried or handed to the next provider.");
        _sectionDuration = meter.CreateHistogram<double>(
            "icf.drafting.section.duration", "s", "Time from a section's start (retrieval included) to its completion or failure.");
    }

    internal void RunStarted() => _runs.Add(1);

    internal void Token() => _tokens.Add(1);

    internal void Retry() => _retries.Add(1);

    internal void SectionFinished(bool completed) => _sections.Add(1, new KeyValuePair<string, object?>("outcome", completed ? "completed" : "failed"));

    internal void SectionDuration(TimeSpan duration) => _sectionDuration.Record(duration.TotalSeconds);
}
