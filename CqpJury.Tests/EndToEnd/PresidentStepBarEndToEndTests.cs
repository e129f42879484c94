using CqpJury.Tests.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CqpJury.Tests.EndToEnd.Infrastructure.Jury;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.EndToEnd;

/// <summary>
/// Issue 19: at 1280×720 and at 768 px wide, the president reaches the current step's action
/// (put on screen, declare, propose, vote) from the step bar, which stays in sight however far the
/// page is scrolled. Viewport screenshots of each step at both sizes are kept under
/// e2e-screenshots/president-step-bar/.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class PresidentStepBarEndToEndTests(BrowserFixture fixture, ITestOutputHelper output) : LiveJuryTest(fixture, output)
{
    private static readonly (int Width, int Height)[] Sizes = [(1280, 720), (768, 1024)];

    private static string Screenshots => Path.Combine(AppContext.BaseDirectory, "e2e-screenshots", "president-step-bar");

    [EndToEndFact]
    public async Task The_step_bar_stays_in_sight_and_takes_the_president_to_each_steps_action_at_1280x720_and_768_px()
    {
        await RunWithJuryAsync(nameof(The_step_bar_stays_in_sight_and_takes_the_president_to_each_steps_action_at_1280x720_and_768_px), simultaneously: false, RunAsync);
    }

    private async Task RunAsync(Jury jury, DemoSession demo)
    {
        var o = jury[Olivier];
        var leroy = demo.Dossier("Leroy");
        await RoomSteps.DesignatePresidentAsync(jury, demo, proposer: Amandine, president: Olivier);
        await Expect(jury[Karim].ByTestId("step-bar")).ToHaveCountAsync(0); // the president's alone

        // No dossier under deliberation: the bar leads to the agenda's first pending dossier.
        await Expect(o.ByTestId("step-text")).ToContainTextAsync("Aucun dossier en délibération.");
        await ReachActionAsync(o, "01-put-on-screen", o.Page.Locator("[data-testid=agenda] li[data-dossier] [data-testid=put-on-screen]").First);
        var first = await o.Page.Locator("[data-testid=agenda] li[data-dossier]").First.GetAttributeAsync("data-dossier");
        Assert.Equal(first, await o.Page.EvaluateAsync<string>("() => document.activeElement.closest('li[data-dossier]').getAttribute('data-dossier')"));
        await o.AgendaItem(leroy).GetByTestId("put-on-screen").ClickAsync();
        await jury.EachAsync(s => s.ExpectDossierAsync(leroy, "MustDeclare"));

        // The declaration first.
        await Expect(o.ByTestId("step-text")).ToContainTextAsync("déclarez d'abord vos liens d'intérêts");
        await ReachActionAsync(o, "02-declare", o.ByTestId("declare-no-link"));
        foreach (var screen in jury.All)
        {
            await screen.ClickAsync("declare-no-link");
        }

        await jury.EachAsync(s => s.ExpectDossierAsync(leroy, "Participant"));
        await Expect(o.ByTestId("panel-valid")).ToBeVisibleAsync();

        // The proposal: at the bottom of a long page, the bar is still in sight and leads back up to it.
        await Expect(o.ByTestId("step-text")).ToContainTextAsync("soumettez la proposition au vote");
        await ReachActionAsync(o, "03-propose", o.ByTestId("submit-proposal"));
        await o.Page.Keyboard.PressAsync("Enter");
        await jury.EachAsync(s => Expect(s.Page.Locator("[data-testid=tally] li[data-vote=Pending]")).ToHaveCountAsync(5));

        // The vote.
        await Expect(o.ByTestId("step-text")).ToContainTextAsync("votez sur la proposition");
        await ReachActionAsync(o, "04-vote", o.ByTestId("vote-approve"));
        await o.Page.Keyboard.PressAsync("Enter");
        await Expect(o.ByTestId("my-vote")).ToContainTextAsync("approbation");
        await Expect(o.ByTestId("step-text")).ToContainTextAsync("en attente des autres membres");
        await Expect(o.ByTestId("step-go")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// At each size: scrolled to the bottom, the bar is in the viewport; its button puts the focus on
    /// the action, which is then in the viewport too. A viewport screenshot of each.
    /// </summary>
    private static async Task ReachActionAsync(MemberScreen president, string step, ILocator action)
    {
        Directory.CreateDirectory(Screenshots);
        var page = president.Page;
        var before = page.ViewportSize;
        try
        {
            foreach (var (width, height) in Sizes)
            {
                await page.SetViewportSizeAsync(width, height);
                await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
                await Expect(president.ByTestId("step-bar")).ToBeInViewportAsync();
                await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{step}-{width}x{height}-scrolled.png") });

                await president.ByTestId("step-go").ClickAsync();
                await Expect(action).ToBeFocusedAsync();
                await Expect(action).ToBeInViewportAsync();
                await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{step}-{width}x{height}-action.png") });
            }
        }
        finally
        {
            if (before is not null)
            {
                await page.SetViewportSizeAsync(before.Width, before.Height);
            }
        }
    }
}
