// Benchmarks: `dotnet run -c Release --project bench/IcfStudio.Bench -- <name>`; see docs/BENCHMARKS.md.
using IcfStudio.Bench.Drafting;

return args.FirstOrDefault() switch
{
    "drafting" => await DraftingBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.WriteLine("usage: icf-bench <ingest|search|drafting|streaming>");
    return 2;
}
