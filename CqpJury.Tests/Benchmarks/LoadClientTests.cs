using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.Benchmarks.Browser;
using CqpJury.Benchmarks.Core;
using CqpJury.Benchmarks.LoadClient;
using CqpJury.Domain.Deliberations;
using CqpJury.TestServers;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.Tests.Benchmarks;

/// <summary>
/// The protocol-level load client (figure 11) against the real app process: two seeded sessions, five circuits each,
/// signed in through the form, circuits started from the page's markers. The client is tested, not trusted: the votes
/// it casts are read back from the database, each one must have reached the four other members' mirrors, a click on
/// a disabled or absent button is an error, and the render-batch reader reads batches the real server wrote.
/// </summary>
public sealed class LoadClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cqpjury-loadclient-" + Guid.NewGuid().ToString("N")[..8]);
    private IReadOnlyList<SeededSession> _sessions = [];
    private AppProcess? _app;

    public async Task InitializeAsync()
    {
        var dll = RepositoryPaths.FindAppDll() ?? throw new InvalidOperationException("CqpJury.App.dll is not built next to the tests (build the solution first).");
        _sessions = await RoomSeeder.SeedAsync(_folder, 2);
        _app = await AppProcess.StartAsync(dll, _folder, SmtpTestServer.FreePort());
    }

    [Fact]
    public async Task Votes_cast_over_the_circuit_are_committed_and_reach_every_other_members_mirror()
    {
        var baseUri = new Uri(_app!.BaseUrl);
        var rooms = await Task.WhenAll(_sessions.Select(s => LoadSession.OpenAsync(baseUri, s, Timeout, recordBatches: true)));
        try
        {
            // Before the presidency: nobody chosen, "propose" is disabled — a click on it is refused, not ignored.
            var refused = await Assert.ThrowsAsync<LoadClientException>(() => rooms[1].Proposer.ClickAsync("propose-president"));
            Assert.Contains("disabled", refused.Message, StringComparison.Ordinal);

            await Task.WhenAll(rooms.Select(r => r.PrepareVoteAsync()));

            // One round per session: the first member objects (R12: with a reason), the four others approve.
            var cast = new List<LoadVote>();
            foreach (var room in rooms)
            {
                for (var i = 0; i < room.Members.Count; i++)
                {
                    cast.Add(await room.CastAsync(i, objects: i == 0));
                }
            }

            Assert.Equal(10, cast.Count);
            Assert.All(cast, v =>
            {
                Assert.Equal(4, v.EachMs.Length);
                Assert.All(v.EachMs, ms => Assert.InRange(ms, 0, Timeout.TotalMilliseconds));
            });

            // Every member's mirror shows the whole round: the objector's line objected, the four others approved.
            foreach (var room in rooms)
            {
                var expected = room.Session.Members.Select((m, i) => (m.FullName, i == 0 ? "Objected" : "Approved")).ToDictionary(x => x.FullName, x => x.Item2);
                foreach (var member in room.Members)
                {
                    // The voter's own client was not waited for by CastAsync (only the four others were).
                    foreach (var (name, status) in expected)
                    {
                        await member.SeenAsync(name, status, 0, Timeout);
                    }

                    Assert.Equal(expected.OrderBy(l => l.Key), member.Tally().OrderBy(l => l.Key));
                    member.ThrowIfAnyFailure();
                }
            }

            // Voted: the vote buttons are gone — a click on an absent button is refused too.
            var gone = await Assert.ThrowsAsync<LoadClientException>(() => rooms[0].Members[1].ClickAsync("vote-approve"));
            Assert.Contains("not on the page", gone.Message, StringComparison.Ordinal);

            // Committed: the deliberation's events hold each member's vote with their choice (read from the app's database).
            await using (var db = new SqliteCqpJuryDbContext((DbContextOptions<SqliteCqpJuryDbContext>)new DbContextOptionsBuilder<SqliteCqpJuryDbContext>()
                .UseSqlite($"Data Source={Path.Combine(_folder, "db.sqlite")}").SkipPendingModelChangesCheckWhenCompiled<SqliteCqpJuryDbContext>().Options))
            {
                foreach (var room in rooms)
                {
                    var dossier = await db.Dossiers.AsNoTracking().SingleAsync(d => d.Reference == room.Session.DossierReference);
                    var deliberation = await db.Deliberations.AsNoTracking().SingleAsync(d => d.SessionId == room.Session.Id && d.DossierId == dossier.Id);
                    var votes = await db.DeliberationEvents.AsNoTracking()
                        .Where(e => e.DeliberationId == deliberation.Id && e.Kind == DeliberationEventKind.VoteCast)
                        .ToListAsync();
                    var choices = votes.ToDictionary(e => e.ActorMemberId, e => e.Choice);
                    Assert.Equal(5, votes.Count);
                    for (var i = 0; i < room.Session.Members.Count; i++)
                    {
                        Assert.Equal(i == 0 ? VoteChoice.Object : VoteChoice.Approve, choices[room.Session.Members[i].Id]);
                    }

                    Assert.Contains("Motif de l'objection", votes.Single(e => e.Choice == VoteChoice.Object).Payload ?? "", StringComparison.Ordinal);
                }
            }

            // The reader on batches the real renderer wrote (every batch of one member since the circuit started).
            var client = rooms[0].Members[2];
            var recorded = client.RecordedBatches!;
            Assert.NotEmpty(recorded);
            Assert.Equal(recorded.Count, client.BatchesApplied); // what figure 11e counts per vote
            Assert.Equal(recorded.Sum(b => (long)b.Length), client.BatchBytesApplied);
            var parsed = recorded.Select(b => RenderBatchReader.Read(b)).ToList();
            Assert.All(parsed, b => Assert.All(b.Diffs, d => Assert.All(d.Edits, e => Assert.InRange((int)e.Type, 1, 10))));
            var frames = parsed.SelectMany(b => b.ReferenceFrames).ToList();
            Assert.Contains(frames, f => f.Type == FrameType.Attribute && f.Name == "onclick" && f.EventHandlerId > 0 && f.Value is null);
            Assert.Contains(frames, f => f.Type == FrameType.Attribute && f.Name == "data-vote" && f.Value == "Approved");
            Assert.Contains(frames, f => f.Type is FrameType.Text or FrameType.Markup && (f.Value ?? "").Contains("Délibération", StringComparison.Ordinal)); // UTF-8 strings

            // Replayed into a fresh mirror, they rebuild the page the client holds: the same tally, the same vote buttons gone.
            var replay = new RenderTreeMirror();
            client.RootComponentIds.ForEach(replay.AttachRoot);
            parsed.ForEach(replay.Apply);
            var lines = replay.ByTestId("tally")!.Descendants().Where(e => e.Name == "li").ToDictionary(e => e["data-voter"]!, e => e["data-vote"]!);
            Assert.Equal(client.Tally().OrderBy(l => l.Key), lines.OrderBy(l => l.Key));
            Assert.Null(replay.ByTestId("vote-approve"));
            Assert.NotNull(replay.ByTestId("my-vote"));
        }
        catch (LoadClientException ex)
        {
            // The server's side of a circuit error (its log at Warning and above) with the client's.
            var output = _app.Output;
            throw new LoadClientException($"{ex.Message}{Environment.NewLine}App output (end): {output[Math.Max(0, output.Length - 4000)..]}", ex);
        }
        finally
        {
            foreach (var room in rooms)
            {
                await room.DisposeAsync();
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TempFolder.DeleteQuietly(_folder);
    }
}
