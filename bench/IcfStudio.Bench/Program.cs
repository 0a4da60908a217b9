// Benchmarks: `dotnet run -c Release --project bench/IcfStudio.Bench -- <name>`; see docs/BENCHMARKS.md.
return args.FirstOrDefault() switch
{
    "streaming" => await IcfStudio.Bench.Streaming.StreamingBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: icf-bench <ingest|search|drafting|streaming>");
    return 2;
}
