using CqpJury.Benchmarks.Core;

namespace CqpJury.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project CqpJury.Benchmarks -- --quick</c> (a few minutes: every figure, smaller) or <c>--full</c>
/// (the full scale, much longer); <c>--smoke</c> takes seconds (no browser, no child process). Writes docs/benchmarks.md
/// (or <c>--out FILE</c>).
/// </summary>
public static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [Floor.FloorServer.Argument, ..])
        {
            return await Floor.FloorServer.RunAsync(args[1..]); // figure 11g's server, started by the runner
        }

        BenchmarkOptions options;
        try
        {
            options = BenchmarkOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        IReadOnlyList<Figure> figures;
        try
        {
            figures = await BenchmarkRunner.RunAsync(options);
        }
        catch (BenchmarkFailedException ex)
        {
            foreach (var reason in ex.Reasons)
            {
                await Console.Error.WriteLineAsync("FAILED: " + reason);
            }

            return 1;
        }

        foreach (var f in figures.Where(f => f.IsMeasured))
        {
            Console.WriteLine($"{f.Id,-3} {f.Name}: {ReportWriter.Format(f.Median)} {f.Unit} (target {f.Target}{(f.Met is { } met ? met ? ", met" : ", MISSED" : "")})");
        }

        return 0;
    }
}
