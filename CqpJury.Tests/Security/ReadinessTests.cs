using System.Diagnostics;
using System.Net;
using CqpJury.App.Data;
using CqpJury.Tests.TestSupport;
using Npgsql;

namespace CqpJury.Tests.Security;

/// <summary>
/// Issue 26 point 6: <c>/health/ready</c> answers 503 while the database reads but cannot be written, and 200
/// again once it can. SQLite: the file and its write-ahead log made immutable (chattr +i: even root cannot
/// write them). PostgreSQL: the database switched to read-only transactions (as a standby or a full disk
/// would leave it). Also run on PostgreSQL (CqpJury.Tests.Postgres links this file).
/// </summary>
public sealed class ReadinessTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task Ready_answers_503_while_the_database_cannot_be_written_and_200_again_after()
    {
        using var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        await using (await UnwritableAsync())
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            var body = System.Text.RegularExpressions.Regex.Unescape(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("Base de données indisponible en lecture ou en écriture", body, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }

    /// <summary>Makes the app's database unwritable until disposed.</summary>
    private async Task<IAsyncDisposable> UnwritableAsync()
    {
        if (TestDatabase.Current.Provider == DatabaseProvider.Postgres)
        {
            var csb = new NpgsqlConnectionStringBuilder(TestDatabase.Current.ConnectionString(_factory.DataRoot));
            var database = csb.Database!;
            csb.Database = "postgres";
            await ExecuteAsync(csb.ConnectionString, $"ALTER DATABASE \"{database}\" SET default_transaction_read_only = on");
            NpgsqlConnection.ClearAllPools(); // the app's next connection is a new, read-only session
            return new Undo(async () =>
            {
                await ExecuteAsync(csb.ConnectionString, $"ALTER DATABASE \"{database}\" RESET default_transaction_read_only");
                NpgsqlConnection.ClearAllPools();
            });
        }

        var file = Path.Combine(_factory.DataRoot, "cqpjury.db");
        Chattr("+i", file + "-wal");
        Assert.True(Chattr("+i", file), "chattr +i is needed (root, on a file system with attributes) to make a file unwritable for root");
        return new Undo(() =>
        {
            Chattr("-i", file);
            Chattr("-i", file + "-wal");
            return Task.CompletedTask;
        });
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static bool Chattr(string flag, string file)
    {
        if (!File.Exists(file))
        {
            return false;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", [flag, file]) { RedirectStandardError = true, UseShellExecute = false })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private sealed class Undo(Func<Task> undo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await undo();
    }

    public void Dispose() => _factory.Dispose();
}
