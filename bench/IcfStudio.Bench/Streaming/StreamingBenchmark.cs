using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using IcfStudio.Core.Drafting.Providers;
using IcfStudio.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IcfStudio.Bench.Streaming;

/// <summary>
/// N concurrent drafts (every section of the default template) against a paced stub provider, on real Kestrel over
/// loopback, with one SSE client per draft: server-added latency per token, bytes on the wire per text byte (and what the
/// original accumulated-text scheme would have sent), CPU time and peak memory.
/// </summary>
internal static class StreamingBenchmark
{
    // The engine gates concurrency per provider (at most 512); several provider names let every section of 50 drafts run at once.
    private const int ProviderCount = 5;

    // Tokens at the start and end of each section left out of the "steady" latency.
    private const int SteadyMargin = 20;

    private const int WarmUpRuns = 4;

    private const int WarmUpDrafts = 25;

    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(string[] args)
    {
        var rate = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 100;
        var data = Path.Combine(Path.GetTempPath(), "icf-bench-streaming-" + Guid.NewGuid().ToString("N"));
        using var pacer = new TokenPacer();
        var stub = new PacedChatClient(pacer) { TokensPerSecond = rate };
        await using var app = ServerApp.Build(
            [
                "--urls", "http://127.0.0.1:0",
                $"--Storage:DataDirectory={data}",
                "--Drafting:MaxConcurrencyPerProvider=512",
                "--Logging:LogLevel:Default=Warning",
            ],
            builder =>
            {
                for (var k = 0; k < ProviderCount; k++)
                {
                    builder.Services.AddSingleton(new ChatProviderRegistration($"bench{k}", _ => stub, DefaultModel: "paced"));
                }
            });
        await app.StartAsync();
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = new Uri(app.Urls.First()), Timeout = Timeout.InfiniteTimeSpan };
            var studyId = await UploadAsync(http);
            // A server that has been up a while runs optimized code: warm the JIT (tiered, with PGO) before measuring.
            stub.TokensPerSection = 200;
            for (var i = 0; i < WarmUpRuns; i++)
            {
                await RunOnceAsync(http, stub, studyId, WarmUpDrafts);
            }

            Console.WriteLine($"# Streaming benchmark: {Environment.ProcessorCount} cores, stub at {rate} tokens/s per section");
            Console.WriteLine();
            Console.WriteLine("| drafts | sections | tokens/section | token events sent | tokens | latency median | latency p99 | steady median / p99 | wire bytes ÷ text bytes | accumulated scheme ÷ text bytes | CPU time | wall time | peak working set | load average |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (drafts, tokens) in Scenarios(args))
            {
                stub.TokensPerSection = tokens;
                var result = await RunOnceAsync(http, stub, studyId, drafts);
                Console.WriteLine(result.ToMarkdownRow(drafts, tokens));
            }
        }
        finally
        {
            await app.StopAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }

