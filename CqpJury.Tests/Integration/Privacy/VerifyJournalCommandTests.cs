using System.Diagnostics;
using System.Text;
using CqpJury.App.Data.Entities;
using CqpJury.App.Extensions;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.Tests.Integration.Privacy;

/// <summary>
/// R16 — <c>dotnet run --project CqpJury.App -- verify-journal</c>, as the operator runs it: the real app
/// process on the database, printing « journal intact : N entrées » (exit code 0), or the first broken
/// entry (exit code 3) once an entry was edited behind the app's back.
/// </summary>
public sealed class VerifyJournalCommandTests
{
    [Fact]
    public async Task Verify_journal_prints_intact_with_the_count_then_names_the_edited_entry_with_a_failing_exit_code()
    {
        var root = Path.Combine(Path.GetTempPath(), "cqpjury-tests", Guid.NewGuid().ToString("N"));
        List<AuditEntry> entries = [];
        using (var factory = new CqpJuryAppFactory(root, deleteOnDispose: false))
        {
            await JournalTestData.WriteAsync(factory, 4);
            await factory.WithDbAsync(async db => entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        }

        try
        {
            var intact = await RunVerifyJournalAsync(root);
            await TestDatabase.Current.ExecuteRawAsync(root, $"UPDATE \"AuditEntries\" SET \"Details\" = 'Détail falsifié' WHERE \"Id\" = {entries[2].Id}");
            var altered = await RunVerifyJournalAsync(root);

            Assert.Equal(0, intact.ExitCode);
            Assert.Contains($"journal intact : {entries.Count} entrées", intact.Output, StringComparison.Ordinal);
            Assert.Equal(CommandLine.JournalAlteredExitCode, altered.ExitCode);
            Assert.Contains($"journal altéré : l'entrée n° {entries[2].Sequence} (« {entries[2].Action} »", altered.Output, StringComparison.Ordinal);
        }
        finally
        {
            using var cleanup = new CqpJuryAppFactory(root, deleteOnDispose: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunVerifyJournalAsync(string root)
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CqpJury.App.dll"), CommandLine.VerifyJournalCommand])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Database__Provider"] = TestDatabase.Current.Provider.ToString();
        info.Environment["ConnectionStrings__CqpJury"] = TestDatabase.Current.ConnectionString(root);
        info.Environment["Storage__Root"] = root;

        var output = new StringBuilder();
        using var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
