using CqpJury.Benchmarks.Browser;
using CqpJury.Benchmarks.Floor;
using CqpJury.Benchmarks.LoadClient;
using CqpJury.TestServers;

namespace CqpJury.Tests.Benchmarks;

/// <summary>
/// Figure 11g's floor server (a process of its own) driven by the load client: a click reaches the group's four
/// other pages, each click re-renders the five pages (the clicker's twice: while its action runs, then done), and
/// groups do not see each other's clicks — the floor measures a vote's framework work, so it must do that work.
/// </summary>
public sealed class FloorTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private AppProcess? _server;

    public async Task InitializeAsync() => _server = await FloorServer.StartAsync(SmtpTestServer.FreePort());

    [Fact]
    public async Task Each_click_reaches_the_groups_other_pages_and_re_renders_all_five()
    {
        var baseUri = new Uri(_server!.BaseUrl);
        await using var group = await FloorGroup.OpenAsync(baseUri, 1, Timeout);
        await using var other = await FloorGroup.OpenAsync(baseUri, 2, Timeout);
        var otherBatches = other.Members.Sum(c => c.BatchesApplied);
        var before = group.Members.Select(c => c.BatchesApplied).ToArray();

        var samples = await group.VoteAsync(10, LoadClock.NowMs, TimeSpan.FromMilliseconds(100));

        Assert.Equal(10, samples.Count);
        Assert.All(samples, s => Assert.InRange(s, 0, Timeout.TotalMilliseconds));
        foreach (var client in group.Members)
        {
            // Every page shows every member's two clicks (the clicker's own page included, once its last batch is in).
            await client.WaitUntilAsync(_ => client.Tally().Count == 5 && client.Tally().Values.All(v => v == "2"), Timeout, "showing two clicks for each member");
        }

        var batches = group.Members.Select((c, i) => c.BatchesApplied - before[i]).ToArray();
        Assert.All(batches, b => Assert.Equal(12, b)); // each member clicked twice (two renders each: busy, then done) and saw eight clicks (one render each)
        Assert.Equal(otherBatches, other.Members.Sum(c => c.BatchesApplied));
        Assert.All(other.Members, c => Assert.All(c.Tally().Values, v => Assert.Equal("0", v)));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