        return 0;
    }

    /// <summary>"50x200,10x2000" (drafts x tokens per section) as the second argument; every scenario by default.</summary>
    private static IEnumerable<(int Drafts, int Tokens)> Scenarios(string[] args) =>
        args.Length > 1
            ? args[1].Split(',').Select(s => s.Split('x')).Select(p => (int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture)))
            : [(1, 200), (10, 200), (50, 200), (1, 2000), (10, 2000), (50, 2000)];

    private static async Task<string> UploadAsync(HttpClient http)
    {
        var protocol = string.Join("\n\n", Enumerable.Range(1, 12).Select(i =>
            $"## {i} Section {i}\nParticipants visit the clinic every 4 weeks for 12 weeks. Risks include soreness and bruising. About 120 participants take part. Section {i} describes procedures, adverse events and benefits."));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("# BENCH protocol\n\n" + protocol)), "files", "bench.md" } };
        form.Add(new StringContent("BENCH"), "acronym");
        using var response = await http.PostAsync(new Uri("/api/studies", UriKind.Relative), form);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("studyId").GetString()!;
    }

    private static async Task<RunResult> RunOnceAsync(HttpClient http, PacedChatClient stub, string studyId, int drafts)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakAsync(sampling.Token);

        var clients = new List<Task<ClientResult>>();
        for (var d = 0; d < drafts; d++)
        {
            using var created = await http.PostAsJsonAsync($"/api/studies/{studyId}/drafts", new { provider = $"bench{d % ProviderCount}" });
            created.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
            clients.Add(ReadStreamAsync(http, stub, json.RootElement.GetProperty("draftId").GetString()!));
        }

        var results = await Task.WhenAll(clients);
        wall.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        await sampling.CancelAsync();
        return new RunResult(results, cpu, wall.Elapsed, await peak, LoadAverage());
    }

    /// <summary>The machine's 1-minute load average after the run (Linux), to show how contended the cores were.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static async Task<long> SamplePeakAsync(CancellationToken cancellationToken)
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

    private static async Task<ClientResult> ReadStreamAsync(HttpClient http, PacedChatClient stub, string draftId)
    {
        using var response = await http.GetAsync(new Uri($"/api/drafts/{draftId}/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var connectedAt = Stopwatch.GetTimestamp();
        await using var body = new CountingStream(await response.Content.ReadAsStreamAsync());
        var sections = new Dictionary<string, SectionState>(StringComparer.Ordinal);
        var latencies = new List<double>();
        var steady = new List<double>();
        var total = stub.TokensPerSection;
        long tokenEventBytes = 0;
        var tokenEvents = 0;
        long lastId = 0;
        // The client parses only what it needs, straight from the UTF-8 bytes: it shares the cores with the server.
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
                    section.EmitTimes = stub.EmitTimestamps[int.Parse(content.AsSpan(start + 1, space - start - 1), CultureInfo.InvariantCulture)];
                }

                var emittedAt = section.EmitTimes![section.TokenLengths.Count];
                if (emittedAt >= connectedAt)
                {
                    var latency = Stopwatch.GetElapsedTime(emittedAt, receivedAt).TotalMilliseconds;
                    latencies.Add(latency);

                    // Away from the bursts when all sections start (and later complete) at once.
                    var index = section.TokenLengths.Count;
                    if (index >= SteadyMargin && index < total - SteadyMargin)
                    {
                        steady.Add(latency);
                    }
                }

                section.TokenLengths.Add(space - start + 1);
            }
        }

        return new ClientResult(body.BytesRead, tokenEventBytes, tokenEvents, [.. sections.Values], latencies, steady, lastId);
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

    /// <summary>
    /// What the original product's scheme would have sent for a section: one event per token carrying the whole text so far.
    /// </summary>
    private static long AccumulatedSchemeBytes(SectionState section, long lastId)
    {
        long bytes = 0;
        var text = section.Text.ToString();
        var length = 0;
        var idDigits = lastId.ToString(CultureInfo.InvariantCulture).Length;
        foreach (var tokenLength in section.TokenLengths)
        {
            length += tokenLength;
            var json = JsonSerializer.Serialize(new { sectionId = section.SectionId, content = text[..length] }, Wire);
            bytes += "event: token\ndata: \nid: \n\n".Length + Encoding.UTF8.GetByteCount(json) + idDigits;
        }

        return bytes;
    }

    private sealed class SectionState(string sectionId)
    {
        public string SectionId { get; } = sectionId;
        public long[]? EmitTimes { get; set; }
        public StringBuilder Text { get; } = new();
        public List<int> TokenLengths { get; } = [];
    }

    private sealed record ClientResult(long WireBytes, long TokenEventBytes, int TokenEvents, IReadOnlyList<SectionState> Sections, List<double> Latencies, List<double> SteadyLatencies, long LastId);

    private sealed record RunResult(IReadOnlyList<ClientResult> Clients, TimeSpan Cpu, TimeSpan Wall, long PeakWorkingSet, string Load)
    {
        public string ToMarkdownRow(int drafts, int tokens)
        {
            var latencies = Clients.SelectMany(c => c.Latencies).Order().ToList();
            var steady = Clients.SelectMany(c => c.SteadyLatencies).Order().ToList();
            var textBytes = Clients.SelectMany(c => c.Sections).Sum(s => (long)Encoding.UTF8.GetByteCount(s.Text.ToString()));
            var wire = Clients.Sum(c => c.WireBytes);
            var accumulated = Clients.Sum(c => c.WireBytes - c.TokenEventBytes + c.Sections.Sum(s => AccumulatedSchemeBytes(s, c.LastId)));
            var sections = Clients.Sum(c => c.Sections.Count);
            return string.Create(CultureInfo.InvariantCulture,
                $"| {drafts} | {sections} | {tokens} | {Clients.Sum(c => c.TokenEvents):N0} | {Clients.Sum(c => c.Sections.Sum(s => s.TokenLengths.Count)):N0} | {Percentile(latencies, 0.5):0.00} ms | {Percentile(latencies, 0.99):0.00} ms | {Percentile(steady, 0.5):0.00} / {Percentile(steady, 0.99):0.00} ms | {(double)wire / textBytes:0.00} | {(double)accumulated / textBytes:0.0} | {Cpu.TotalSeconds:0.0} s | {Wall.TotalSeconds:0.0} s | {PeakWorkingSet / (1024.0 * 1024):0} MB | {Load} |");
        }

        private static double Percentile(List<double> sorted, double p) =>
            sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
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
