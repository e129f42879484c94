using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.OfficialDocuments.Signing;
using CqpJury.Benchmarks.Browser;
using CqpJury.Benchmarks.Core;
using Microsoft.Playwright;

namespace CqpJury.Benchmarks.OfficialDocuments;

/// <summary>
/// Figure 6: decision sheets of a 50-candidate session rendered by PdfDocuments
/// (sequential, one thread), and in the same run the same sheets as HTML printed to PDF by
/// headless chromium (one browser and one page reused; SetContent + Pdf per sheet). Issue 22: the same sheets
/// signed as issued (PAdES, an RSA-3072 organisation certificate), one thread and on every core.
/// </summary>
public static class DecisionSheetBenchmark
{
    public const int SessionSize = 50;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchmarkOptions options, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var (sheetCount, runs, chromiumSheets, chromiumRuns) = options.Mode switch
        {
            BenchmarkMode.Smoke => (5, 2, 0, 0),
            BenchmarkMode.Quick => (SessionSize, 5, 20, 3),
            _ => (SessionSize, 7, SessionSize, 5),
        };

        var catalog = SheetModels.LoadCatalog();
        var models = SheetModels.Session(sheetCount, catalog);
        PdfDocuments.EnsureFonts();

        // Warm-up: JIT, fonts, QR encoder.
        foreach (var model in models.Take(3))
        {
            Check(PdfDocuments.DecisionSheet(model));
        }

        var pdfRates = new List<double>();
        long bytes = 0;
        var pdfCpuBefore = ProcessCpu.SecondsOf(Environment.ProcessId);
        for (var run = 0; run < runs; run++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var model in models)
            {
                bytes += Check(PdfDocuments.DecisionSheet(model));
            }

