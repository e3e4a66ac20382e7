using BenchmarkDotNet.Running;
using DailyPapers.Benchmarks;

// `stages FILE [DATA_DIR]`: one timed pass over FILE, parse and write measured apart (for profiling).
// Anything else goes to BenchmarkDotNet (e.g. `--filter *Parse*`).
if (args is ["stages", var file, ..])
{
    return await ImportStages.RunAsync(file, args.Length > 2 ? args[2] : null);
}
BenchmarkSwitcher.FromAssembly(typeof(ImportStages).Assembly).Run(args);
return 0;
