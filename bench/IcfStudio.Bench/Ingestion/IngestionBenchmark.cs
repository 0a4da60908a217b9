using System.Diagnostics;
using System.Globalization;
using IcfStudio.Core;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Profile;
using IcfStudio.Core.Retrieval;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IcfStudio.Bench.Ingestion;

/// <summary>
/// <c>ingest</c>: ingestion throughput on the shared protocol PDFs beside poppler's pdftotext on the same files in the same run.
/// <c>search</c>: StudySearch latency (BM25, the default configuration) on a ~100-page protocol.
/// Both go through the real services (AddIcfCore) on a SQLite file in a temp folder.
/// </summary>
internal static class IngestionBenchmark
{
    private static readonly string[] SearchPhrases =
    [
        "inclusion criteria", "exclusion criteria", "schedule of activities", "adverse events", "serious adverse event reporting",
        "study duration", "number of participants", "randomization", "placebo", "blinding", "primary objective", "secondary endpoints",
        "risks and discomforts", "benefits", "pregnancy contraception", "blood samples", "laboratory tests", "visit schedule",
        "withdrawal from the study", "informed consent", "confidentiality of data", "compensation for injury", "study drug dose",
        "side effects", "electrocardiogram", "vital signs", "statistical analysis", "sample size", "safety monitoring", "discontinuation",
        "concomitant medication", "screening visit", "follow-up", "pharmacokinetics", "efficacy assessments", "data safety monitoring board",
        "what happens if I am hurt", "how long will I be in the study", "who pays for the study", "can I stop taking part",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var name = args.Length > 0 ? args[0] : "";
        var protocols = Option(args, "--protocols") ?? Path.GetFullPath(Path.Combine(FindRepoRoot(), "..", "shared", "protocols"));
        var pdfs = Directory.Exists(protocols) ? Directory.GetFiles(protocols, "*.pdf").Order(StringComparer.Ordinal).ToArray() : [];
        if (pdfs.Length == 0)
        {
            await Console.Error.WriteLineAsync($"No PDFs in {protocols} (give --protocols DIR).");
            return 1;
        }

        return name switch
        {
            "ingest" => await IngestAsync(pdfs, int.Parse(Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture)),
            "search" => await SearchAsync(pdfs, int.Parse(Option(args, "--queries") ?? "400", CultureInfo.InvariantCulture)),
            "profile" => await ProfileAsync(pdfs, int.Parse(Option(args, "--runs") ?? "3", CultureInfo.InvariantCulture)),
            _ => 2,
        };
    }

