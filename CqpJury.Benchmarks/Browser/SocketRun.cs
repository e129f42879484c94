using CqpJury.Benchmarks.LoadClient;

namespace CqpJury.Benchmarks.Browser;

/// <summary>
/// Figure 1h's run: figure 1's paced votes with every page's circuit frames watched (<see cref="WebSocketFrames"/>) and a
/// sixth circuit per session beside the browsers, the load client's — a spare tab of the session's proposer (the room lets
/// a member keep four): the server renders and sends it the same batches at the same moment, and it applies them as they
/// come, whatever chromium is doing. Per vote, from the voter's click frame sent (ms; null when a frame is missing):
/// <paramref name="Browsers"/> → the slowest other browser page's batch received; <paramref name="SpareTab"/> → the spare
/// tab's batch applied; <paramref name="SameMemberPage"/> → the proposer's browser page's batch received (null when the
/// proposer voted): the same member's two circuits.
/// </summary>
public sealed record SocketRun(List<VoteSample> Votes, double Seconds, List<double?> Browsers, List<double?> SpareTab, List<double?> SameMemberPage)
{
    public static async Task<SocketRun> VoteAsync(IReadOnlyList<SessionScreens> sessions, string baseUrl, Func<Task<(List<VoteSample> Votes, double Seconds)>> vote)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(vote);
        var spareTabs = new List<CircuitClient>();
        try
        {
            foreach (var group in sessions.Chunk(5))
            {
                spareTabs.AddRange(await Task.WhenAll(group.Select(s => CircuitClient.OpenAsync(new Uri(baseUrl), s.Session.Proposer.Email, s.Session.Proposer.Password, $"/sessions/{s.Session.Id}", TimeSpan.FromSeconds(60)))));
            }

            await using var frames = await WebSocketFrames.AttachAsync([.. sessions.SelectMany(s => s.Pages).Select(p => p.Page)], TimeSpan.FromSeconds(30));
            var (votes, seconds) = await vote();
            var run = new SocketRun(votes, seconds, [], [], []);
            var indexOf = sessions.Select((s, i) => (s.Session.Id, i)).ToDictionary(p => p.Id, p => p.i);
            var wallMinusLoadClock = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds - LoadClock.NowMs; // Date.now() and the load client's clock
            foreach (var v in votes)
            {
                var session = indexOf[v.SessionId];
                var voter = v.Voter ?? throw new InvalidOperationException("A vote without its voter.");
                run.Browsers.Add(frames.Propagation(voter.Page, v.ClickedAt, sessions[session].Pages.Where(p => p != voter).Select(p => p.Page)));
                var applied = await spareTabs[session].SeenAsync(voter.Member.FullName, v.Status!, v.ClickedAt - wallMinusLoadClock - 5, TimeSpan.FromSeconds(10));
                run.SpareTab.Add(frames.ClickFrameAt(voter.Page, v.ClickedAt) is { } sent ? applied + wallMinusLoadClock - sent : null);
                var proposer = sessions[session].Proposer;
                run.SameMemberPage.Add(voter == proposer ? null : frames.Propagation(voter.Page, v.ClickedAt, [proposer.Page]));
            }

            return run;
        }
        finally
        {
            foreach (var tab in spareTabs)
            {
                await tab.DisposeAsync();
            }
        }
    }
}
