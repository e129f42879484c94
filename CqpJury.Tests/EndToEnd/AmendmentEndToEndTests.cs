using System.Diagnostics;
using CqpJury.Tests.EndToEnd.Infrastructure;
using Xunit.Abstractions;
using static CqpJury.Tests.EndToEnd.Infrastructure.Jury;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.EndToEnd;

/// <summary>The president amends a proposal while the other members are still voting on the defeated round.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class AmendmentEndToEndTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
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
    }

    [EndToEndFact]
    public async Task R11_the_presidents_amendment_in_progress_is_kept_while_other_members_vote()
    {
        _server = LiveServer.Start();
        var demo = await _server.SeedDemoAsync();
        var jury = _jury = await Jury.OpenAsync(fixture.Browser, _server.BaseUrl, demo, nameof(R11_the_presidents_amendment_in_progress_is_kept_while_other_members_vote), simultaneously: false);
        await jury.ScreenshotOnFailureAsync(() => RunAsync(jury, demo), output.WriteLine);
    }

    private async Task RunAsync(Jury jury, DemoSession demo)
    {
        var o = jury[Olivier];
        await RoomSteps.DesignatePresidentAsync(jury, demo, proposer: Amandine, president: Olivier);
        await RoomSteps.OpenVoteAsync(jury, demo.Dossier("Leroy"), president: Olivier);
        await jury[Karim].ClickAsync("vote-object");
        await Expect(o.ByTestId("round-defeated")).ToBeVisibleAsync();
        Log("round defeated");

        // The president starts amending: C6 no longer validated.
        var c6 = o.Page.Locator("[data-testid=proposal-editor] [data-competence=C6] input[type=checkbox]");
        await c6.ClickAsync();
        await Expect(c6).Not.ToBeCheckedAsync();
        await Expect(o.ByTestId("proposal-preview")).ToContainTextAsync("Validation partielle");

        // Meanwhile another member still votes on the defeated round: the president's screen updates…
        await jury[Amandine].ClickAsync("vote-approve");
        await Expect(o.TallyLine("Amandine Roux")).ToHaveAttributeAsync("data-vote", "Approved");

        // …but what she was typing is kept.
        await Expect(c6).Not.ToBeCheckedAsync();
        await Expect(o.ByTestId("proposal-preview")).ToContainTextAsync("Validation partielle");
        await o.ClickAsync("submit-proposal");
        await jury.EachAsync(m => Expect(m.ByTestId("deliberation")).ToContainTextAsync("tour de vote n° 2"));
        await jury.EachAsync(m => Expect(m.ByTestId("deliberation")).ToContainTextAsync("Validation partielle"));
        Log("round 2 on the amended proposal");
    }

    private void Log(string step) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {step}");
}
