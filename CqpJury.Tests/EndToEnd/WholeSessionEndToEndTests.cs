using System.Diagnostics;
using CqpJury.Tests.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CqpJury.Tests.EndToEnd.Infrastructure.Jury;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.EndToEnd;

/// <summary>
/// Five real browsers (one per demo member) run the demo session from the first join to the
/// closing, every screen following without reload.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class WholeSessionEndToEndTests(BrowserFixture fixture, ITestOutputHelper output) : LiveJuryTest(fixture, output)
{
    [EndToEndFact]
    public async Task R9_R10_R11_five_members_run_a_whole_session_in_real_time()
    {
        await RunWithJuryAsync(nameof(R9_R10_R11_five_members_run_a_whole_session_in_real_time), simultaneously: true, RunWholeSessionAsync);
    }

    private async Task RunWholeSessionAsync(Jury jury, DemoSession demo)
    {
        var (a, k, h, o, s) = (jury[Amandine], jury[Karim], jury[Helene], jury[Olivier], jury[Sophie]);
        Log("five members signed in and in the room");

        // The room: everyone sees the five members present and a validly composed jury (R8).
        await jury.EachAsync(m => Expect(m.Page.Locator("[data-testid=presence] li[data-present=true]")).ToHaveCountAsync(5));
        await jury.EachAsync(m => Expect(m.ByTestId("composition-ok")).ToContainTextAsync("valablement composé"));
        await jury.EachAsync(m => Expect(m.ByTestId("president")).ToContainTextAsync("à désigner"));
        await jury.ShotAllAsync("room-joined");

        // R9: Amandine proposes Sophie; every other present member accepts; all screens show the president.
        await a.Page.SelectOptionAsync("#president-select", demo.Member(Sophie).Id.ToString());
        await a.ClickAsync("propose-president");
        await jury.EachAsync(m => Expect(m.ByTestId("presidency-proposal")).ToContainTextAsync("Sophie Lambert est proposé(e) par Amandine Roux"));
        foreach (var member in new[] { k, h, o, s })
        {
            await member.ClickAsync("accept-president");
        }

        await jury.EachAsync(m => Expect(m.ByTestId("president")).ToContainTextAsync("Sophie Lambert"));
        await Expect(s.ByTestId("president")).ToContainTextAsync("(vous)");
        await jury.EachAsync(m => Expect(m.ByTestId("presidency")).ToHaveCountAsync(0));
        // Only the president sees president actions.
        await Expect(s.ByTestId("put-on-screen")).ToHaveCountAsync(6);
        await jury.EachAsync(m => Expect(m.ByTestId("put-on-screen")).ToHaveCountAsync(0), Amandine, Karim, Helene, Olivier);
        Log("president designated (R9)");

        // Dossier Fontaine: Hélène works for the candidate's employer (known conflict, R10).
        var fontaine = demo.Dossier("Fontaine");
        await s.AgendaItem(fontaine).GetByTestId("put-on-screen").ClickAsync();
        await jury.EachAsync(m => Expect(m.Dossier(fontaine)).ToBeVisibleAsync());
        await h.ExpectDossierAsync(fontaine, "Recused");
        await Expect(h.ByTestId("excluded")).ToContainTextAsync("Vous ne participez pas à sa délibération");
        await jury.EachAsync(m => m.ExpectDossierAsync(fontaine, "MustDeclare"), Amandine, Karim, Olivier, Sophie);
        await jury.EachAsync(m => Expect(m.ByTestId("conflict-prompt")).ToContainTextAsync("Formavenir Conseil"), Amandine, Karim, Olivier, Sophie);
        await AssertNeverShownAsync(h, fontaine);
        await h.ShotAsync("fontaine-excluded");

        foreach (var member in new[] { a, k, o, s })
        {
            await member.ClickAsync("declare-no-link");
        }

        // Parity broken (2 employees, 1 employer): the president is offered the restoring stand-asides (R10.1).
        await jury.EachAsync(m => Expect(m.ByTestId("panel-invalid")).ToBeVisibleAsync(), Amandine, Karim, Olivier, Sophie);
        await Expect(s.ByTestId("stand-aside")).Not.ToHaveCountAsync(0);
        await jury.EachAsync(m => Expect(m.ByTestId("stand-aside")).ToHaveCountAsync(0), Amandine, Karim, Olivier);
        await Expect(a.ByTestId("panel")).ToContainTextAsync("Propositions pour rétablir la parité");
        await Expect(s.ByTestId("submit-proposal")).ToHaveCountAsync(0);
        await s.ShotAsync("fontaine-parity-broken");
        await s.ByTestId("stand-aside").First.ClickAsync();
        await jury.EachAsync(m => Expect(m.ByTestId("panel-valid")).ToBeVisibleAsync(), Olivier, Sophie);

        // Which employee stood aside: their screen now shows only the exclusion notice.
        var stoodAside = await StoodAsideAsync(fontaine, a, k);
        var employee = stoodAside == a ? k : a;
        await stoodAside.ExpectDossierAsync(fontaine, "StoodAside");
        await Expect(stoodAside.ByTestId("dossier-content")).ToHaveCountAsync(0);
        await Expect(employee.ByTestId("panel-valid")).ToBeVisibleAsync();
        var panel = new[] { o, s, employee };
        var outside = new[] { h, stoodAside };
        Log($"parity restored: {stoodAside.Member.FullName} stands aside");

        // Round 1: the president's proposal, one objection → the round is defeated on every screen.
        await s.ClickAsync("submit-proposal");
        await EachOfAsync(panel, m => Expect(m.Page.Locator("[data-testid=tally] li[data-vote=Pending]")).ToHaveCountAsync(3));
        await EachOfAsync(panel, m => Expect(m.ByTestId("deliberation")).ToContainTextAsync("tour de vote n° 1"));
        await EachOfAsync(outside, m => Expect(m.ByTestId("tally")).ToHaveCountAsync(0));
        await s.ClickAsync("vote-approve");
        await o.ClickAsync("vote-approve");
        await employee.ObjectAsync("La compétence 2 n'est pas démontrée par les évaluations.");
        await EachOfAsync(panel, m => Expect(m.TallyLine(employee.Member.FullName)).ToContainTextAsync("La compétence 2 n'est pas démontrée par les évaluations."));
        await EachOfAsync(panel, m => Expect(m.ByTestId("round-defeated")).ToBeVisibleAsync());
        await EachOfAsync(panel, m => Expect(m.TallyLine(employee.Member.FullName)).ToHaveAttributeAsync("data-vote", "Objected"));
        await EachOfAsync(panel, m => Expect(m.ByTestId("tally-summary")).ToContainTextAsync("2 approbation(s), 1 objection(s), 0 vote(s) attendu(s)"));
        await Expect(employee.ByTestId("my-vote")).ToContainTextAsync("objection");
        await EachOfAsync(outside, m => Expect(m.ByTestId("round-defeated")).ToHaveCountAsync(0));
        await jury.ShotAllAsync("fontaine-round-defeated");
        Log("round 1 defeated by an objection");

        // The president amends (C6 not validated): round 2, votes cleared on every screen.
        await s.Page.Locator("[data-testid=proposal-editor] [data-competence=C6] input[type=checkbox]").ClickAsync();
        await Expect(s.ByTestId("proposal-preview")).ToContainTextAsync("Validation partielle");
        await s.ClickAsync("submit-proposal");
        await EachOfAsync(panel, m => Expect(m.ByTestId("deliberation")).ToContainTextAsync("tour de vote n° 2"));
        await EachOfAsync(panel, m => Expect(m.Page.Locator("[data-testid=tally] li[data-vote=Pending]")).ToHaveCountAsync(3));
        await EachOfAsync(panel, m => Expect(m.ByTestId("round-defeated")).ToHaveCountAsync(0));
        await EachOfAsync(panel, m => Expect(m.ByTestId("vote-approve")).ToBeVisibleAsync());
        await EachOfAsync(panel, m => m.ClickAsync("vote-approve"));
        await EachOfAsync(panel, m => Expect(m.ByTestId("decision")).ToContainTextAsync("Décision prise à l'unanimité : Validation partielle"));
        await EachOfAsync(outside, m => Expect(m.ByTestId("decision")).ToHaveCountAsync(0));
        Log("round 2: unanimous decision (R11)");

        // R14: the president signs with her password; every panel screen shows the signature.
        await s.ByTestId("comments").FillAsync("Compétence 6 à consolider en situation réelle.");
        await s.ByTestId("sign-password").FillAsync(demo.Member(Sophie).Password);
        await s.ShotAsync("fontaine-signing");
        await s.ClickAsync("sign");
        await EachOfAsync(panel, m => Expect(m.ByTestId("signed")).ToContainTextAsync("Décision signée par Sophie Lambert"));
        await EachOfAsync(panel, m => Expect(m.ByTestId("decision-text")).ToContainTextAsync("Compétence 6 à consolider en situation réelle."));
        await jury.EachAsync(m => Expect(m.AgendaItem(fontaine)).ToHaveAttributeAsync("data-status", "DecisionSigned"));
        await Expect(s.ByTestId("close-blockers")).ToBeVisibleAsync();
        await AssertNeverShownAsync(h, fontaine);
        await AssertNeverShownAsync(h, fontaine, includeElementLabels: true, inWebSocket: true);
        await jury.ShotAllAsync("fontaine-signed");
        Log("Fontaine signed");

        // Dossier Perrin: the expert (the president herself) is in known conflict → no valid panel → postponed.
        var perrin = demo.Dossier("Perrin");
        await s.AgendaItem(perrin).GetByTestId("put-on-screen").ClickAsync();
        await jury.EachAsync(m => Expect(m.Dossier(perrin)).ToBeVisibleAsync());
        await s.ExpectDossierAsync(perrin, "Recused");
        foreach (var member in new[] { a, k, h, o })
        {
            await member.ClickAsync("declare-no-link");
        }

        await jury.EachAsync(m => Expect(m.ByTestId("panel-invalid")).ToBeVisibleAsync(), Amandine, Karim, Helene, Olivier);
        await jury.EachAsync(m => Expect(m.ByTestId("stand-aside")).ToHaveCountAsync(0), Amandine, Karim, Helene, Olivier);
        await Expect(o.ByTestId("discrepancies")).ToContainTextAsync("le verdict des évaluateurs ne concorde pas avec la grille"); // R2.2, in words
        await o.Page.Locator("[data-testid=postpone-form] textarea").FillAsync("Expert métier en conflit d'intérêts : jury incomplet pour ce dossier.");
        await o.ClickAsync("postpone");
        await jury.EachAsync(m => Expect(m.ByTestId("postponed")).ToContainTextAsync("Expert métier en conflit d'intérêts"), Amandine, Karim, Helene, Olivier);
        await jury.EachAsync(m => Expect(m.AgendaItem(perrin)).ToHaveAttributeAsync("data-status", "Postponed"));
        await Expect(s.ByTestId("postponed")).ToHaveCountAsync(0);
        await AssertNeverShownAsync(s, perrin);
        await jury.ShotAllAsync("perrin-postponed");
        Log("Perrin postponed");

        // The four other dossiers: everyone declares at once, default proposal, everyone approves at once, signature.
        await DecideQuicklyAsync(jury, demo.Dossier("Mercier"), "Validation partielle");
        await DecideQuicklyAsync(jury, demo.Dossier("Haddad"), "Délivrance du CQP");
        await DecideQuicklyAsync(jury, demo.Dossier("Dubois"), "Validation partielle", observationsAnswer: "Le jury a pris en compte la fermeture de l'organisme ; la compétence 2 reste à démontrer.");
        await DecideQuicklyAsync(jury, demo.Dossier("Leroy"), "Délivrance du CQP");

        // Closing, after its confirmation: every screen becomes read-only and shows the summary.
        await s.ClickAsync("close-session");
        await s.ClickAsync("confirm-close");
        await jury.EachAsync(m => Expect(m.ByTestId("session-closed")).ToContainTextAsync("Session clôturée – lecture seule"));
        await jury.EachAsync(m => Expect(m.ByTestId("put-on-screen")).ToHaveCountAsync(0));
        await jury.EachAsync(m => Expect(m.ByTestId("closed-summary")).ToContainTextAsync("5 décisions signées, 1 dossier ajourné"));
        await jury.ShotAllAsync("session-closed");
        Log("session closed");

        // R10.2 over the whole session: not one byte naming Élodie Fontaine reached Hélène's circuit,
        // nor Thomas Perrin Sophie's — while they did reach the members who deliberated.
        Assert.Contains("FONTAINE", a.ReceivedOverWebSocket, StringComparison.Ordinal);
        Assert.Contains("PERRIN", o.ReceivedOverWebSocket, StringComparison.Ordinal);
        await AssertNeverShownAsync(h, fontaine, inWebSocket: true);
        await AssertNeverShownAsync(s, perrin, inWebSocket: true);
        Assert.All(jury.All, m => Assert.Empty(m.ConsoleErrors));
        Log("done");
    }

    private async Task DecideQuicklyAsync(Jury jury, DemoDossier dossier, string expectedOutcome, string? observationsAnswer = null)
    {
        var s = jury[Sophie];
        await s.AgendaItem(dossier).GetByTestId("put-on-screen").ClickAsync();
        await jury.EachAsync(m => m.ExpectDossierAsync(dossier, "MustDeclare"));
        await jury.EachAsync(m => m.ClickAsync("declare-no-link"));
        await jury.EachAsync(m => Expect(m.ByTestId("panel-valid")).ToBeVisibleAsync());
        await s.ClickAsync("submit-proposal");
        await jury.EachAsync(m => Expect(m.Page.Locator("[data-testid=tally] li[data-vote=Pending]")).ToHaveCountAsync(5));
        await jury.EachAsync(m => m.ClickAsync("vote-approve"));
        await jury.EachAsync(m => Expect(m.ByTestId("decision")).ToContainTextAsync($"Décision prise à l'unanimité : {expectedOutcome}"));
        await jury.EachAsync(m => Expect(m.ByTestId("my-vote")).ToHaveCountAsync(0));

        if (observationsAnswer is not null)
        {
            // R13: the candidate's observations must be answered before signing.
            await Expect(s.ByTestId("observations")).ToBeVisibleAsync();
            await s.ByTestId("sign-password").FillAsync(s.Member.Password);
            await s.ClickAsync("sign");
            await Expect(s.Page.GetByText("la réponse du jury doit figurer dans la décision avant la signature")).ToBeVisibleAsync();
            await Expect(jury[Amandine].ByTestId("signed")).ToHaveCountAsync(0);
            await s.ByTestId("answer").FillAsync(observationsAnswer);
        }

        await s.ByTestId("comments").FillAsync($"Décision du jury pour le dossier {dossier.Reference}.");
        await s.ByTestId("sign-password").FillAsync(s.Member.Password);
        await s.ClickAsync("sign");
        await jury.EachAsync(m => Expect(m.ByTestId("signed")).ToContainTextAsync("Décision signée par Sophie Lambert"));
        if (observationsAnswer is not null)
        {
            await jury.EachAsync(m => Expect(m.ByTestId("decision-text")).ToContainTextAsync(observationsAnswer));
        }

        await jury.EachAsync(m => Expect(m.AgendaItem(dossier)).ToHaveAttributeAsync("data-status", "DecisionSigned"));
        Log($"{dossier.CandidateLastName} decided ({expectedOutcome}) and signed");
    }

    /// <summary>R10.2: the page (text and HTML) — and optionally all the circuit ever sent — names neither the candidate nor (optionally) the grid.</summary>
    private static async Task AssertNeverShownAsync(MemberScreen screen, DemoDossier dossier, bool includeElementLabels = false, bool inWebSocket = false)
    {
        var text = await screen.Page.Locator("body").InnerTextAsync();
        var html = await screen.Page.ContentAsync();
        var forbidden = new List<string> { dossier.CandidateLastName, dossier.CandidateLastName.ToUpperInvariant(), dossier.CandidateFirstName };
        if (includeElementLabels)
        {
            forbidden.AddRange(dossier.ElementLabels);
        }

        foreach (var word in forbidden)
        {
            Assert.False(text.Contains(word, StringComparison.OrdinalIgnoreCase), $"{screen.Name}'s page shows « {word} »");
            Assert.False(html.Contains(word, StringComparison.OrdinalIgnoreCase), $"{screen.Name}'s HTML contains « {word} »");
            if (inWebSocket)
            {
                Assert.False(screen.ReceivedOverWebSocket.Contains(word, StringComparison.OrdinalIgnoreCase), $"{screen.Name}'s circuit received « {word} »");
            }
        }
    }

    /// <summary>Waits until one of <paramref name="candidates"/> shows that they stood aside for the dossier.</summary>
    private static async Task<MemberScreen> StoodAsideAsync(DemoDossier dossier, params MemberScreen[] candidates)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            foreach (var screen in candidates)
            {
                if (await screen.Dossier(dossier).GetAttributeAsync("data-participation") == "StoodAside")
                {
                    return screen;
                }
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("Nobody's screen shows that they stood aside.");
    }

    private static Task EachOfAsync(IEnumerable<MemberScreen> screens, Func<MemberScreen, Task> check) => Task.WhenAll(screens.Select(check));

}
