using CqpJury.App.Services.Room;
using CqpJury.Tests.EndToEnd.Infrastructure;
using CqpJury.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CqpJury.Tests.EndToEnd.Infrastructure.Jury;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.EndToEnd.Accessibility;

/// <summary>
/// Issue 8: the president runs a dossier from the agenda to the closing of the session with the
/// keyboard alone (Tab, Shift+Tab, Enter, Space, typing; no click, no fill on their screen), with
/// a visible focus at every step; a member declares a conflict and opens a PDF the same way; the
/// live region announces the changes without moving anyone's focus.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class PresidentKeyboardEndToEndTests(BrowserFixture fixture, ITestOutputHelper output) : LiveJuryTest(fixture, output)
{
    [EndToEndFact]
    public Task The_president_puts_a_proposal_amends_it_signs_and_closes_the_session_with_the_keyboard_alone_and_a_member_declares_a_conflict_and_opens_a_document_the_same_way() =>
        RunWithJuryAsync(nameof(PresidentKeyboardEndToEndTests), simultaneously: true, (jury, demo) => RunAsync(Server, jury, demo), port: AccessibilityPorts.Next());

    private async Task RunAsync(LiveServer server, Jury jury, DemoSession demo)
    {
        var (a, k, h, o, s) = (jury[Amandine], jury[Karim], jury[Helene], jury[Olivier], jury[Sophie]);
        var president = o.Page;
        await RoomSteps.DesignatePresidentAsync(jury, demo, Karim, Olivier);
        await Expect(Announcer(h)).ToHaveTextAsync("La désignation du président a évolué.");
        Log("Olivier designated president");

        // Live region: a member joining (Sophie reloads the room) is announced, politely, focus unmoved.
        await Expect(Announcer(h)).ToHaveAttributeAsync("aria-live", "polite");
        await s.ReloadAsync();
        await Expect(Announcer(h)).ToHaveTextAsync("La liste des membres présents a changé.");

        // Four dossiers postponed through the services (not under test here), so that the session can be closed.
        foreach (var name in new[] { "Fontaine", "Haddad", "Perrin", "Leroy" })
        {
            await PostponeAsync(server, demo, demo.Dossier(name));
        }

        // Mercier: Amandine declares a link with the keyboard alone (a precision typed, then the button).
        var mercier = demo.Dossier("Mercier");
        await o.AgendaItem(mercier).GetByTestId("put-on-screen").ClickAsync();
        await a.ExpectDossierAsync(mercier, "MustDeclare");
        await KeyboardFocus.TabToAsync(a.Page, a.Page.GetByLabel("Précision (facultative, si vous déclarez un lien)"), "précision du lien", Output.WriteLine);
        await a.Page.Keyboard.TypeAsync("Je conseille l'entreprise du candidat.");
        await KeyboardFocus.TabToAsync(a.Page, "declare-link", Output.WriteLine);
        await a.Page.Keyboard.PressAsync("Enter");
        await Expect(a.ByTestId("excluded")).ToContainTextAsync("Vous ne participez pas à sa délibération");
        await Expect(a.Dossier(mercier)).Not.ToHaveAttributeAsync("data-participation", "MustDeclare");
        await PostponeAsync(server, demo, mercier);
        Log("Amandine declared a link on Mercier with the keyboard");

        // Dubois: the president puts it on screen with the keyboard; everyone is told, nobody's focus moves.
        var dubois = demo.Dossier("Dubois");
        var hFocusBefore = await FocusedAsync(h.Page);
        await KeyboardFocus.TabToAsync(president, o.AgendaItem(dubois).GetByTestId("put-on-screen"), "mettre Dubois en délibération", Output.WriteLine);
        await president.Keyboard.PressAsync("Enter");
        await jury.EachAsync(m => m.ExpectDossierAsync(dubois, "MustDeclare"));
        await Expect(Announcer(h)).ToHaveTextAsync("Le président a changé le dossier en cours.");
        Assert.Equal(hFocusBefore, await FocusedAsync(h.Page));

        await KeyboardFocus.TabToAsync(president, "declare-no-link", Output.WriteLine);
        await president.Keyboard.PressAsync("Enter");
        await o.ExpectDossierAsync(dubois, "Participant");
        foreach (var member in new[] { a, k, h, s })
        {
            await member.ClickAsync("declare-no-link");
        }

        await Expect(o.ByTestId("panel-valid")).ToBeVisibleAsync();

        // Karim opens the candidate's PDF with the keyboard: a new tab on the document, served as a PDF.
        var link = k.Dossier(dubois).Locator("a[href^='/documents/']").First;
        await KeyboardFocus.TabToAsync(k.Page, link, "lien du document PDF", Output.WriteLine);
        var href = await link.GetAttributeAsync("href");
        var tab = await k.Page.RunAndWaitForPopupAsync(() => k.Page.Keyboard.PressAsync("Enter"));
        Assert.EndsWith(href!, tab.Url, StringComparison.Ordinal);
        await tab.CloseAsync();
        var pdf = await k.Context.APIRequest.GetAsync(server.BaseUrl + href);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.Contains("dossier-vae-dubois.pdf", pdf.Headers["content-disposition"], StringComparison.Ordinal);
        Log("Karim opened the PDF with the keyboard");

        // Round 1: the president submits the proposal with the keyboard (Tab goes through the check boxes).
        await KeyboardFocus.TabToAsync(president, "submit-proposal", Output.WriteLine);
        await president.Keyboard.PressAsync("Enter");
        await jury.EachAsync(m => Expect(m.Page.Locator("[data-testid=tally] li[data-vote=Pending]")).ToHaveCountAsync(5));
        await Expect(Announcer(h)).ToHaveTextAsync("Le vote sur le dossier affiché a évolué : 0 approbation(s), 0 objection(s), 5 vote(s) attendu(s).");

        // The president's own confirmation is the new round on screen and in the live region, with no pop-up message.
        await Expect(Announcer(o)).ToHaveTextAsync("Proposition soumise au vote : tour de vote n° 1.");
        Assert.Equal("submit-proposal", (await KeyboardFocus.StateAsync(president)).TestId); // the focus stays where the chair pressed Enter
        Assert.Equal(0, await president.Locator(".mud-snackbar", new() { HasText = "soumise" }).CountAsync());

        // A vote arriving is announced on every screen (with the new count), without moving the president's focus.
        var oFocusBefore = await FocusedAsync(president);
        await k.ClickAsync("vote-object");
        await Expect(Announcer(h)).ToHaveTextAsync("Le vote sur le dossier affiché a évolué : 0 approbation(s), 1 objection(s), 4 vote(s) attendu(s).");

        // The voter's own confirmation is in place and read out, with no pop-up message.
        await Expect(Announcer(k)).ToHaveTextAsync("Votre vote est enregistré : objection.");
        await Expect(k.ByTestId("my-vote")).ToHaveTextAsync("Votre vote : objection.");
        Assert.Equal(0, await k.Page.Locator(".mud-snackbar", new() { HasText = "vote" }).CountAsync());
        await Expect(o.ByTestId("round-defeated")).ToBeVisibleAsync();
        Assert.Equal(oFocusBefore, await FocusedAsync(president));
        Log("round 1 defeated by Karim's objection");

        // Amendment: the president unticks competence 6 with the space bar, then submits the new proposal.
        var c6 = president.Locator("[data-testid=proposal-editor] [data-competence=C6] input[type=checkbox]");
        await Expect(c6).ToBeCheckedAsync();
        await KeyboardFocus.TabToAsync(president, c6, "case de la compétence 6", Output.WriteLine);
        var onBox = await KeyboardFocus.StateAsync(president);
        // A native check box is its own visible box: KeyboardFocus checks it is opaque, sized and outlined.
        Assert.True(onBox.Visible && onBox.Tag == "INPUT", $"The focus ring of the check box is not shown by its visible box: {onBox}");
        await president.Keyboard.PressAsync("Space");
        await Expect(c6).Not.ToBeCheckedAsync();
        await Expect(o.ByTestId("proposal-preview")).ToContainTextAsync("Validation partielle");
        await KeyboardFocus.TabToAsync(president, "submit-proposal", Output.WriteLine);
        await Expect(o.ByTestId("submit-proposal")).ToContainTextAsync("Soumettre la proposition modifiée");
        await president.Keyboard.PressAsync("Enter");
        await jury.EachAsync(m => Expect(m.ByTestId("deliberation")).ToContainTextAsync("tour de vote n° 2"));
        await Expect(Announcer(o)).ToHaveTextAsync("Proposition soumise au vote : tour de vote n° 2.");
        await jury.EachAsync(m => Expect(m.ByTestId("vote-approve")).ToBeEnabledAsync());
        Log("round 2 opened by the amendment");

        // Unanimity: the others approve, the president last, with the space bar.
        foreach (var member in new[] { a, k, h, s })
        {
            await RoomSteps.ApproveAsync(member);
        }

        await KeyboardFocus.TabToAsync(president, "vote-approve", Output.WriteLine);
        await president.Keyboard.PressAsync("Space");
        await jury.EachAsync(m => Expect(m.ByTestId("decision")).ToContainTextAsync("Décision prise à l'unanimité : Validation partielle"));
        await Expect(Announcer(h)).ToHaveTextAsync("Décision prise à l'unanimité : Validation partielle.");
        Log("unanimous decision");

        // The decision's text, the answer to the candidate's observations and the signature, typed.
        await KeyboardFocus.TabToAsync(president, "comments", Output.WriteLine);
        await president.Keyboard.TypeAsync("Compétence 6 à démontrer en situation réelle.");
        await KeyboardFocus.TabToAsync(president, "answer", Output.WriteLine);
        await president.Keyboard.TypeAsync("Le jury a tenu compte de la fermeture de l'organisme.");
        await KeyboardFocus.TabToAsync(president, "sign-password", Output.WriteLine);
        await president.Keyboard.TypeAsync(o.Member.Password);
        await Expect(o.ByTestId("sign")).ToBeEnabledAsync();
        await KeyboardFocus.TabToAsync(president, "sign", Output.WriteLine);
        await president.Keyboard.PressAsync("Enter");
        await jury.EachAsync(m => Expect(m.ByTestId("signed")).ToContainTextAsync("Décision signée par Olivier Garnier"));
        await Expect(a.ByTestId("decision-text")).ToContainTextAsync("Le jury a tenu compte de la fermeture de l'organisme.");
        Log("decision signed");

        // Closing, from the agenda (before the dossier in the page: Shift+Tab).
        await Expect(o.ByTestId("close-session")).ToBeEnabledAsync();
        await KeyboardFocus.TabToAsync(president, "close-session", Output.WriteLine);
        await president.Keyboard.PressAsync("Enter");
        // The confirmation is an alert dialog: the focus starts on « Annuler », Tab reaches « Clôturer la session ».
        await Expect(president.GetByRole(AriaRole.Alertdialog)).ToContainTextAsync("plus aucune modification ne sera possible");
        await KeyboardFocus.TabToAsync(president, "confirm-close", Output.WriteLine);
        await president.Keyboard.PressAsync("Enter");
        await jury.EachAsync(m => Expect(m.ByTestId("session-closed")).ToContainTextAsync("Session clôturée – lecture seule"));
        await Expect(Announcer(h)).ToHaveTextAsync("La session a été clôturée.");
        Assert.All(jury.All, m => Assert.Empty(m.ConsoleErrors));
        Log("session closed with the keyboard");
    }

    private static ILocator Announcer(MemberScreen screen) => screen.ByTestId("announcer");

    /// <summary>What has the focus on a screen (to prove a live change did not move it). The body is named, not described:
    /// its text includes the style rules MudBlazor inserts as components appear, which change without the focus moving.</summary>
    private static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; if (!e || e === document.body) return 'BODY'; return e.tagName + '|' + (e.id || '') + '|' + (e.getAttribute('data-testid') || '') + '|' + (e.textContent || '').trim().slice(0, 40); }");

    /// <summary>The president declares no link and postpones the dossier, through the room service.</summary>
    private static async Task PostponeAsync(LiveServer server, DemoSession demo, DemoDossier dossier)
    {
        var president = demo.Member(Olivier).Email;
        await server.Factory.AsUserAsync(president, sp => sp.GetRequiredService<RoomService>().DeclareConflictAsync(demo.SessionId, dossier.Id, false, null));
        await server.Factory.AsUserAsync(president, sp => sp.GetRequiredService<RoomService>().PostponeAsync(demo.SessionId, dossier.Id, "Pièces complémentaires attendues."));
    }
}
