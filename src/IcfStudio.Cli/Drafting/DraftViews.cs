using System.Text;
using IcfStudio.Cli.Hosting;
using IcfStudio.Core.Drafting;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace IcfStudio.Cli.Drafting;

/// <summary>How <c>icf draft</c> shows the event stream.</summary>
internal interface IDraftView
{
    Task ShowAsync(IAsyncEnumerable<SequencedDraftEvent> events, CancellationToken cancellationToken);
}

/// <summary>--json-events: one {"event": name, "data": {…}} per line.</summary>
internal sealed class NdjsonDraftView : IDraftView
{
    public async Task ShowAsync(IAsyncEnumerable<SequencedDraftEvent> events, CancellationToken cancellationToken)
    {
        var output = Console.Out;
        var line = new StringBuilder(256);
        await foreach (var item in events.WithCancellation(cancellationToken))
        {
            // DataJson is already JSON; only the event name needs quoting, and it is a fixed ASCII word.
            line.Clear().Append("{\"event\":\"").Append(item.Event.Name).Append("\",\"data\":").Append(item.DataJson).Append('}');
            await output.WriteLineAsync(line, cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
    }
}

/// <summary>Output redirected: one line per section start, end and failure, no tokens.</summary>
internal sealed class PlainDraftView : IDraftView
{
    public async Task ShowAsync(IAsyncEnumerable<SequencedDraftEvent> events, CancellationToken cancellationToken)
    {
        var output = Console.Out;
        await foreach (var item in events.WithCancellation(cancellationToken))
        {
            var line = item.Event switch
            {
                SectionStarted s => $"started   {s.SectionId}",
                SectionCompleted c => $"completed {c.SectionId} ({c.WordCount} words, {c.Citations.Count} citations, {c.Provider})",
                SectionFailed { WillRetry: true } f => $"retrying  {f.SectionId}: {f.Message}",
                SectionFailed f => $"failed    {f.SectionId}: {f.Message}",
                DraftCompleted d => $"done: {d.Completed} completed, {d.Failed} failed in {d.DurationMs / 1000.0:0.0} s",
                DraftFailed e => $"error: {e.Message}",
                _ => null,
            };
            if (line is not null)
            {
                await output.WriteLineAsync(line);
            }
        }
    }
}

/// <summary>A terminal: one panel per section, all filling at once.</summary>
internal sealed class LiveDraftView(DraftRecord draft) : IDraftView
{
    private const int TailLength = 160;
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(120);

    public async Task ShowAsync(IAsyncEnumerable<SequencedDraftEvent> events, CancellationToken cancellationToken)
    {
        var states = draft.Sections.ToDictionary(s => s.SectionId, s => new PanelState(s.Title), StringComparer.Ordinal);
        var console = CliApp.Out;
        string? summary = null;
        await console.Live(Render(states, summary, console.Profile.Width))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Bottom)
            .StartAsync(async context =>
            {
                // Frames are drawn on their own clock, so a slow terminal never slows the draft down.
                using var stopRefresh = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var refresher = RefreshAsync(context, states, () => summary, console, stopRefresh.Token);
                try
                {
                    await foreach (var item in events.WithCancellation(cancellationToken))
                    {
                        lock (states)
                        {
                            summary = Apply(states, item.Event) ?? summary;
                        }
                    }
                }
                finally
                {
                    await stopRefresh.CancelAsync();
                    await refresher;
                }

                lock (states)
                {
                    context.UpdateTarget(Render(states, summary, console.Profile.Width));
                }

                context.Refresh();
            });
    }

    private static async Task RefreshAsync(LiveDisplayContext context, Dictionary<string, PanelState> states, Func<string?> summary, IAnsiConsole console, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                lock (states)
                {
                    context.UpdateTarget(Render(states, summary(), console.Profile.Width));
                }

                context.Refresh();
            }
        }
        catch (OperationCanceledException)
        {
            // The draft is done (or cancelled); the caller draws the last frame.
        }
    }

    /// <summary>Applies an event to the panels; returns the summary line when the draft completes.</summary>
    private static string? Apply(Dictionary<string, PanelState> states, DraftEvent draftEvent)
    {
        switch (draftEvent)
        {
            case SectionStarted s when states.TryGetValue(s.SectionId, out var state):
                state.Text.Clear();
                state.Status = "[yellow]writing[/]";
                break;
            case TokenDelta t when states.TryGetValue(t.SectionId, out var state):
                state.Text.Append(t.Content);
                break;
            case SectionCompleted c when states.TryGetValue(c.SectionId, out var state):
                state.Text.Clear().Append(c.Content);
                state.Status = $"[green]done[/] {c.WordCount} words";
                break;
            case SectionFailed f when states.TryGetValue(f.SectionId, out var state):
                state.Status = f.WillRetry ? "[yellow]retrying[/]" : "[red]failed[/]";
                break;
            case DraftCompleted d:
                return $"{d.Completed} completed, {d.Failed} failed in {d.DurationMs / 1000.0:0.0} s";
        }

        return null;
    }

    private static IRenderable Render(Dictionary<string, PanelState> states, string? summary, int width)
    {
        var columns = Math.Clamp(width / 38, 1, 4);
        var grid = new Grid();
        for (var i = 0; i < columns; i++)
        {
            grid.AddColumn(new GridColumn().NoWrap());
        }

        var panels = states.Values.Select(state => (IRenderable)new Panel(new Text(state.Tail()))
        {
            Header = new PanelHeader($"{Markup.Escape(state.Title)} · {state.Status}"),
            Width = Math.Max(30, (width / columns) - 2),
            Height = 5,
            Expand = false,
        }).ToList();
        for (var i = 0; i < panels.Count; i += columns)
        {
            var row = panels.Skip(i).Take(columns).ToList();
            while (row.Count < columns)
            {
                row.Add(new Text(""));
            }

            grid.AddRow([.. row]);
        }

        return summary is null ? grid : new Rows(grid, new Markup($"[bold]{Markup.Escape(summary)}[/]"));
    }

    private sealed class PanelState(string title)
    {
        public string Title { get; } = title;

        public StringBuilder Text { get; } = new();

        public string Status { get; set; } = "[grey]waiting[/]";

        /// <summary>The end of the text, on one line, so the panel shows the words as they arrive.</summary>
        public string Tail()
        {
            var start = Math.Max(0, Text.Length - TailLength);
            return Text.ToString(start, Text.Length - start).Replace('\n', ' ');
        }
    }
}
