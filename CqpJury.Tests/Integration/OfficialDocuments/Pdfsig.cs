using System.Diagnostics;

namespace CqpJury.Tests.Integration.OfficialDocuments;

/// <summary>
/// Poppler's pdfsig, the check any reader of the PDF can make offline: its report on a file's signatures. Outside
/// CI the tests that need it are skipped with a printed reason when it is missing; .ci/run installs poppler-utils.
/// </summary>
internal static class Pdfsig
{
    private const string Program = "/usr/bin/pdfsig";

    private static readonly bool IsCi =
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>pdfsig's report (standard output and error) on <paramref name="pdf"/>; null when pdfsig is missing outside CI.</summary>
    public static async Task<string?> ReportAsync(byte[] pdf)
    {
        if (!File.Exists(Program) && !IsCi)
        {
            await Console.Error.WriteLineAsync("pdfsig test skipped: /usr/bin/pdfsig missing (apt-get install -y poppler-utils).");
            return null;
        }

        var path = Path.Combine(Path.GetTempPath(), $"cqpjury-pdfsig-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(path);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return await output + await error;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
