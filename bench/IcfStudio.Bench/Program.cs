// Benchmarks: `dotnet run -c Release --project bench/IcfStudio.Bench -- <name>`; see docs/BENCHMARKS.md.
Console.WriteLine("usage: icf-bench <ingest|search|drafting|streaming>");
return 2;
