using System.Diagnostics;
using System.Net;
using CqpJury.Tests.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CqpJury.Tests.EndToEnd.Infrastructure.Jury;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.EndToEnd.Instances;

/// <summary>
/// Issue 7: one session served by two instances (PostgreSQL + Redis), five browsers split across
/// them — Amandine and Karim on A, Hélène, Olivier and Sophie on B.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class SeveralInstancesEndToEndTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] OnA = [Amandine, Karim];
    private static readonly string[] OnB = [Helene, Olivier, Sophie];

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TwoInstances? _instances;
    private Jury? _jury;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_jury is not null)
        {
            await _jury.DisposeAsync();
        }

        if (_instances is not null)
        {
            await _instances.DisposeAsync();
        }
    }

    [InstancesFact]
    public async Task A_vote_on_one_instance_reaches_the_other_and_a_killed_instance_loses_nothing()
    {
        var (instances, jury, demo) = await OpenAsync(nameof(A_vote_on_one_instance_reaches_the_other_and_a_killed_instance_loses_nothing));
        await jury.ScreenshotOnFailureAsync(() => CrossInstanceAndKillAsync(instances, jury, demo), output.WriteLine);
    }

    [InstancesFact]
    public async Task Redis_stopped_and_restarted_mid_session_loses_no_vote_and_every_screen_converges()
    {
        var (instances, jury, demo) = await OpenAsync(nameof(Redis_stopped_and_restarted_mid_session_loses_no_vote_and_every_screen_converges));
        await jury.ScreenshotOnFailureAsync(() => RedisOutageAsync(instances, jury, demo), output.WriteLine);
    }

    private async Task<(TwoInstances Instances, Jury Jury, DemoSession Demo)> OpenAsync(string testName)
    {
        var instances = _instances = await TwoInstances.StartAsync();
        var demo = await instances.A.SeedDemoAsync();
        Log($"A on {instances.UrlA} (in this process), B on {instances.UrlB} (pid of its own), Redis on {instances.Redis.Endpoint}");
        var jury = _jury = await Jury.OpenAsync(
            fixture.Browser, name => OnA.Contains(name) ? instances.UrlA : instances.UrlB, demo, testName, simultaneously: false);

        // Presence is cluster-wide: every screen sees the five members, wherever they are connected.
        await jury.EachAsync(m => Expect(m.Page.Locator("[data-testid=presence] li[data-present=true]")).ToHaveCountAsync(5));
        Log("five members present on both instances");
        return (instances, jury, demo);
    }

    private async Task CrossInstanceAndKillAsync(TwoInstances instances, Jury jury, DemoSession demo)
    {
        var (a, k, h, o, s) = (jury[Amandine], jury[Karim], jury[Helene], jury[Olivier], jury[Sophie]);
        var leroy = demo.Dossier("Leroy");

        // R9 across instances: Karim (A) proposes Olivier (B); the others accept on their own instance.
        await RoomSteps.DesignatePresidentAsync(jury, demo, proposer: Karim, president: Olivier);
        await RoomSteps.OpenVoteAsync(jury, leroy, president: Olivier);
        Log("president designated and vote opened across the two instances");

        // A vote on A appears on B's screens, and one on B on A's screens.
        var clock = Stopwatch.StartNew();
        await RoomSteps.ApproveAsync(a);
        await jury.EachAsync(m => Expect(m.TallyLine(demo.Member(Amandine).FullName)).ToHaveAttributeAsync("data-vote", "Approved"), OnB);
        Log($"Amandine's vote on A seen on B's three screens after {clock.ElapsedMilliseconds} ms");
        await RoomSteps.ApproveAsync(h);
        await jury.EachAsync(m => Expect(m.TallyLine(demo.Member(Helene).FullName)).ToHaveAttributeAsync("data-vote", "Approved"), OnA);
        Log("Hélène's vote on B seen on A's two screens");

        // kill -9 of B mid-session.
        await jury.EachAsync(m => m.MarkBeforeServerLossAsync(), OnB);
        await instances.KillBAsync();
        Log("B killed (SIGKILL)");

        // A keeps serving its members: Karim votes while B is down.
        await RoomSteps.ApproveAsync(k);
        await Expect(a.TallyLine(demo.Member(Karim).FullName)).ToHaveAttributeAsync("data-vote", "Approved");

        // B starts again on the same address; its members come back to the same state, signed in
        // (the keys protecting their cookies are in the shared database).
        await instances.StartBAsync();
        Log("B started again");
        foreach (var screen in OnB.Select(n => jury[n]))
        {
            Log(await screen.ComeBackAsync(TimeSpan.FromSeconds(10))
                ? $"{screen.Name}'s page came back by itself"
                : $"{screen.Name}'s page reloaded by hand");
        }

        await jury.EachAsync(m => m.ExpectDossierAsync(leroy, "Participant"));
        await jury.EachAsync(m => Expect(m.ByTestId("tally-summary")).ToContainTextAsync("3 approbation(s), 0 objection(s), 2 vote(s) attendu(s)"));
        await Expect(h.ByTestId("my-vote")).ToContainTextAsync("approbation");
        await jury.EachAsync(m => Expect(m.ByTestId("president")).ToContainTextAsync(demo.Member(Olivier).FullName));
        Log("every committed vote found after the kill, on both instances");

        // The session goes on across both instances up to the decision.
        await RoomSteps.ApproveAsync(s);
        await RoomSteps.ApproveAsync(o, decides: true);
        await jury.EachAsync(m => Expect(m.ByTestId("decision")).ToContainTextAsync("Décision prise à l'unanimité"));
        await jury.ShotAllAsync("decided-after-kill");
        Log("decision on every screen");
    }

    private async Task RedisOutageAsync(TwoInstances instances, Jury jury, DemoSession demo)
    {
        var (a, k, h, o, s) = (jury[Amandine], jury[Karim], jury[Helene], jury[Olivier], jury[Sophie]);
        var leroy = demo.Dossier("Leroy");
        await RoomSteps.DesignatePresidentAsync(jury, demo, proposer: Amandine, president: Karim);
        await RoomSteps.OpenVoteAsync(jury, leroy, president: Karim);
        await RoomSteps.ApproveAsync(a);
        await jury.EachAsync(m => Expect(m.TallyLine(demo.Member(Amandine).FullName)).ToHaveAttributeAsync("data-vote", "Approved"));
        Assert.Equal(HttpStatusCode.OK, await TwoInstances.ReadinessAsync(instances.UrlA));
        Assert.Equal(HttpStatusCode.OK, await TwoInstances.ReadinessAsync(instances.UrlB));

        // Redis goes down: both instances say they are not ready, and keep serving their own members.
        instances.Redis.Stop();
        await TwoInstances.WaitForReadinessAsync(instances.UrlA, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(15));
        await TwoInstances.WaitForReadinessAsync(instances.UrlB, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(15));
        Log("Redis stopped: both instances not ready");

        await RoomSteps.ApproveAsync(h);
        await RoomSteps.ApproveAsync(k);
        await jury.EachAsync(m => Expect(m.TallyLine(demo.Member(Helene).FullName)).ToHaveAttributeAsync("data-vote", "Approved"), OnB);
        await jury.EachAsync(m => Expect(m.TallyLine(demo.Member(Karim).FullName)).ToHaveAttributeAsync("data-vote", "Approved"), OnA);
        Log("votes during the outage committed and shown on their own instance");

        // Redis comes back: the instances resubscribe, are ready again, and every screen reloads
        // from the database, so the votes cast on the other instance during the outage appear.
        instances.Redis.Start();
        await TwoInstances.WaitForReadinessAsync(instances.UrlA, HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        await TwoInstances.WaitForReadinessAsync(instances.UrlB, HttpStatusCode.OK, TimeSpan.FromSeconds(30));
        Log("Redis restarted: both instances ready");
        await jury.EachAsync(m => Expect(m.ByTestId("tally-summary")).ToContainTextAsync("3 approbation(s), 0 objection(s), 2 vote(s) attendu(s)"));
        await jury.EachAsync(m => Expect(m.Page.Locator("[data-testid=presence] li[data-present=true]")).ToHaveCountAsync(5));
        Log("every screen converged on the three votes");

        // And events flow across instances again.
        await RoomSteps.ApproveAsync(o);
        await RoomSteps.ApproveAsync(s, decides: true);
        await jury.EachAsync(m => Expect(m.ByTestId("decision")).ToContainTextAsync("Décision prise à l'unanimité"));
        Log("decision on every screen after the outage");
    }

    private void Log(string step) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {step}");
}
