using System.Diagnostics;
using CqpJury.Tests.EndToEnd.Infrastructure;
using Xunit.Abstractions;
using static CqpJury.Tests.EndToEnd.Infrastructure.Jury;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.EndToEnd;

/// <summary>The president amends a proposal while the other members are still voting on the defeated round.</summary>
[Collection(EndToEndGroup.Name)]
public sealed class AmendmentEndToEndTests(BrowserFixture fixture, ITestOutputHelper output) : LiveJuryTest(fixture, output)
{
    [EndToEndFact]
    public async Task R11_the_presidents_amendment_in_progress_is_kept_while_other_members_vote()
    {
        await RunWithJuryAsync(nameof(R11_the_presidents_amendment_in_progress_is_kept_while_other_members_vote), simultaneously: false, RunAsync);
    }

    private async Task RunAsync(Jury jury, DemoSession demo)
    {
        var o = jury[Olivier];
        await RoomSteps.DesignatePresidentAsync(jury, demo, proposer: Amandine, president: Olivier);
        await RoomSteps.OpenVoteAsync(jury, demo.Dossier("Leroy"), president: Olivier);
        await jury[Karim].ObjectAsync("La compétence 6 reste à démontrer.");
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

}