    private static async Task<int> IngestAsync(string[] pdfs, int runs)
    {
        using var data = new TempFolder();
        using var host = BuildHost(data.Path);
        var service = host.Services.GetRequiredService<StudyIngestionService>();
        var store = host.Services.GetRequiredService<IStudyStore>();

        // Warm-up: JIT, PdfPig's font caches, SQLite schema.
        await IngestOnceAsync(service, store, pdfs[0]);

        Console.WriteLine($"Ingestion, median of {runs} runs per file ({Environment.ProcessorCount} cores). Wall-clock ms, and CPU ms (user + system) in brackets.");
        Console.WriteLine();
        Console.WriteLine("| protocol | pages | pdftotext | parse + chunk | full ingest | ingest pages/s (wall) | ingest / pdftotext (wall) | ingest / pdftotext (CPU) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var total = new Timing[3];
        var totalPages = 0;
        foreach (var pdf in pdfs)
        {
            var bytes = await File.ReadAllBytesAsync(pdf);
            var pdftotext = new List<Timing>();
            var parse = new List<Timing>();
            var ingest = new List<Timing>();
            var pages = 0;
            for (var run = 0; run < runs; run++)
            {
                // Interleaved so that machine load affects the tools alike.
                pdftotext.Add(await PdfToTextAsync(pdf));
                parse.Add(Measure(() =>
                {
                    var document = ProtocolParser.Parse(bytes, Path.GetFileName(pdf));
                    ProtocolChunker.Chunk(document.Blocks);
                    pages = document.Pages.Count;
                }));
                ingest.Add(await IngestOnceAsync(service, store, pdf));
            }

            var (t, p, i) = (Timing.Median(pdftotext), Timing.Median(parse), Timing.Median(ingest));
            total[0] += t;
            total[1] += p;
            total[2] += i;
            totalPages += pages;
            Console.WriteLine(Row(Path.GetFileName(pdf), pages, t, p, i));
        }

        Console.WriteLine(Row("all", totalPages, total[0], total[1], total[2]));
        Console.WriteLine();
        var ratio = total[2].WallMs / total[0].WallMs;
        Console.WriteLine(FormattableString.Invariant($"Target: full ingestion within 3× of pdftotext's time: {(ratio <= 3 ? "met" : "NOT met")} ({ratio:0.00}× wall clock, {total[2].CpuMs / total[0].CpuMs:0.00}× CPU)."));
        return 0;
    }

    /// <summary>The offline study profile's extraction time beside the ingestion time of the same protocol, in the same run.</summary>
    private static async Task<int> ProfileAsync(string[] pdfs, int runs)
    {
        using var data = new TempFolder();
        using var host = BuildHost(data.Path);
        var service = host.Services.GetRequiredService<StudyIngestionService>();
        var store = host.Services.GetRequiredService<IStudyStore>();
        var profiles = host.Services.GetRequiredService<ProfileExtractor>();

        // Warm-up: JIT, PdfPig's caches, the vocabulary's compiled expressions.
        var warm = await service.IngestAsync([new IngestFile(Path.GetFileName(pdfs[0]), () => File.OpenRead(pdfs[0]))], null, null, null);
        await profiles.ExtractAsync(warm.StudyId, CancellationToken.None);
        await store.DeleteStudyAsync(warm.StudyId);

        Console.WriteLine($"Profile extraction beside ingestion, median of {runs} runs per file ({Environment.ProcessorCount} cores). Wall-clock ms, CPU ms in brackets.");
        Console.WriteLine();
        Console.WriteLine("| protocol | items | full ingest | profile extraction | profile / ingest (wall) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        Timing totalIngest = default, totalProfile = default;
        foreach (var pdf in pdfs)
        {
            var ingest = new List<Timing>();
            var profile = new List<Timing>();
            var items = 0;
            for (var run = 0; run < runs; run++)
            {
                var cpu = CpuNow();
                var watch = Stopwatch.StartNew();
                var result = await service.IngestAsync([new IngestFile(Path.GetFileName(pdf), () => File.OpenRead(pdf))], null, null, null);
                ingest.Add(new Timing(watch.Elapsed.TotalMilliseconds, (CpuNow() - cpu).TotalMilliseconds));
                cpu = CpuNow();
                watch.Restart();
                items = (await profiles.ExtractAsync(result.StudyId, CancellationToken.None)).Items.Count;
                profile.Add(new Timing(watch.Elapsed.TotalMilliseconds, (CpuNow() - cpu).TotalMilliseconds));
                await store.DeleteStudyAsync(result.StudyId);
            }

            var (i, p) = (Timing.Median(ingest), Timing.Median(profile));
            totalIngest += i;
            totalProfile += p;
            Console.WriteLine(FormattableString.Invariant($"| {Path.GetFileName(pdf)} | {items} | {i} | {p} | {p.WallMs / i.WallMs:0.00}× |"));
        }

        var ratio = totalProfile.WallMs / totalIngest.WallMs;
        Console.WriteLine(FormattableString.Invariant($"| all | | {totalIngest} | {totalProfile} | {ratio:0.00}× |"));
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"Target: profile extraction at most the ingestion time again: {(ratio <= 1 ? "met" : "NOT met")} ({ratio:0.00}× wall clock)."));
        return 0;

        static TimeSpan CpuNow()
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
    }

    private static string Row(string name, int pages, Timing pdftotext, Timing parse, Timing ingest) =>
        FormattableString.Invariant(
            $"| {name} | {pages} | {pdftotext} | {parse} | {ingest} | {pages / (ingest.WallMs / 1000):0} | {ingest.WallMs / pdftotext.WallMs:0.00}× | {ingest.CpuMs / pdftotext.CpuMs:0.00}× |");

