using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using IcfStudio.Core.Drafting.Providers;
using IcfStudio.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IcfStudio.Bench.Streaming;

/// <summary>
/// N concurrent drafts (every section of the default template) against a paced stub provider, on real Kestrel over
/// loopback, with one SSE client per draft in a separate client process: server-added latency per token, bytes on the
/// wire per text byte (and what the original accumulated-text scheme would have sent), the server's CPU time and peak memory.
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
            var baseUrl = app.Urls.First();
            string studyId;
            using (var http = new HttpClient { BaseAddress = new Uri(baseUrl) })
            {
                studyId = await UploadAsync(http);
            }

            await using var clients = ClientProcess.Start(baseUrl, studyId);

            // A server that has been up a while runs optimized code: warm the JIT (tiered, with PGO) before measuring.
            stub.TokensPerSection = 200;
            for (var i = 0; i < WarmUpRuns; i++)
            {
                await RunOnceAsync(clients, stub, WarmUpDrafts, data);
            }

            Console.WriteLine($"# Streaming benchmark: {Environment.ProcessorCount} cores, stub at {rate} tokens/s per section");
            Console.WriteLine();
            Console.WriteLine("| drafts | sections | tokens/section | token events sent | tokens | latency median | latency p99 | steady median / p99 | wire bytes ÷ text bytes | accumulated scheme ÷ text bytes | server CPU time | wall time | server peak working set | clients' CPU / peak | load average |");
            Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var (drafts, tokens) in Scenarios(args))
            {
                stub.TokensPerSection = tokens;
                var result = await RunOnceAsync(clients, stub, drafts, data);
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

    private static async Task<RunResult> RunOnceAsync(ClientProcess clients, PacedChatClient stub, int drafts, string folder)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var peak = PeakWorkingSet.SampleAsync(sampling.Token);

        var report = await clients.RunAsync(drafts, ProviderCount, Path.Combine(folder, "clients.json"));

        wall.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        await sampling.CancelAsync();
        return new RunResult(report, stub, cpu, wall.Elapsed, await peak, LoadAverage());
    }

    /// <summary>The machine's 1-minute load average after the run (Linux), to show how contended the cores were.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    /// <summary>
    /// What the original product's scheme would have sent for a section: one event per token carrying the whole text so far.
    /// </summary>
    private static long AccumulatedSchemeBytes(SectionReport section, long lastId)
    {
        // JSON escapes character by character, so the escaped text so far is the sum of the escaped tokens: this adds up
        // the bytes of every event without serializing 2,000 ever-longer strings per section.
        var envelope = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(new { sectionId = section.SectionId, content = "" }, Wire));
        var framing = "event: token\ndata: \nid: \n\n".Length + lastId.ToString(CultureInfo.InvariantCulture).Length;
        var text = section.Text;
        long bytes = 0;
        long escapedSoFar = 0;
        var start = 0;
        foreach (var tokenLength in section.TokenLengths)
        {
            escapedSoFar += JsonEncodedText.Encode(text.AsSpan(start, tokenLength), Wire.Encoder).EncodedUtf8Bytes.Length;
            start += tokenLength;
            bytes += framing + envelope + escapedSoFar;
        }

        return bytes;
    }

    private sealed record RunResult(ClientsReport Report, PacedChatClient Stub, TimeSpan Cpu, TimeSpan Wall, long PeakWorkingSet, string Load)
    {
        public string ToMarkdownRow(int drafts, int tokens)
        {
            var clients = Report.Clients;
            var (latencies, steady) = Latencies(tokens);
            var sections = clients.SelectMany(c => c.Sections).ToList();
            var textBytes = sections.Sum(s => (long)Encoding.UTF8.GetByteCount(s.Text));
            var wire = clients.Sum(c => c.WireBytes);
            var accumulated = clients.Sum(c => c.WireBytes - c.TokenEventBytes + c.Sections.Sum(s => AccumulatedSchemeBytes(s, c.LastId)));
            return string.Create(CultureInfo.InvariantCulture,
                $"| {drafts} | {sections.Count} | {tokens} | {clients.Sum(c => c.TokenEvents):N0} | {sections.Sum(s => s.TokenLengths.Length):N0} | {Percentile(latencies, 0.5):0.00} ms | {Percentile(latencies, 0.99):0.00} ms | {Percentile(steady, 0.5):0.00} / {Percentile(steady, 0.99):0.00} ms | {(double)wire / textBytes:0.00} | {(double)accumulated / textBytes:0.0} | {Cpu.TotalSeconds:0.0} s | {Wall.TotalSeconds:0.0} s | {PeakWorkingSet / (1024.0 * 1024):0} MB | {Report.CpuSeconds:0.0} s / {Report.PeakWorkingSet / (1024.0 * 1024):0} MB | {Load} |");
        }

        /// <summary>
        /// Per token: when the client parsed the event holding it − when the provider emitted it. Tokens emitted before the
        /// client's stream was open are left out (they are replayed, not live); "steady" also leaves out each section's first
        /// and last <see cref="SteadyMargin"/> tokens, away from the bursts when all sections start and complete at once.
        /// </summary>
        private (List<double> All, List<double> Steady) Latencies(int tokens)
        {
            var all = new List<double>();
            var steady = new List<double>();
            foreach (var client in Report.Clients)
            {
                foreach (var section in client.Sections)
                {
                    var emitted = Stub.EmitTimestamps[section.Call];
                    for (var i = 0; i < section.ReceivedAt.Length; i++)
                    {
                        if (emitted[i] < client.ConnectedAt)
                        {
                            continue;
                        }

                        var latency = Stopwatch.GetElapsedTime(emitted[i], section.ReceivedAt[i]).TotalMilliseconds;
                        all.Add(latency);
                        if (i >= SteadyMargin && i < tokens - SteadyMargin)
                        {
                            steady.Add(latency);
                        }
                    }
                }
            }

            all.Sort();
            steady.Sort();
            return (all, steady);
        }

        private static double Percentile(List<double> sorted, double p) =>
            sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
