using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;

namespace IcfStudio.Bench.Streaming;

/// <summary>What one SSE client saw of one section: its text, the length of every token and when each arrived.</summary>
internal sealed record SectionReport(string SectionId, int Call, string Text, int[] TokenLengths, long[] ReceivedAt);

/// <summary>What one SSE client saw of one draft's stream.</summary>
internal sealed record ClientReport(long ConnectedAt, long WireBytes, long TokenEventBytes, int TokenEvents, long LastId, IReadOnlyList<SectionReport> Sections);

/// <summary>One run of the clients: what each saw, and what the client process itself cost.</summary>
internal sealed record ClientsReport(IReadOnlyList<ClientReport> Clients, double CpuSeconds, long PeakWorkingSet);

/// <summary>
/// The benchmark's clients, in a process of their own so that the server's CPU time and memory are measured alone. Reads
/// "drafts provider-count report-file" lines on standard input; for each, creates that many drafts one after another with
/// <c>POST /api/studies/{id}/drafts</c>, reads every draft's <c>/events</c> stream to its end, writes what it saw to the
/// report file and answers "done". Token timestamps are <see cref="Stopwatch"/> ticks, which on Linux are the
/// system-wide monotonic clock, so the server process can set them against its provider's emit times.
/// </summary>
internal static class StreamingClients
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (baseUrl, studyId) = (args[0], args[1]);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = new Uri(baseUrl), Timeout = Timeout.InfiniteTimeSpan };
        using var process = Process.GetCurrentProcess();
        while (await Console.In.ReadLineAsync() is { Length: > 0 } line)
        {
            var parts = line.Split(' ');
            var (drafts, providers, reportFile) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            using var sampling = new CancellationTokenSource();
            var peak = PeakWorkingSet.SampleAsync(sampling.Token);

            var clients = new List<Task<ClientReport>>();
            for (var d = 0; d < drafts; d++)
            {
                using var created = await http.PostAsJsonAsync($"/api/studies/{studyId}/drafts", new { provider = $"bench{d % providers}" });
                created.EnsureSuccessStatusCode();
                using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
                clients.Add(ReadStreamAsync(http, json.RootElement.GetProperty("draftId").GetString()!));
            }

            var reports = await Task.WhenAll(clients);
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            await sampling.CancelAsync();
            await using (var file = File.Create(reportFile))
            {
                await JsonSerializer.SerializeAsync(file, new ClientsReport(reports, cpu.TotalSeconds, await peak));
            }

            Console.WriteLine("done");
        }

        return 0;
    }

    private static async Task<ClientReport> ReadStreamAsync(HttpClient http, string draftId)
    {
        using var response = await http.GetAsync(new Uri($"/api/drafts/{draftId}/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var connectedAt = Stopwatch.GetTimestamp();
        await using var body = new CountingStream(await response.Content.ReadAsStreamAsync());
        var sections = new Dictionary<string, SectionState>(StringComparer.Ordinal);
        long tokenEventBytes = 0;
        var tokenEvents = 0;
        long lastId = 0;

        // Only what is needed, straight from the UTF-8 bytes: the clients share the cores with the server.
        await foreach (var item in SseParser.Create(body, static (type, data) => type == "token" ? TokenData.Parse(data) : default).EnumerateAsync())
        {
            var receivedAt = Stopwatch.GetTimestamp();
            lastId = long.Parse(item.EventId!, CultureInfo.InvariantCulture);
            if (item.EventType != "token")
            {
                continue;
            }

            var (sectionId, content, dataBytes) = item.Data;
            tokenEvents++;
            tokenEventBytes += "event: token\ndata: \nid: \n\n".Length + dataBytes + item.EventId!.Length;
            if (!sections.TryGetValue(sectionId!, out var section))
            {
                sections[sectionId!] = section = new SectionState(sectionId!);
            }

            section.Text.Append(content);
            var start = 0;
            for (var space = content!.IndexOf(' ', StringComparison.Ordinal); space >= 0; start = space + 1, space = content.IndexOf(' ', start))
            {
                if (section.TokenLengths.Count == 0)
                {
                    // A section's first token, "c{call} ", names the provider call that wrote it.
                    section.Call = int.Parse(content.AsSpan(start + 1, space - start - 1), CultureInfo.InvariantCulture);
                }

                section.TokenLengths.Add(space - start + 1);
                section.ReceivedAt.Add(receivedAt);
            }
        }

        var reports = sections.Values.Select(s => new SectionReport(s.SectionId, s.Call, s.Text.ToString(), [.. s.TokenLengths], [.. s.ReceivedAt])).ToList();
        return new ClientReport(connectedAt, body.BytesRead, tokenEventBytes, tokenEvents, lastId, reports);
    }

    private sealed class SectionState(string sectionId)
    {
        public string SectionId { get; } = sectionId;
        public int Call { get; set; }
        public StringBuilder Text { get; } = new();
        public List<int> TokenLengths { get; } = [];
        public List<long> ReceivedAt { get; } = [];
    }

    /// <summary>A token event's section and text, and the bytes of its data line's value.</summary>
    private readonly record struct TokenData(string? SectionId, string? Content, int DataBytes)
    {
        public static TokenData Parse(ReadOnlySpan<byte> data)
        {
            var reader = new Utf8JsonReader(data);
            string? sectionId = null;
            string? content = null;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    var isSection = reader.ValueTextEquals("sectionId"u8);
                    var isContent = reader.ValueTextEquals("content"u8);
                    reader.Read();
                    if (isSection)
                    {
                        sectionId = reader.GetString();
                    }
                    else if (isContent)
                    {
                        content = reader.GetString();
                    }
                }
            }

            return new TokenData(sectionId, content, data.Length);
        }
    }

    /// <summary>Counts the bytes read from the response body: the bytes on the wire (no compression on this stream).</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>The highest working set of this process, sampled every 20 ms until cancelled.</summary>
internal static class PeakWorkingSet
{
    public static async Task<long> SampleAsync(CancellationToken cancellationToken)
    {
        long peak = 0;
        using var process = Process.GetCurrentProcess();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(20, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return peak;
    }
}