    private static async Task<int> SearchAsync(string[] pdfs, int queryCount)
    {
        using var data = new TempFolder();
        using var host = BuildHost(data.Path);
        var service = host.Services.GetRequiredService<StudyIngestionService>();
        var store = host.Services.GetRequiredService<IStudyStore>();
        var search = host.Services.GetRequiredService<StudySearch>();

        // Every protocol is stored (as in real use, several studies share the index); queries go to the one nearest 100 pages.
        var studies = new List<(string StudyId, int Pages, int Chunks)>();
        foreach (var pdf in pdfs)
        {
            var result = await service.IngestAsync([new IngestFile(Path.GetFileName(pdf), () => File.OpenRead(pdf))], null, null, null);
            studies.Add((result.StudyId, result.Documents[0].Document.PageCount, result.Documents[0].Document.ChunkCount));
        }

        var target = studies.OrderBy(s => Math.Abs(s.Pages - 100)).First();
        // Distinct queries, and warm-up queries of their own: the store keeps results per study, and the figure is for a
        // query it has not seen (the repeated queries of drafts and regenerations are measured separately below).
        var all = BuildQueries(await store.GetChunksAsync(target.StudyId), queryCount + 200).Distinct(StringComparer.Ordinal).ToList();
        var queries = all.Take(queryCount).ToList();
        foreach (var query in all.Skip(queryCount).Take(50))
        {
            await search.SearchAsync(target.StudyId, query, 5);
        }

        var latencies = new List<double>(queries.Count);
        var empty = 0;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        foreach (var query in queries)
        {
            var start = Stopwatch.GetTimestamp();
            var hits = await search.SearchAsync(target.StudyId, query, 5);
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            empty += hits.Count == 0 ? 1 : 0;
        }

        process.Refresh();
        var cpuPerQuery = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / queries.Count;
        latencies.Sort();
        var repeated = new List<double>(queries.Count);
        foreach (var query in queries)
        {
            var start = Stopwatch.GetTimestamp();
            await search.SearchAsync(target.StudyId, query, 5);
            repeated.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        repeated.Sort();
        Console.WriteLine(FormattableString.Invariant(
            $"Search latency: {queries.Count} queries, k = 5, BM25 ({(search.IsHybrid ? "hybrid" : "no embeddings")}), study of {target.Pages} pages / {target.Chunks} chunks, {studies.Sum(s => s.Chunks)} chunks in the database"));
        Console.WriteLine();
        Console.WriteLine("| p50 ms | p90 ms | p99 ms | max ms | mean ms | mean CPU ms | queries without hits |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine(FormattableString.Invariant(
            $"| {Percentile(latencies, 0.50):0.000} | {Percentile(latencies, 0.90):0.000} | {Percentile(latencies, 0.99):0.000} | {latencies[^1]:0.000} | {latencies.Average():0.000} | {cpuPerQuery:0.000} | {empty} |"));
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"The same queries again (served from the per-study cache, as a draft's repeated section queries are): p50 {Percentile(repeated, 0.50):0.000} ms, p99 {Percentile(repeated, 0.99):0.000} ms."));
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"Target: p50 under 2 ms: {(Percentile(latencies, 0.50) < 2 ? "met" : "NOT met")}."));
        return 0;
    }

    /// <summary>The fixed consent-form phrases, then 1–4 word queries drawn from the protocol's own words (seeded, so every run asks the same).</summary>
    private static List<string> BuildQueries(IReadOnlyList<ChunkHit> chunks, int count)
    {
        var random = new Random(20260301);
        var words = chunks
            .SelectMany(c => c.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.Trim('.', ',', ';', ':', '(', ')', '"', '\'', '[', ']'))
            .Where(w => w.Length > 3 && w.All(char.IsLetter))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
        var queries = new List<string>(SearchPhrases);
        while (queries.Count < count)
        {
            var length = random.Next(1, 5);
            queries.Add(string.Join(' ', Enumerable.Range(0, length).Select(_ => words[random.Next(words.Length)])));
        }

        return queries.Take(count).ToList();
    }

    private static async Task<Timing> IngestOnceAsync(StudyIngestionService service, IStudyStore store, string pdf)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = await service.IngestAsync([new IngestFile(Path.GetFileName(pdf), () => File.OpenRead(pdf))], null, null, null);
        var wall = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        var timing = new Timing(wall, (process.TotalProcessorTime - cpu).TotalMilliseconds);
        if (result.Documents.Any(d => d.AlreadyIngested))
        {
            throw new InvalidOperationException("The benchmark must ingest afresh each run.");
        }

        await store.DeleteStudyAsync(result.StudyId);
        return timing;
    }

    private static Timing Measure(Action work)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        work();
        var wall = watch.Elapsed.TotalMilliseconds;
        process.Refresh();
        return new Timing(wall, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    /// <summary>Runs pdftotext under /usr/bin/time, which reports the child's CPU time (.NET cannot read it once the child has exited).</summary>
    private static async Task<Timing> PdfToTextAsync(string pdf)
    {
        var timed = File.Exists("/usr/bin/time");
        var startInfo = new ProcessStartInfo(timed ? "/usr/bin/time" : "pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (timed)
        {
            startInfo.ArgumentList.Add("-f");
            startInfo.ArgumentList.Add("cpu %U %S");
            startInfo.ArgumentList.Add("pdftotext");
        }

        startInfo.ArgumentList.Add("-q");
        startInfo.ArgumentList.Add(pdf);
        startInfo.ArgumentList.Add("-");
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("pdftotext could not start (apt-get install poppler-utils)");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await output;
        var wall = watch.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pdftotext failed on {pdf} with exit code {process.ExitCode}: {errors}");
        }

        var cpuLine = errors.Split('\n').LastOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        var cpu = cpuLine is null ? double.NaN : cpuLine[4..].Split(' ').Sum(v => double.Parse(v, CultureInfo.InvariantCulture)) * 1000;
        return new Timing(wall, cpu);
    }

    /// <summary>Wall-clock and CPU milliseconds of one measured run.</summary>
    private readonly record struct Timing(double WallMs, double CpuMs)
    {
        public static Timing operator +(Timing a, Timing b) => new(a.WallMs + b.WallMs, a.CpuMs + b.CpuMs);

        public static Timing Median(List<Timing> runs) =>
            new(IngestionBenchmark.Median(runs.Select(r => r.WallMs).ToList()), IngestionBenchmark.Median(runs.Select(r => r.CpuMs).ToList()));

        public override string ToString() => FormattableString.Invariant($"{WallMs:0} ({CpuMs:0})");
    }

    private static IHost BuildHost(string dataDirectory)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration["Storage:DataDirectory"] = dataDirectory;
        builder.Logging.ClearProviders();
        builder.AddIcfCore();
        return builder.Build();
    }

    private static double Median(List<double> values) => Percentile([.. values.Order()], 0.5);

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IcfStudio.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("icf-bench-").FullName;

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS temp cleaner.
            }
        }
    }
}
