using System.Diagnostics;
using System.Globalization;
using System.Text;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.Tests.Integration.OfficialDocuments;
using QRCoder;

namespace CqpJury.Tests.OfficialDocuments.Pdf;

/// <summary>
/// The QR code printed on a document really leads to its verification page, even from a poor copy: every page of
/// every document type is rendered at 72 dpi (poppler's pdftoppm, grey levels) and its code read back by a real
/// scanner (zbarimg); the printed code is measured on the same image (at 72 dpi a pixel is a point): at least 25 mm
/// wide with its quiet zone. Outside CI the test is skipped with a printed reason when those tools are missing;
/// .ci/run installs them (poppler-utils, zbar-tools).
/// </summary>
public sealed class QrCodeScanTests
{
    private const double MinimumMillimetres = 25;

    private static readonly bool ToolsPresent = File.Exists("/usr/bin/pdftoppm") && File.Exists("/usr/bin/zbarimg");

    private static readonly bool IsCi =
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static TheoryData<string> Kinds => ["DecisionSheet", "SessionMinutes", "AttendanceSheet", "Certificate", "PartialAttestation"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task R14_Every_page_of_every_document_type_scans_at_72_dpi_to_its_address_from_a_code_at_least_25_mm_wide(string kind)
    {
        var stamp = VerificationStamp.For("K7QP-3MZD-W9TX", "https://cqpjury.example.fr");
        var seal = TestCertificates.Seal();
        var pdf = kind switch
        {
            "DecisionSheet" => PdfDocuments.DecisionSheet(DocumentSamples.PartialSheet() with { Stamp = stamp }, seal),
            "SessionMinutes" => PdfDocuments.SessionMinutes(DocumentSamples.Minutes(6) with { Stamp = stamp }, seal),
            "AttendanceSheet" => PdfDocuments.AttendanceSheet(DocumentSamples.Attendance() with { Stamp = stamp }, seal),
            "Certificate" => PdfDocuments.Certificate(DocumentSamples.Certificate() with { Stamp = stamp }, seal),
            "PartialAttestation" => PdfDocuments.PartialAttestation(DocumentSamples.Attestation() with { Stamp = stamp }, seal),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var pages = await ScanEveryPageAsync(pdf, dpi: 72);
        if (pages is null)
        {
            return;
        }

        Assert.All(pages, page => Assert.Equal(stamp.QrContent, page.Scanned));
        var modules = Modules(stamp.QrContent);
        Assert.All(pages, page => Assert.True(page.PrintedMillimetres(modules) >= MinimumMillimetres, $"{page.PrintedMillimetres(modules):0.0} mm"));
    }

    [Fact]
    public async Task R14_The_QR_code_of_a_decision_sheet_scans_to_its_verification_address()
    {
        var stamp = new VerificationStamp("K7QP-3MZD-W9TX", "https://cqpjury.example.fr/verifier/K7QP-3MZD-W9TX");

        var pages = await ScanEveryPageAsync(PdfDocuments.DecisionSheet(DocumentSamples.PartialSheet() with { Stamp = stamp }), dpi: 72);
        if (pages is null)
        {
            return;
        }

        Assert.Equal([stamp.Url], pages.Select(p => p.Scanned));
        Assert.True(pages[0].PrintedMillimetres(Modules(stamp.Url)) >= MinimumMillimetres);
    }

    [Fact]
    public async Task R14_Under_a_bare_host_the_QR_code_scans_to_the_address_in_capitals_one_size_smaller()
    {
        var stamp = VerificationStamp.For("K7QP-3MZD-W9TX", "https://cqpjury.example.fr");

        var pages = await ScanEveryPageAsync(PdfDocuments.DecisionSheet(DocumentSamples.PartialSheet() with { Stamp = stamp }), dpi: 72);
        if (pages is null)
        {
            return;
        }

        Assert.Equal(["HTTPS://CQPJURY.EXAMPLE.FR/VERIFIER/K7QP-3MZD-W9TX"], pages.Select(p => p.Scanned));
        Assert.Equal(4 + 29 + 4, Modules(stamp.QrContent)); // version 3 and its quiet zone; as printed, version 4 (33 modules)
        Assert.Equal(4 + 33 + 4, Modules(stamp.Url));
    }

    [Fact]
    public async Task R14_Every_page_of_a_sheet_running_over_several_pages_carries_a_QR_code_that_scans()
    {
        var stamp = new VerificationStamp("M4XR-8TQW-2HZD", "https://cqpjury.example.fr/verifier/M4XR-8TQW-2HZD");
        var comments = string.Join("\n", Enumerable.Range(1, 80).Select(i => $"{i}. Commentaire détaillé du jury sur la pratique professionnelle du candidat."));

        var pages = await ScanEveryPageAsync(PdfDocuments.DecisionSheet(DocumentSamples.PartialSheet(comments: comments) with { Stamp = stamp }), dpi: 72);
        if (pages is null)
        {
            return;
        }

        Assert.True(pages.Count >= 2, $"{pages.Count} page(s)");
        Assert.All(pages, page => Assert.Equal(stamp.Url, page.Scanned));
    }

    private static int Modules(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix.Count;
    }

    /// <summary>
    /// One rendered page: what its code says, and the width in pixels of the code's dark modules (the symbol without
    /// its quiet zone: the finder patterns mark three of its corners) found in the footer's right end.
    /// </summary>
    private sealed record ScannedPage(string Scanned, int SymbolPixels, int Dpi)
    {
        /// <summary>The code's printed width, quiet zone (4 modules each side) included.</summary>
        public double PrintedMillimetres(int modulesWithQuietZone) =>
            SymbolPixels * modulesWithQuietZone / (double)(modulesWithQuietZone - 8) / Dpi * 25.4;
    }

    /// <summary>Each page rendered at <paramref name="dpi"/> in grey levels, read by zbarimg and measured (null when the tools are missing outside CI).</summary>
    private static async Task<List<ScannedPage>?> ScanEveryPageAsync(byte[] pdf, int dpi)
    {
        if (!ToolsPresent && !IsCi)
        {
            Console.Error.WriteLine("QR scan test skipped: pdftoppm or zbarimg missing (apt-get install -y poppler-utils zbar-tools).");
            return null;
        }

        var folder = Directory.CreateTempSubdirectory("cqpjury-qr-");
        try
        {
            var pdfPath = Path.Combine(folder.FullName, "document.pdf");
            await File.WriteAllBytesAsync(pdfPath, pdf);
            await RunAsync("/usr/bin/pdftoppm", "-gray", "-r", dpi.ToString(CultureInfo.InvariantCulture), pdfPath, Path.Combine(folder.FullName, "page"));
            var pages = new List<ScannedPage>();
            foreach (var image in Directory.GetFiles(folder.FullName, "page*.pgm").Order(StringComparer.Ordinal))
            {
                var scanned = (await RunAsync("/usr/bin/zbarimg", "-q", "--raw", image)).Trim();
                pages.Add(new ScannedPage(scanned, DarkWidthAtFooterRight(await File.ReadAllBytesAsync(image), dpi), dpi));
            }

            return pages;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Width of the dark pixels' bounding box in a binary PGM (P5, 8 bits) page image, at the footer's right end: the
    /// page's right quarter, from 125 to 30 points above its bottom edge (under the content, inside a certificate's frame).
    /// </summary>
    private static int DarkWidthAtFooterRight(byte[] pgm, int dpi)
    {
        var header = Encoding.ASCII.GetString(pgm, 0, 32).Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("P5", header[0]);
        var width = int.Parse(header[1], CultureInfo.InvariantCulture);
        var height = int.Parse(header[2], CultureInfo.InvariantCulture);
        var start = pgm.Length - (width * height);
        int left = int.MaxValue, right = -1;
        var points = dpi / 72.0;
        for (var y = height - (int)(125 * points); y < height - (int)(30 * points); y++)
        {
            for (var x = width * 3 / 4; x < width - (int)(30 * points); x++)
            {
                if (pgm[start + (y * width) + x] < 128)
                {
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                }
            }
        }

        return right < 0 ? 0 : right - left + 1;
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed ({process.ExitCode}): {await error}");
        return await output;
    }
}
