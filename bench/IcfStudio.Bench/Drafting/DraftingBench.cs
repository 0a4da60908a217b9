using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Engine;
using IcfStudio.Core.Drafting.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IcfStudio.Bench.Drafting;

/// <summary>
/// icf-bench drafting [--sections 17] [--ttft-ms 200] [--tokens-per-second 200] [--engine-tokens 20000]
/// (a) a parallel draft's wall time ÷ its slowest section drafted alone; (b) the same sections one after another;
/// (c) the engine's own cost per token event, with an in-process provider that never waits.
/// </summary>
internal static class DraftingBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sections = Arg(args, "--sections", 17);
        var ttft = TimeSpan.FromMilliseconds(Arg(args, "--ttft-ms", 200));
        var rate = Arg(args, "--tokens-per-second", 200);
        var engineTokens = Arg(args, "--engine-tokens", 20_000);

        // Section lengths differ as in a real consent form: 60 to 156 tokens.
        var jobs = Enumerable.Range(0, sections).Select(i => Job($"s{i:00}", 60 + (i * 37 % 97))).ToList();
        Console.WriteLine($"drafting: {sections} sections, {jobs.Sum(j => j.Tokens)} tokens, time to first token {ttft.TotalMilliseconds} ms, {rate} tokens/s");

        await using (var server = new StubProviderServer(ttft, rate))
        {
            var options = new DraftingOptions
            {
                Provider = ProviderNames.OpenAI,
                OpenAI = new ProviderSettings { BaseUrl = server.BaseUrl, ApiKey = "bench", Model = "stub" },
                MaxConcurrencyPerProvider = Math.Max(sections, 1),
            };
            using var registry = new ChatProviderRegistry(Options.Create(options), TimeProvider.System, []);
            var chain = registry.ResolveChain(null, null);
            var engine = new DraftEngine(Options.Create(options), TimeProvider.System, NullLogger<DraftEngine>.Instance);

            // Warm-up: JIT and a pool of open connections, as in a server that has drafted before.
            await DrainAsync(engine.RunAsync("warm", jobs.Select(j => j.Job).ToList(), chain));

            // (b) one after another: each section's own time, and their sum.
            var alone = new List<double>();
            foreach (var (job, _) in jobs)
            {
                alone.Add(await TimeAsync(() => DrainAsync(engine.RunAsync("seq", [job], chain))));
            }

            // (a) all at once, three times (the machine is shared: the median is reported with the spread).
            var runs = new List<double>();
            for (var run = 0; run < 3; run++)
            {
                runs.Add(await TimeAsync(() => DrainAsync(engine.RunAsync("par", jobs.Select(j => j.Job).ToList(), chain))));
            }

            runs.Sort();
            var parallel = runs[1];
            var slowest = alone.Max();
            Console.WriteLine(Invariant($"(a) parallel draft: median {parallel:0} ms (runs {runs[0]:0}–{runs[2]:0}); slowest section alone: {slowest:0} ms; ratio {parallel / slowest:0.000} (best {runs[0] / slowest:0.000}; target ≤ 1.05)"));
            Console.WriteLine(Invariant($"(b) sequential draft: {alone.Sum():0} ms ({alone.Sum() / parallel:0.0}× the parallel draft)"));
        }

        // (c) the engine's own cost per token event.
        var noWait = new Provider(engineTokens);
        var fastOptions = Options.Create(new DraftingOptions { MaxConcurrencyPerProvider = sections });
        var fastEngine = new DraftEngine(fastOptions, TimeProvider.System, NullLogger<DraftEngine>.Instance);
        var fastChain = new[] { new ChatProvider("stub", "stub", noWait, new SemaphoreSlim(sections, sections), Offline: false) };
        var fastJobs = Enumerable.Range(0, sections).Select(i => Job($"s{i:00}", engineTokens).Job).ToList();
        await DrainAsync(fastEngine.RunAsync("warm", fastJobs, fastChain));
        var bestPerToken = double.MaxValue;
        var bestWithJson = double.MaxValue;
        long allocatedPerToken = 0;
        for (var run = 0; run < 5; run++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var ms = await TimeAsync(() => DrainAsync(fastEngine.RunAsync("fast", fastJobs, fastChain)));
            allocatedPerToken = (GC.GetTotalAllocatedBytes(precise: true) - before) / ((long)sections * engineTokens);
            bestPerToken = Math.Min(bestPerToken, ms * 1000 / (sections * (double)engineTokens));
            var withJson = await TimeAsync(() => DrainAsync(fastEngine.RunAsync("fast", fastJobs, fastChain), serialize: true));
            bestWithJson = Math.Min(bestWithJson, withJson * 1000 / (sections * (double)engineTokens));
        }

        Console.WriteLine(Invariant($"(c) engine cost per token event: {bestPerToken:0.00} µs ({allocatedPerToken} bytes allocated per token, provider included); with the event's JSON: {bestWithJson:0.00} µs (target < 50 µs)"));
        return 0;
    }

    private static (SectionJob Job, int Tokens) Job(string sectionId, int tokens) =>
        (new SectionJob(sectionId, sectionId, 1, _ => Task.FromResult(new SectionRequest(
            [new ChatMessage(ChatRole.User, $"Write section {sectionId}, tokens={tokens}")],
            new ChatOptions(),
            _ => []))), tokens);

    private static async Task DrainAsync(IAsyncEnumerable<DraftEvent> events, bool serialize = false)
    {
        long length = 0;
        await foreach (var e in events)
        {
            if (serialize)
            {
                length += DraftEventJson.Serialize(e).Length;
            }

            if (e is SectionFailed { WillRetry: false } failed)
            {
                throw new InvalidOperationException($"section {failed.SectionId} failed: {failed.Message}");
            }
        }

        GC.KeepAlive(length);
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A provider that never waits: every section streams the same pre-built updates, so only the engine is measured.</summary>
    private sealed class Provider(int tokens) : IChatClient
    {
        private readonly ChatResponseUpdate[] _updates = Enumerable.Range(0, tokens)
            .Select(i => new ChatResponseUpdate(ChatRole.Assistant, $"w{i} "))
            .Append(new ChatResponseUpdate { FinishReason = ChatFinishReason.Stop })
            .ToArray();

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (var i = 0; i < _updates.Length; i++)
            {
                // Hand the thread over now and then, as a network stream does, so sections interleave.
                if (i % 256 == 0)
                {
                    await Task.Yield();
                }

                yield return _updates[i];
            }
        }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
