using System.Diagnostics;
using CqpJury.Tests.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CqpJury.Tests.EndToEnd.Infrastructure.Jury;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.EndToEnd;

/// <summary>The server stops mid-session and starts again on the same data and port: nothing is lost.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class ServerRestartEndToEndTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "cqpjury-tests", Guid.NewGuid().ToString("N"));
    private LiveServer? _server;
    private Jury? _jury;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_jury is not null)
        {
            await _jury.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (Directory.Exists(_dataRoot))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_dataRoot, recursive: true);
            }
            catch (IOException)
            {
                // a file still open: the OS temp cleaner will take it
            }
        }
    }

    [EndToEndFact]
    public async Task A_server_restart_mid_session_loses_no_vote_or_decision()
    {
        _server = LiveServer.Start(dataRoot: _dataRoot, deleteOnDispose: false);
        var port = _server.Port;
        var demo = await _server.SeedDemoAsync();
        var jury = _jury = await Jury.OpenAsync(fixture.Browser, _server.BaseUrl, demo, nameof(A_server_restart_mid_session_loses_no_vote_or_decision), simultaneously: false);
        await jury.ScreenshotOnFailureAsync(() => RunAsync(jury, demo, port), output.WriteLine);
    }

    private async Task RunAsync(Jury jury, DemoSession demo, int port)
    {
        var (a, k, h, o, s) = (jury[Amandine], jury[Karim], jury[Helene], jury[Olivier], jury[Sophie]);
        var leroy = demo.Dossier("Leroy");
        var mercier = demo.Dossier("Mercier");

        // Before the restart: a president, Leroy decided and signed, Mercier with two votes cast.
        await RoomSteps.DesignatePresidentAsync(jury, demo, proposer: Karim, president: Olivier);
        await RoomSteps.OpenVoteAsync(jury, leroy, president: Olivier);
        foreach (var screen in new[] { a, k, h, s })
        {
            await RoomSteps.ApproveAsync(screen);
        }

        await RoomSteps.ApproveAsync(o, decides: true);
        await jury.EachAsync(m => Expect(m.ByTestId("decision")).ToContainTextAsync("Délivrance du CQP"));
        await o.ByTestId("sign-password").FillAsync(demo.Member(Olivier).Password);
        await o.ClickAsync("sign");
        await jury.EachAsync(m => Expect(m.ByTestId("signed")).ToContainTextAsync("Décision signée par Olivier Garnier"));
        var signedBefore = await a.ByTestId("signed").InnerTextAsync();

        await RoomSteps.OpenVoteAsync(jury, mercier, president: Olivier);
        await RoomSteps.ApproveAsync(a);
        await RoomSteps.ApproveAsync(k);
        await jury.EachAsync(m => Expect(m.ByTestId("tally-summary")).ToContainTextAsync("2 approbation(s), 0 objection(s), 3 vote(s) attendu(s)"));
        var before = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var screen in jury.All)
        {
            before[screen.Name] = await RoomSteps.StateAsync(screen);
        }

        await jury.ShotAllAsync("before-restart");
        Log("Leroy signed, Mercier with two approvals: stopping the server");

        // The server stops (every circuit is lost) and starts again on the same data and port.
        await jury.EachAsync(m => m.MarkBeforeServerLossAsync());
        await _server!.DisposeAsync();
        _server = null;
        Log("server stopped");
        _server = LiveServer.Start(port: port, dataRoot: _dataRoot, deleteOnDispose: true);
        Log("server started again on the same port and data");

        // Blazor's reconnection reaches the new server, which rejects the old circuit: the page
        // reloads itself. A page that has not done so within a few seconds is reloaded by hand.
        await jury.EachAsync(m => ComeBackAsync(m));
        await jury.EachAsync(m => Expect(m.Page.Locator("[data-testid=presence] li[data-present=true]")).ToHaveCountAsync(5));
        await jury.EachAsync(m => m.ExpectDossierAsync(mercier, "Participant"));
        foreach (var screen in jury.All)
        {
            Assert.Equal(before[screen.Name], await RoomSteps.StateAsync(screen));
        }

        await jury.EachAsync(m => Expect(m.ByTestId("president")).ToContainTextAsync("Olivier Garnier"));
        await jury.EachAsync(m => Expect(m.AgendaItem(leroy)).ToHaveAttributeAsync("data-status", "DecisionSigned"));
        await Expect(a.ByTestId("my-vote")).ToContainTextAsync("approbation");
        await Expect(k.ByTestId("my-vote")).ToContainTextAsync("approbation");
        await jury.EachAsync(m => Expect(m.ByTestId("vote-approve")).ToBeVisibleAsync(), Helene, Olivier, Sophie);
        await jury.ShotAllAsync("after-restart");
        Log("every screen back: same president, same votes");

        // The signed decision on Leroy is unchanged (a member looks back at it).
        await a.AgendaItem(leroy).Locator("button.room-agenda-button").ClickAsync();
        await Expect(a.ByTestId("not-current")).ToBeVisibleAsync();
        await Expect(a.ByTestId("signed")).ToHaveTextAsync(signedBefore);
        await a.ClickAsync("back-to-current");
        await a.ExpectDossierAsync(mercier, "Participant");

        // The session goes on after the restart.
        await RoomSteps.ApproveAsync(h);
        await RoomSteps.ApproveAsync(s);
        await RoomSteps.ApproveAsync(o, decides: true);
        await jury.EachAsync(m => Expect(m.ByTestId("decision")).ToContainTextAsync("Décision prise à l'unanimité : Validation partielle"));
        Log("Mercier decided after the restart");
    }

    private async Task ComeBackAsync(MemberScreen screen) =>
        Log(await screen.ComeBackAsync(TimeSpan.FromSeconds(10))
            ? $"{screen.Name}'s page reloaded by itself"
            : $"{screen.Name}'s page did not reload by itself: reloaded by hand");

    private void Log(string step) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {step}");
}
