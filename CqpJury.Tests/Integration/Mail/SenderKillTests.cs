using System.Diagnostics;
using System.Globalization;
using System.Text;
using CqpJury.App.Data.Entities;
using CqpJury.TestServers;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Integration.Mail;

/// <summary>
/// Issue 20: <c>kill -9</c> of the sender in the middle of a batch, as a real process. The app itself
/// (<c>dotnet CqpJury.App.dll</c>, its background sender on) delivers an outbox of ten messages to a real SMTP
/// server that answers each message's DATA slowly; the test sends SIGKILL while the server holds the fourth,
/// starts the app again on the same database, and checks the bound documented in docs/operations.md (« E-mail
/// outbox »): no message lost, at most one received twice — the one in flight — and that one only once its lease
/// ran out. SQLite here, PostgreSQL in CqpJury.Tests.Postgres (this file is linked there).
/// </summary>
public sealed class SenderKillTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Messages = 10;
    private const int LeaseSeconds = 5;

    [Fact]
    public async Task A_sender_process_killed_mid_batch_loses_nothing_and_after_a_restart_sends_at_most_the_message_in_flight_twice()
    {
        var root = Path.Combine(Path.GetTempPath(), "cqpjury-tests", Guid.NewGuid().ToString("N"));
        await using var smtp = await SmtpTestServer.StartNewAsync();
        try
        {
            List<string> expected;
            using (var factory = new CqpJuryAppFactory(root, deleteOnDispose: false))
            {
                factory.Clock.SetUtcNow(DateTimeOffset.UtcNow); // due now for the processes' real clocks
                expected = await factory.AddPreparedMessagesAsync(Guid.NewGuid(), Messages);
            }

            // First run: SIGKILL while the server holds the 4th message's DATA (accepted or not, the sender never records it).
            smtp.DelayPerMessage = TimeSpan.FromMilliseconds(600);
            using (var first = SenderProcess.Start(root, smtp))
            {
                await first.WaitAsync(() => smtp.Arrived >= 4, TimeSpan.FromSeconds(120), "the first run to reach the 4th message");
                first.Kill();
            }

            smtp.DelayPerMessage = TimeSpan.Zero;
            var afterKill = await OutboxAsync(root);
            var inFlight = Assert.Single(afterKill, m => m.Status == OutboxStatus.Pending && m.LeaseToken is not null);
            Assert.InRange(afterKill.Count(m => m.Status == OutboxStatus.Sent), 3, Messages - 1);
            Assert.Equal(Messages, afterKill.Count);

            // Second run on the same database: the rest at once, the message in flight once its lease has run out.
            using (var second = SenderProcess.Start(root, smtp))
            {
                await second.WaitAsync(() => expected.All(id => smtp.Received.Any(r => r.Message.MessageId == id)), TimeSpan.FromSeconds(120), "every message to be received");
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while ((await OutboxAsync(root)).Any(m => m.Status != OutboxStatus.Sent) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(200);
                }

                second.Kill();
            }

            var outbox = await OutboxAsync(root);
            Assert.All(outbox, m => Assert.Equal(OutboxStatus.Sent, m.Status));
            var resent = outbox.Single(m => m.Id == inFlight.Id);
            Assert.Equal(2, resent.Attempts);
            Assert.True(resent.SentAt >= inFlight.LeaseUntil, $"sent again at {resent.SentAt:O}, before its lease ran out at {inFlight.LeaseUntil:O}");
            Assert.All(outbox.Where(m => m.Id != inFlight.Id), m => Assert.Equal(1, m.Attempts));

            var received = smtp.Received.Select(r => r.Message.MessageId).ToList();
            Assert.Equal(expected.Order(StringComparer.Ordinal), received.Distinct().Order(StringComparer.Ordinal)); // nothing lost
            var duplicates = received.GroupBy(id => id).Where(g => g.Count() > 1).ToList();
            output.WriteLine($"{received.Count} received for {Messages} messages; {duplicates.Count} duplicate(s); the message in flight sent again "
                + $"{(resent.SentAt - inFlight.LastAttemptAt)?.TotalSeconds:0.0} s after its first try (lease {LeaseSeconds} s)");
            Assert.True(duplicates.Count <= 1, $"{duplicates.Count} messages received twice");
            Assert.All(duplicates, d => Assert.Equal(inFlight.MessageId, d.Key));
            Assert.All(duplicates, d => Assert.Equal(2, d.Count()));
        }
        finally
        {
            using var cleanup = new CqpJuryAppFactory(root, deleteOnDispose: true);
        }
    }

    private static async Task<List<OutboxMessage>> OutboxAsync(string root)
    {
        using var factory = new CqpJuryAppFactory(root, deleteOnDispose: false);
        return await factory.OutboxAsync();
    }

    /// <summary>The built app as a process of its own (the test's output folder holds CqpJury.App.dll), its background sender on.</summary>
    private sealed class SenderProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private SenderProcess(Process process) => _process = process;

        public static SenderProcess Start(string root, SmtpTestServer smtp)
        {
            var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CqpJury.App.dll")])
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{SmtpTestServer.FreePort()}",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Database:Provider"] = TestDatabase.Current.Provider.ToString(),
                ["ConnectionStrings:CqpJury"] = TestDatabase.Current.ConnectionString(root),
                ["Storage:Root"] = root,
                ["Retention:Enabled"] = "false",
                ["Mail:SenderEnabled"] = "true",
                ["Mail:PollSeconds"] = "1",
                ["Mail:LeaseSeconds"] = LeaseSeconds.ToString(CultureInfo.InvariantCulture),
                ["Mail:Smtp:Host"] = smtp.Host,
                ["Mail:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
                ["Mail:Smtp:Security"] = "None",
            })
            {
                info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
            var sender = new SenderProcess(process);
            process.OutputDataReceived += (_, e) => sender.Append(e.Data);
            process.ErrorDataReceived += (_, e) => sender.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return sender;
        }

        /// <summary>Waits for <paramref name="condition"/>; fails with the app's output if it exits first or time runs out.</summary>
        public async Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!condition())
            {
                if (_process.HasExited)
                {
                    Assert.Fail($"The app exited (code {_process.ExitCode}) before {what}: {Output}");
                }

                if (DateTime.UtcNow > deadline)
                {
                    Assert.Fail($"Timed out waiting for {what}: {Output}");
                }

                await Task.Delay(5);
            }
        }

        /// <summary>SIGKILL (Process.Kill on Linux): no shutdown, no lease released, nothing recorded.</summary>
        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }

        private string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        private void Append(string? line)
        {
            lock (_output)
            {
                if (line is not null && _output.Length < 100_000)
                {
                    _output.AppendLine(line);
                }
            }
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }
    }
}
