using System.Diagnostics;
using CqpJury.App.OfficialDocuments.Pdf;
using QRCoder;

namespace CqpJury.Tests.OfficialDocuments.Pdf;

/// <summary>
/// The QR code printed on a document really leads to its verification page: every page is
/// rendered to an image (poppler's pdftoppm) and its code read back by a real scanner (zbarimg).
/// Outside CI the test is skipped with a printed reason when those tools are missing; .ci/run
/// installs them (poppler-utils, zbar-tools).
/// </summary>
public sealed class QrCodeScanTests
{
    private static readonly bool ToolsPresent = File.Exists("/usr/bin/pdftoppm") && File.Exists("/usr/bin/zbarimg");

    private static readonly bool IsCi =
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    [Fact]
    public async Task R14_The_QR_code_of_a_decision_sheet_scans_to_its_verification_address()
    {
        var stamp = new VerificationStamp("K7QP-3MZD-W9TX", "https://cqpjury.example.fr/verifier/K7QP-3MZD-W9TX");

        var scans = await ScanEveryPageAsync(PdfDocuments.DecisionSheet(DocumentSamples.PartialSheet() with { Stamp = stamp }));
        if (scans is null)
        {
            return;
        }

        Assert.Equal([stamp.Url], scans);
    }

    [Fact]
    public async Task R14_Under_a_bare_host_the_QR_code_scans_to_the_address_in_capitals_one_size_smaller()
    {
        var stamp = VerificationStamp.For("K7QP-3MZD-W9TX", "https://cqpjury.example.fr");

        var scans = await ScanEveryPageAsync(PdfDocuments.DecisionSheet(DocumentSamples.PartialSheet() with { Stamp = stamp }));
        if (scans is null)
        {
            return;
        }

        Assert.Equal(["HTTPS://CQPJURY.EXAMPLE.FR/VERIFIER/K7QP-3MZD-W9TX"], scans);
        Assert.Equal(4 + 29 + 4, Modules(stamp.QrContent)); // version 3 and its quiet zone; as printed, version 4 (33 modules)
        Assert.Equal(4 + 33 + 4, Modules(stamp.Url));
    }

    [Fact]
    public async Task R14_Every_page_of_a_sheet_running_over_several_pages_carries_a_QR_code_that_scans()
    {
        var stamp = new VerificationStamp("M4XR-8TQW-2HZD", "https://cqpjury.example.fr/verifier/M4XR-8TQW-2HZD");
        var comments = string.Join("\n", Enumerable.Range(1, 80).Select(i => $"{i}. Commentaire détaillé du jury sur la pratique professionnelle du candidat."));

        var scans = await ScanEveryPageAsync(PdfDocuments.DecisionSheet(DocumentSamples.PartialSheet(comments: comments) with { Stamp = stamp }));
        if (scans is null)
        {
            return;
        }

        Assert.True(scans.Count >= 2, $"{scans.Count} page(s)");
        Assert.All(scans, scanned => Assert.Equal(stamp.Url, scanned));
    }

    private static int Modules(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix.Count;
    }

    /// <summary>Each page rendered at 150 dpi, then read by zbarimg: what each page's code says (null when the tools are missing outside CI).</summary>
    private static async Task<List<string>?> ScanEveryPageAsync(byte[] pdf)
    {
        if (!ToolsPresent && !IsCi)
        {
            Console.Error.WriteLine("QR scan test skipped: pdftoppm or zbarimg missing (apt-get install -y poppler-utils zbar-tools).");
            return null;
        }

        var folder = Directory.CreateTempSubdirectory("cqpjury-qr-");
        try
        {
            var pdfPath = Path.Combine(folder.FullName, "fiche.pdf");
            await File.WriteAllBytesAsync(pdfPath, pdf);
            await RunAsync("/usr/bin/pdftoppm", "-png", "-r", "150", pdfPath, Path.Combine(folder.FullName, "page"));
            var scans = new List<string>();
            foreach (var image in Directory.GetFiles(folder.FullName, "page*.png").Order(StringComparer.Ordinal))
            {
                scans.Add((await RunAsync("/usr/bin/zbarimg", "-q", "--raw", image)).Trim());
            }

            return scans;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed ({process.ExitCode}): {await process.StandardError.ReadToEndAsync()}");
        return output;
    }
}
