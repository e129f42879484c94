using System.Diagnostics;
using CqpJury.Tests.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CqpJury.Tests.EndToEnd.Infrastructure.Jury;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.EndToEnd;

/// <summary>A member who reloads, or whose connection drops, mid-vote comes back to exactly the same state.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class ReconnectionEndToEndTests(BrowserFixture fixture, ITestOutputHelper output) : LiveJuryTest(fixture, output)
{
    [EndToEndFact]
    public async Task Reloading_the_page_mid_vote_returns_to_the_same_state()
    {
        await RunWithJuryAsync(nameof(Reloading_the_page_mid_vote_returns_to_the_same_state), simultaneously: false, RunAsync);
    }

    private async Task RunAsync(Jury jury, DemoSession demo)
    {
        var (a, k, h, o, s) = (jury[Amandine], jury[Karim], jury[Helene], jury[Olivier], jury[Sophie]);
        var leroy = demo.Dossier("Leroy");
        await RoomSteps.DesignatePresidentAsync(jury, demo, proposer: Amandine, president: Olivier);
        await RoomSteps.OpenVoteAsync(jury, leroy, president: Olivier);
        await RoomSteps.ApproveAsync(a);
        await RoomSteps.ApproveAsync(k);
        await jury.EachAsync(m => Expect(m.ByTestId("tally-summary")).ToContainTextAsync("2 approbation(s), 0 objection(s), 3 vote(s) attendu(s)"));
        Log("vote open on Leroy, Amandine and Karim approved");

        // Amandine reloads mid-round: a new circuit, the same state.
        var before = await RoomSteps.StateAsync(a);
        await a.ShotAsync("before-reload");
        await a.ReloadAsync();
        await a.ExpectDossierAsync(leroy, "Participant");
        await Expect(a.ByTestId("tally-summary")).ToContainTextAsync("2 approbation(s), 0 objection(s), 3 vote(s) attendu(s)");
        Assert.Equal(before, await RoomSteps.StateAsync(a));
        Assert.Contains("mon vote : Votre vote : approbation.", before, StringComparison.Ordinal);
        Assert.Contains("tour de vote n° 1", before, StringComparison.Ordinal);
        await Expect(a.ByTestId("vote-approve")).ToHaveCountAsync(0);
        await jury.EachAsync(m => Expect(m.Page.Locator("[data-testid=presence] li[data-present=true]")).ToHaveCountAsync(5));
        await a.ShotAsync("after-reload");
        Log("Amandine reloaded: same tally, same vote, same round");

        // Karim's connection drops (Wi-Fi lost); meanwhile Olivier votes. Karim's screen receives
        // nothing; once the server notices the loss, the others see him absent.
        var karimBefore = await RoomSteps.StateAsync(k);
        await k.Context.SetOfflineAsync(true);
        await RoomSteps.ApproveAsync(o);
        await Expect(o.Page.Locator("[data-testid=presence] li[data-member='Karim Benali']"))
            .ToHaveAttributeAsync("data-present", "false", new LocatorAssertionsToHaveAttributeOptions { Timeout = 30_000 });
        Log("Karim's connection lost: the others see him absent");
        await Expect(o.ByTestId("composition-findings")).ToBeVisibleAsync();
        Assert.Contains("2 approbation(s)", await k.ByTestId("tally-summary").InnerTextAsync(), StringComparison.Ordinal);
        await o.ShotAsync("karim-absent");
        await k.Context.SetOfflineAsync(false);
        Log("Karim back online");
        var expected = karimBefore.Replace("Olivier Garnier=Pending", "Olivier Garnier=Approved", StringComparison.Ordinal);
        if (!await ShowsWithinAsync(k, "3 approbation(s), 0 objection(s), 2 vote(s) attendu(s)", TimeSpan.FromSeconds(20)))
        {
            Log("Karim's circuit did not catch up by itself: reloading his page");
            await k.ReloadAsync();
        }

        await Expect(k.ByTestId("tally-summary")).ToContainTextAsync("3 approbation(s), 0 objection(s), 2 vote(s) attendu(s)");
        Assert.Equal(expected, await RoomSteps.StateAsync(k));
        await jury.EachAsync(m => Expect(m.Page.Locator("[data-testid=presence] li[data-present=true]")).ToHaveCountAsync(5));
        await k.ShotAsync("after-offline");
        Log("Karim back: Olivier's vote shown, his own vote kept");

        // The round goes on for everyone, including the two who came back.
        await RoomSteps.ApproveAsync(h);
        await RoomSteps.ApproveAsync(s, decides: true);
        await jury.EachAsync(m => Expect(m.ByTestId("decision")).ToContainTextAsync("Décision prise à l'unanimité : Délivrance du CQP"));
        await jury.ShotAllAsync("decided");
        Log("decided on every screen");

        // The room's title, set in the browser once the page is interactive (App.razor's head outlet is static);
        // the menu's link to her sessions changes it without reloading the page.
        await Expect(a.Page).ToHaveTitleAsync($"Salle – {CqpJury.App.Data.Demo.DemoDataSeeder.DemoSessionTitle} – CqpJury");
        await a.Page.Locator("#cqp-drawer a[href='mes-sessions']").ClickAsync();
        await Expect(a.Page).ToHaveTitleAsync("Mes sessions de jury – CqpJury");
        await Expect(a.Page.Locator("h1")).ToContainTextAsync("Mes sessions");
        Log("Amandine went to her sessions through the menu: the page's title followed");

        // Amandine leaves: the app bar's sign-out form (a POST with its antiforgery token, written by the layout)
        // signs her out; the room then asks her to sign in again.
        await a.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Se déconnecter" }).ClickAsync();
        await a.Page.WaitForURLAsync($"{a.BaseUrl}/connexion");
        await Expect(a.Page.Locator("#email")).ToBeVisibleAsync();
        await a.Page.GotoAsync($"{a.BaseUrl}/sessions/{a.SessionId}");
        await a.Page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/connexion\\?"));
        await Expect(a.Page.Locator("#email")).ToBeVisibleAsync();
        Log("Amandine signed out: the room asks her to sign in again");
    }

    private static async Task<bool> ShowsWithinAsync(MemberScreen screen, string summary, TimeSpan timeout)
    {
        try
        {
            await Expect(screen.ByTestId("tally-summary")).ToContainTextAsync(summary, new LocatorAssertionsToContainTextOptions { Timeout = (float)timeout.TotalMilliseconds });
            return true;
        }
        catch (PlaywrightException)
        {
            return false;
        }
    }

}
