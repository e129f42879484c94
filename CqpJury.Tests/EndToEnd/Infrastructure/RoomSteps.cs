using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.EndToEnd.Infrastructure;

/// <summary>Common room steps done through the screens, as the members would.</summary>
internal static class RoomSteps
{
    /// <summary>R9: <paramref name="proposer"/> proposes <paramref name="president"/>; every other member accepts.</summary>
    public static async Task DesignatePresidentAsync(Jury jury, DemoSession demo, string proposer, string president)
    {
        await jury[proposer].Page.SelectOptionAsync("#president-select", demo.Member(president).Id.ToString());
        await jury[proposer].ClickAsync("propose-president");
        foreach (var screen in jury.All.Where(s => s.Name != proposer))
        {
            await screen.ClickAsync("accept-president");
        }

        await jury.EachAsync(s => Expect(s.ByTestId("president")).ToContainTextAsync(demo.Member(president).FullName));
    }

    /// <summary>The president puts the dossier on screen, everyone declares no link, the default proposal is put to the vote.</summary>
    public static async Task OpenVoteAsync(Jury jury, DemoDossier dossier, string president)
    {
        await jury[president].AgendaItem(dossier).GetByTestId("put-on-screen").ClickAsync();
        await jury.EachAsync(s => s.ExpectDossierAsync(dossier, "MustDeclare"));
        foreach (var screen in jury.All)
        {
            await screen.ClickAsync("declare-no-link");
        }

        // A click returns once sent: wait until every declaration is recorded (the president's
        // proposal is refused while a present member has not answered, R10).
        await jury.EachAsync(s => s.ExpectDossierAsync(dossier, "Participant"));
        await Expect(jury[president].ByTestId("panel-valid")).ToBeVisibleAsync();
        await jury[president].ClickAsync("submit-proposal");
        await jury.EachAsync(s => Expect(s.Page.Locator("[data-testid=tally] li[data-vote=Pending]")).ToHaveCountAsync(jury.All.Count()));
    }

    /// <summary>Approves; unless this vote completes the decision, waits until the screen shows it as the member's vote.</summary>
    public static async Task ApproveAsync(MemberScreen screen, bool decides = false)
    {
        await screen.ClickAsync("vote-approve");
        if (!decides)
        {
            await Expect(screen.ByTestId("my-vote")).ToContainTextAsync("approbation");
        }
    }

    /// <summary>The room's durable state as one screen shows it (for before/after comparisons).</summary>
    public static async Task<string> StateAsync(MemberScreen screen)
    {
        var tally = await screen.TallyAsync();
        var myVote = await screen.ByTestId("my-vote").CountAsync() > 0 ? await screen.ByTestId("my-vote").InnerTextAsync() : "(pas de vote)";
        var president = await screen.ByTestId("president").InnerTextAsync();
        var deliberation = await screen.ByTestId("deliberation").Locator("p").First.InnerTextAsync();
        var agenda = await screen.Page.Locator("[data-testid=agenda] li").EvaluateAllAsync<string[]>(
            "items => items.map(li => li.getAttribute('data-dossier') + '=' + li.getAttribute('data-status'))");
        return string.Join(
            "\n",
            $"président : {president.Trim()}",
            $"délibération : {deliberation.Trim()}",
            $"votes : {string.Join(", ", tally.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))}",
            $"mon vote : {myVote.Trim()}",
            $"ordre du jour : {string.Join(", ", agenda)}");
    }
}
