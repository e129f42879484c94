using System.Diagnostics;
using CqpJury.App.Documents;

namespace CqpJury.Tests.Documents;

/// <summary>
/// The QR code printed on a document really leads to its verification page: the first page is
/// rendered to an image (poppler's pdftoppm) and the code read back by a real scanner (zbarimg).
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
        if (!ToolsPresent && !IsCi)
        {
            Console.Error.WriteLine("QR scan test skipped: pdftoppm or zbarimg missing (apt-get install -y poppler-utils zbar-tools).");
            return;
        }

        var stamp = new VerificationStamp("K7QP-3MZD-W9TX", "https://cqpjury.example.fr/verifier/K7QP-3MZD-W9TX");
        var pdf = PdfDocuments.DecisionSheet(DocumentSamples.PartialSheet() with { Stamp = stamp });
        var folder = Directory.CreateTempSubdirectory("cqpjury-qr-");
        try
        {
            var pdfPath = Path.Combine(folder.FullName, "fiche.pdf");
            await File.WriteAllBytesAsync(pdfPath, pdf);
            await RunAsync("/usr/bin/pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", pdfPath, Path.Combine(folder.FullName, "page"));
            var image = Directory.GetFiles(folder.FullName, "page*.png").Single();

            var scanned = await RunAsync("/usr/bin/zbarimg", "-q", "--raw", image);

            Assert.Equal(stamp.Url, scanned.Trim());
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
