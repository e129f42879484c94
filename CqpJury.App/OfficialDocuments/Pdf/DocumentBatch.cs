namespace CqpJury.App.OfficialDocuments.Pdf;

/// <summary>
/// Renders many documents at once on every core (PDF rendering is CPU-bound and the renderers are
/// thread-safe): a whole session's sheets are produced in parallel, results kept in input order.
/// </summary>
public static class DocumentBatch
{
    public static byte[][] Render(IReadOnlyList<Func<byte[]>> jobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        PdfDocuments.EnsureFonts();
        var results = new byte[jobs.Count][];
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, i =>
        {
            results[i] = jobs[i]();
        });
        return results;
    }
}
