using CqpJury.App.Services.Room;
using CqpJury.Benchmarks.Browser;
using CqpJury.Benchmarks.Core;
using CqpJury.Benchmarks.RoomWork;
using CqpJury.Benchmarks.Storage;
using CqpJury.Domain.Deliberations;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Benchmarks;

/// <summary>
/// Figure 11h's driver (the room's services called as the pages call them, no circuit) on the real app's services:
/// it is tested, not trusted — its votes are committed and each step's reloads show them to all five members, in
/// figure 1's rounds.
/// </summary>
public sealed class RoomWorkTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cqpjury-roomwork-tests-" + Guid.NewGuid().ToString("N")[..8]);
    private AppHost? _host;
    private SeededSession? _session;

    public async Task InitializeAsync()
    {
        _session = (await RoomSeeder.SeedAsync(_folder, 2))[1];
        _host = await AppHost.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:CqpJury"] = $"Data Source={Path.Combine(_folder, "db.sqlite")}",
            ["Storage:Root"] = _folder,
        });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TempFolder.DeleteQuietly(_folder);
    }

    [Fact]
    public async Task R11_a_round_casts_one_objection_and_four_approvals_that_every_members_reload_shows_and_the_amendment_opens_the_next_round()
    {
        await using var work = await RoomWorkSession.PrepareAsync(_host!, _session!);
        var members = _session!.Members;

        var costs = await work.VoteRoundAsync();

        Assert.Equal(5, costs.Count);
        Assert.True(costs.Sum(c => (c.Command + c.Reloads).TotalMilliseconds) > 0, "the steps' CPU was measured");
        // Each command and each set of five reloads reads from the database and builds views: it allocates (figure 11k).
        Assert.All(costs, c => Assert.True(c.CommandBytes > 0 && c.ReloadsBytes > 0, $"allocations measured: {c}"));
        Assert.Equal(5, work.Shown.Count);
        foreach (var shown in work.Shown)
        {
            // Every member's page, after the round's last vote, shows the whole round: the first voter objected (R12), the others approved.
            var tally = Assert.IsType<DeliberationView>(shown!.Deliberation).Tally;
            Assert.Equal(VoteStatus.Objected, tally.Single(l => l.MemberId == members[0].Id).Status);
            Assert.All(members.Skip(1), m => Assert.Equal(VoteStatus.Approved, tally.Single(l => l.MemberId == m.Id).Status));
            Assert.Equal(1, shown.Deliberation!.Round);
        }

        // Committed: a member's fresh scope (a page opened now) reads the same round from the database.
        await using (var scope = await _host!.SignedInScopeAsync(members[2].Email))
        {
            var read = await scope.ServiceProvider.GetRequiredService<RoomService>().GetDossierAsync(_session.Id, work.DossierId);
            Assert.Equal(1, read.Deliberation!.Tally.Count(l => l.Status == VoteStatus.Objected));
            Assert.Equal(4, read.Deliberation.Tally.Count(l => l.Status == VoteStatus.Approved));
        }

        await work.AmendAsync();
        Assert.All(work.Shown, shown =>
        {
            Assert.Equal(2, shown!.Deliberation!.Round);
            Assert.All(shown.Deliberation.Tally, l => Assert.Equal(VoteStatus.Pending, l.Status));
        });

        // The next round's objection rotates to the second member.
        await work.VoteRoundAsync();
        var second = work.Shown[0]!.Deliberation!.Tally;
        Assert.Equal(VoteStatus.Objected, second.Single(l => l.MemberId == members[1].Id).Status);
        Assert.Equal(4, second.Count(l => l.Status == VoteStatus.Approved));
    }
}
