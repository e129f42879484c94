using CqpJury.Tests.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CqpJury.Tests.EndToEnd.Infrastructure.Jury;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.EndToEnd.Accessibility;

/// <summary>
/// Issue 8: a member takes part with the keyboard alone (Tab, Enter, Space; no click on their
/// screen), and every element the keyboard reaches shows where the focus is.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class KeyboardEndToEndTests(BrowserFixture fixture, ITestOutputHelper output) : LiveJuryTest(fixture, output)
{
    [EndToEndFact]
    public async Task A_member_accepts_the_president_declares_no_link_and_votes_with_the_keyboard_alone_with_a_visible_focus()
    {
        await RunWithJuryAsync(nameof(KeyboardEndToEndTests), simultaneously: false, RunAsync, port: AccessibilityPorts.Next());
    }

    private async Task RunAsync(Jury jury, DemoSession demo)
    {
        var amandine = jury[Amandine];
        var others = jury.All.Where(s => s.Name != Amandine).ToList();

        // Karim proposes Olivier; the others accept with the mouse, Amandine with the keyboard.
        await jury[Karim].Page.SelectOptionAsync("#president-select", demo.Member(Olivier).Id.ToString());
        await jury[Karim].ClickAsync("propose-president");
        foreach (var screen in others.Where(s => s.Name != Karim))
        {
            await screen.ClickAsync("accept-president");
        }

        await TabToAsync(amandine.Page, "accept-president");
        await amandine.Page.Keyboard.PressAsync("Enter");
        await jury.EachAsync(s => Expect(s.ByTestId("president")).ToContainTextAsync(demo.Member(Olivier).FullName));

        // The president opens a dossier; Amandine declares no link with the keyboard.
        var leroy = demo.Dossier("Leroy");
        await jury[Olivier].AgendaItem(leroy).GetByTestId("put-on-screen").ClickAsync();
        await amandine.ExpectDossierAsync(leroy, "MustDeclare");
        await TabToAsync(amandine.Page, "declare-no-link");
        await amandine.Page.Keyboard.PressAsync("Enter");
        await amandine.ExpectDossierAsync(leroy, "Participant");
        foreach (var screen in others)
        {
            await screen.ClickAsync("declare-no-link");
        }

        // The proposal is put to the vote; Amandine approves with the space bar.
        await Expect(jury[Olivier].ByTestId("panel-valid")).ToBeVisibleAsync();
        await jury[Olivier].ClickAsync("submit-proposal");
        await Expect(amandine.ByTestId("vote-approve")).ToBeVisibleAsync();
        await TabToAsync(amandine.Page, "vote-approve");
        await amandine.Page.Keyboard.PressAsync("Space");
        await Expect(amandine.ByTestId("my-vote")).ToContainTextAsync("approbation");
        await Expect(jury[Olivier].TallyLine(amandine.Member.FullName)).ToHaveAttributeAsync("data-vote", "Approved");
    }

    private Task<int> TabToAsync(IPage page, string testId) => KeyboardFocus.TabToAsync(page, testId, Output.WriteLine);
}
