// Benchmarks: `dotnet run -c Release --project bench/IcfStudio.Bench -- <name>`; see docs/BENCHMARKS.md.
using IcfStudio.Bench.Drafting;
using IcfStudio.Bench.Ingestion;
using IcfStudio.Bench.Streaming;

return args.FirstOrDefault() switch
{
    "ingest" or "search" or "profile" => await IngestionBenchmark.RunAsync(args),
    "drafting" => await DraftingBench.RunAsync(args[1..]),
    "streaming" => await StreamingBenchmark.RunAsync(args[1..]),
    "streaming-clients" => await StreamingClients.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: icf-bench <ingest|search|profile|drafting|streaming>");
    return 2;
}