            sw.Stop();
            pdfRates.Add(models.Count / sw.Elapsed.TotalSeconds);
            log($"  PdfDocuments run {run + 1}/{runs}: {models.Count} sheets in {sw.Elapsed.TotalMilliseconds:0} ms");
        }

        var pdfCpuMsPerSheet = (ProcessCpu.SecondsOf(Environment.ProcessId) - pdfCpuBefore) * 1000 / (runs * models.Count);

        // Issue 22: signed as the app issues them, with an organisation certificate of the usual size.
        using var certificate = OrganisationCertificate();
        var seal = new DocumentSeal(new SealCertificate(certificate), "CPEF de la formation professionnelle", DateTimeOffset.UtcNow);
        foreach (var model in models.Take(3))
        {
            Check(PdfDocuments.DecisionSheet(model, seal));
        }

        var signedRates = new List<double>();
        var signedCpuBefore = ProcessCpu.SecondsOf(Environment.ProcessId);
        for (var run = 0; run < runs; run++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var model in models)
            {
                Check(PdfDocuments.DecisionSheet(model, seal));
            }

            sw.Stop();
            signedRates.Add(models.Count / sw.Elapsed.TotalSeconds);
            log($"  PdfDocuments signed run {run + 1}/{runs}: {models.Count} sheets in {sw.Elapsed.TotalMilliseconds:0} ms");
        }

        var signedCpuMsPerSheet = (ProcessCpu.SecondsOf(Environment.ProcessId) - signedCpuBefore) * 1000 / (runs * models.Count);
        var signatureMs = MillisecondsPerSignature(seal.Certificate.Signer);
        var signedJobs = models.Select(m => (Func<byte[]>)(() => PdfDocuments.DecisionSheet(m, seal))).ToList();
        var signedParallelRates = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var sw = Stopwatch.StartNew();
            var rendered = DocumentBatch.Render(signedJobs);
            sw.Stop();
            foreach (var pdf in rendered)
            {
                Check(pdf);
            }

            signedParallelRates.Add(models.Count / sw.Elapsed.TotalSeconds);
            log($"  DocumentBatch signed run {run + 1}/{runs}: {models.Count} sheets in {sw.Elapsed.TotalMilliseconds:0} ms on {Environment.ProcessorCount} cores");
        }

        // The product's own path: OfficialDocumentService renders a session's documents with DocumentBatch, on every core.
        var parallelRates = new List<double>();
        var jobs = models.Select(m => (Func<byte[]>)(() => PdfDocuments.DecisionSheet(m))).ToList();
        for (var run = 0; run < runs; run++)
        {
            var sw = Stopwatch.StartNew();
            var rendered = DocumentBatch.Render(jobs);
            sw.Stop();
            foreach (var pdf in rendered)
            {
                Check(pdf);
            }

            parallelRates.Add(models.Count / sw.Elapsed.TotalSeconds);
            log($"  DocumentBatch run {run + 1}/{runs}: {models.Count} sheets in {sw.Elapsed.TotalMilliseconds:0} ms on {Environment.ProcessorCount} cores");
        }

        var averageKb = bytes / 1024.0 / (runs * models.Count);
        var figures = new List<Figure>
        {
            Figure.FromRuns("6a", $"Decision sheets, PdfDocuments (PDFsharp), {sheetCount}-candidate session, one thread", "sheets/s",
                pdfRates, "≥ 100 sheets/s", r => r >= 100,
                $"PdfDocuments.DecisionSheet on {sheetCount} sheets (real CQP and competence titles from referential.json, accents, long comments, all three outcomes; {averageKb:0} KB per sheet), sequential on one thread after 3 warm-up sheets."),
            Figure.FromRuns("6d", $"Decision sheets, as issued by the app (DocumentBatch, {Environment.ProcessorCount} cores), {sheetCount}-candidate session", "sheets/s",
                parallelRates, "≥ 100 sheets/s", r => r >= 100,
                "The same sheets rendered the way OfficialDocumentService issues a session: DocumentBatch.Render, one job per sheet on every core."),
            Figure.FromRuns("6g", $"Decision sheets signed as issued (PAdES, RSA-3072 certificate), PdfDocuments one thread, {sheetCount}-candidate session", "sheets/s",
                signedRates, "≥ 100 sheets/s", r => r >= 100,
                string.Create(CultureInfo.InvariantCulture, $"Same sheets as 6a, each signed when saved (PDFsharp's DigitalSignatureHandler, detached CMS made by SignedCms, SHA-256, ESS signing-certificate-v2) with a self-signed RSA-3072 certificate standing for the organisation's; the visible block drawn under the president's line. One CMS signature alone takes {signatureMs:0.00} ms here (median of 200 over a 62 KB content). CPU time per sheet (the benchmark process, /proc, GC included), which the machine's load changes less than wall-clock rates: {pdfCpuMsPerSheet:0.00} ms unsigned (6a), {signedCpuMsPerSheet:0.00} ms signed, i.e. {1000 / signedCpuMsPerSheet:0} signed sheets per second of one core's CPU.")),
            Figure.FromRuns("6h", $"Decision sheets signed, as issued by the app (DocumentBatch, {Environment.ProcessorCount} cores), {sheetCount}-candidate session", "sheets/s",
                signedParallelRates, "≥ 100 sheets/s", r => r >= 100,
                "6g's signed sheets rendered the way OfficialDocumentService issues a session (DocumentBatch.Render on every core, one signer shared by the threads)."),
        };

        if (chromiumRuns == 0)
        {
            figures.Add(Figure.NotMeasured("6b", "Same sheets, HTML printed to PDF by headless chromium (baseline)", "baseline", "Skipped in smoke mode (no browser)."));
            figures.Add(Figure.NotMeasured("6c", "Ratio PdfDocuments / chromium", "≥ 20×", "Skipped in smoke mode (no browser)."));
            return figures;
        }

        if (!File.Exists(options.ChromiumPath))
        {
            figures.Add(Figure.NotMeasured("6b", "Same sheets, HTML printed to PDF by headless chromium (baseline)", "baseline", $"No chromium at {options.ChromiumPath}."));
            figures.Add(Figure.NotMeasured("6c", "Ratio PdfDocuments / chromium", "≥ 20×", "No chromium baseline."));
            return figures;
        }

        var (chromiumRates, chromiumCpu) = await ChromiumRatesAsync(options.ChromiumPath, models.Take(chromiumSheets).Select(SheetHtml.Render).ToList(), chromiumRuns, log);
        var pdfMedian = Stats.Median(pdfRates);
        var ratios = chromiumRates.Select(c => pdfMedian / c).ToList();
        var appMedian = Stats.Median(parallelRates);
        var appRatios = chromiumRates.Select(c => appMedian / c).ToList();
        figures.Add(Figure.FromRuns("6b", $"Same sheets, HTML printed to PDF by headless chromium (baseline), {chromiumSheets} sheets per run", "sheets/s",
            chromiumRates, "baseline", null,
            "Playwright 1.64.1 driving /usr/bin/chromium: one browser and one page reused, page.SetContentAsync(html) then page.PdfAsync(A4, backgrounds) per sheet; the HTML carries the same texts, check boxes and a 29×29 SVG code grid in place of the QR code."));
        figures.Add(Figure.FromRuns("6c", "Ratio PdfDocuments one thread / chromium (sheets/s)", "×", ratios, "≥ 20×", r => r >= 20,
            "Median one-thread PdfDocuments rate divided by each chromium run's rate."));
        figures.Add(Figure.FromRuns("6e", "Ratio app issuing (DocumentBatch) / chromium (sheets/s)", "×", appRatios, "≥ 20×", r => r >= 20,
            "Median DocumentBatch rate (the app's issuing path) divided by each chromium run's rate (one chromium page, as a print server would use)."));
        // Chromium's own processes only: the Playwright client's share (serialising each page and PDF over its pipe) is
        // the driver's, listed in the notes but not counted against chromium.
        var perSheet = chromiumRuns * chromiumSheets;
        var chromiumMsPerSheet = chromiumCpu.Processes.Where(p => p.Key.StartsWith("chromium", StringComparison.Ordinal)).Sum(p => p.Value) * 1000 / perSheet;
        var cpuRatio = chromiumMsPerSheet / pdfCpuMsPerSheet;
        var detail = string.Join(", ", chromiumCpu.Processes.Where(p => p.Key.StartsWith("chromium", StringComparison.Ordinal)).OrderByDescending(p => p.Value)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key["chromium:".Length..]} {p.Value * 1000 / perSheet:0.0} ms")));
        var others = string.Join(", ", chromiumCpu.Processes.Where(p => !p.Key.StartsWith("chromium", StringComparison.Ordinal))
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value * 1000 / perSheet:0.0} ms")));
        figures.Add(new Figure("6f", "CPU per sheet: chromium's processes printing / PdfDocuments one thread", "×",
            cpuRatio, cpuRatio, cpuRatio, "one ratio", 1, "– (explains 6c)", null,
            string.Create(CultureInfo.InvariantCulture, $"CPU time (user + system, /proc) per sheet during the timed runs: PdfDocuments {pdfCpuMsPerSheet:0.00} ms (the benchmark process, GC threads included; {pdfCpuMsPerSheet / 1000 * Stats.Median(pdfRates):0.00} cores busy) against chromium's processes {chromiumMsPerSheet:0.0} ms ({detail}; not counted: {(others.Length > 0 ? others : "nothing else")}; {chromiumCpu.Processes.Values.Sum() / chromiumCpu.Wall:0.00} cores busy in all). 6c compares wall-clock rates of one thread and of a browser spread over several processes; this compares what a sheet costs the machine's CPU.")));
        return figures;
    }

    /// <summary>Chromium's rate per run, and the CPU the timed runs cost: chromium's processes, Playwright's driver (node) and this process's side of it.</summary>
    private static async Task<(List<double> Rates, (Dictionary<string, double> Processes, double Wall) Cpu)> ChromiumRatesAsync(string chromium, List<string> pages, int runs, Action<string> log)
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
        var page = await browser.NewPageAsync();
        var pdfOptions = new PagePdfOptions { Format = "A4", PrintBackground = true };

        // Warm-up.
        foreach (var html in pages.Take(2))
        {
            await page.SetContentAsync(html);
            Check(await page.PdfAsync(pdfOptions));
        }

        var rates = new List<double>();
        var before = PrintingCpu();
        var wall = Stopwatch.StartNew();
        for (var run = 0; run < runs; run++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var html in pages)
            {
                await page.SetContentAsync(html);
                Check(await page.PdfAsync(pdfOptions));
            }

            sw.Stop();
            rates.Add(pages.Count / sw.Elapsed.TotalSeconds);
            log($"  chromium run {run + 1}/{runs}: {pages.Count} sheets in {sw.Elapsed.TotalMilliseconds:0} ms");
        }

        var spent = PrintingCpu().Select(a => (a.Key, Seconds: a.Value - before.GetValueOrDefault(a.Key))).Where(x => x.Seconds > 0)
            .ToDictionary(x => x.Key, x => x.Seconds);
        return (rates, (spent, wall.Elapsed.TotalSeconds));
    }

    /// <summary>CPU seconds so far of chromium's processes (by type), Playwright's node driver and this process.</summary>
    private static Dictionary<string, double> PrintingCpu()
    {
        var cpu = ProcessCpu.Snapshot().Where(p => p.Key.StartsWith("chromium", StringComparison.Ordinal) || p.Key == "node")
            .ToDictionary(p => p.Key, p => p.Value);
        cpu["benchmark process (Playwright client)"] = ProcessCpu.SecondsOf(Environment.ProcessId);
        return cpu;
    }

    /// <summary>A self-signed RSA-3072 certificate for document signing, standing for the organisation's (CA-issued ones sign alike).</summary>
    private static X509Certificate2 OrganisationCertificate()
    {
        using var key = RSA.Create(3072);
        var request = new CertificateRequest("CN=CPEF de la formation professionnelle (banc d'essai), O=CqpJury, C=FR", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(3));
    }

    /// <summary>Median time of one detached CMS signature of a sheet-sized content.</summary>
    private static double MillisecondsPerSignature(PadesSigner signer)
    {
        var content = new byte[62 * 1024];
        var times = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            var sw = Stopwatch.StartNew();
            signer.Sign(content);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        return Stats.Median(times);
    }

    private static int Check(byte[] pdf) =>
        pdf.Length > 1000 && pdf[0] == (byte)'%' && pdf[1] == (byte)'P' ? pdf.Length : throw new InvalidOperationException("Not a PDF.");
}
