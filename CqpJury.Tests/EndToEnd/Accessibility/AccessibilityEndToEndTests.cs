using System.Net;
using System.Net.Sockets;
using CqpJury.App.Data.Demo;
using CqpJury.App.Services.Members;
using CqpJury.App.Services.OfficialDocuments;
using CqpJury.Tests.EndToEnd.Infrastructure;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CqpJury.Tests.EndToEnd.Infrastructure.Jury;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.EndToEnd.Accessibility;

/// <summary>
/// Issue 8: axe-core (WCAG 2.1 A and AA) on every page of the app, each seen by the user it is for,
/// the session room in its successive states; screenshots at laptop and tablet sizes.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class AccessibilityEndToEndTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly (int Width, int Height)[] ScreenSizes = [(1280, 720), (768, 1024)];

    private readonly List<IBrowserContext> _contexts = [];
    private LiveServer? _server;
    private Jury? _jury;

    private static string Screenshots => Path.Combine(AppContext.BaseDirectory, "e2e-screenshots", "accessibility");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

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
    public async Task WCAG_2_1_AA_every_page_has_no_serious_or_critical_violation()
    {
        _server = LiveServer.Start(port: AccessibilityPorts.Next());
        var baseUrl = _server.BaseUrl;
        var credentials = await _server.Factory.WithScopeAsync(sp => sp.GetRequiredService<DemoDataSeeder>().SeedAsync());
        var demo = await _server.ReadDemoAsync(credentials.ToDictionary(c => c.Email, c => c.Password, StringComparer.OrdinalIgnoreCase));
        var secretariat = credentials.Single(c => c.Email.StartsWith("secretariat@", StringComparison.Ordinal));
        var log = new PageAuditLog(output.WriteLine);
        if (Directory.Exists(Screenshots))
        {
            Directory.Delete(Screenshots, recursive: true);
        }

        // Anonymous pages.
        var visitor = await NewPageAsync();
        var invitation = await _server.Factory.AsUserAsync(secretariat.Email, sp => sp.GetRequiredService<InvitationService>().CreateAsync(demo.Member(Karim).Id));
        await VisitAsync(log, visitor, baseUrl, "/", "/", "visiteur");
        await VisitAsync(log, visitor, baseUrl, "/connexion", "/connexion", "visiteur");
        await VisitAsync(log, visitor, baseUrl, $"/invitation/{invitation.Token}", "/invitation/{Token}", "visiteur, invitation valable");
        await VisitAsync(log, visitor, baseUrl, "/verifier", "/verifier", "visiteur");
        await visitor.GetByTestId("verify").ClickAsync();
        await Expect(visitor.GetByTestId("verification-code-missing")).ToBeVisibleAsync(); // issue 19: an empty code asks for one
        await Expect(visitor.GetByTestId("verification-result")).ToHaveCountAsync(0);
        await log.CheckAsync(visitor, "/verifier", "visiteur, aucun code saisi");
        await VisitAsync(log, visitor, baseUrl, $"/verifier/{VerificationCode.New()}", "/verifier/{Code}", "visiteur, code inconnu");
        await VisitAsync(log, visitor, baseUrl, "/not-found", "/not-found", "visiteur");
        await VisitAsync(log, visitor, baseUrl, "/Error", "/Error", "visiteur");
        await VisitAsync(log, visitor, baseUrl, "/erreur/429", "/erreur/{Code:int}", "visiteur, trop de tentatives");

        // The secretariat's pages.
        Guid draftSessionId = default;
        await _server.Factory.WithDbAsync(async db =>
            draftSessionId = await db.Sessions.Where(s => s.Status == App.Data.Entities.SessionStatus.Draft).Select(s => s.Id).FirstAsync());
        var office = await NewPageAsync();
        await SignInAsync(office, baseUrl, secretariat.Email, secretariat.Password);
        await Expect(office).ToHaveURLAsync($"{baseUrl}/secretariat/sessions"); // issue 19: the secretariat lands on its sessions
        await VisitAsync(log, office, baseUrl, "/", "/", "secrétariat");
        await VisitAsync(log, office, baseUrl, "/secretariat/sessions", "/secretariat/sessions", "secrétariat");
        await VisitAsync(log, office, baseUrl, "/secretariat/sessions/nouvelle", "/secretariat/sessions/nouvelle", "secrétariat");
        // An empty form sent from an English browser: the app's French messages, no browser bubble.
        await office.GetByRole(AriaRole.Button, new() { Name = "Créer la session" }).ClickAsync();
        await Expect(office.GetByText("Le titre est obligatoire.")).ToBeVisibleAsync();
        await log.CheckAsync(office, "/secretariat/sessions/nouvelle", "secrétariat, formulaire vide envoyé");
        await VisitAsync(log, office, baseUrl, $"/secretariat/sessions/{demo.SessionId}", "/secretariat/sessions/{Id:guid}", "secrétariat, session ouverte");
        await VisitAsync(log, office, baseUrl, $"/secretariat/sessions/{draftSessionId}", "/secretariat/sessions/{Id:guid}", "secrétariat, session en préparation");
        await VisitAsync(log, office, baseUrl, $"/secretariat/sessions/{demo.SessionId}/journal", "/secretariat/sessions/{Id:guid}/journal", "secrétariat");
        await VisitAsync(log, office, baseUrl, "/secretariat/dossiers", "/secretariat/dossiers", "secrétariat");
        await VisitAsync(log, office, baseUrl, "/secretariat/dossiers/nouveau", "/secretariat/dossiers/nouveau", "secrétariat");
        await VisitAsync(log, office, baseUrl, $"/secretariat/dossiers/{demo.Dossier("Dubois").Id}", "/secretariat/dossiers/{Id:guid}", "secrétariat, dossier VAE");
        await VisitAsync(log, office, baseUrl, "/secretariat/dossiers/import", "/secretariat/dossiers/import", "secrétariat");
        await VisitAsync(log, office, baseUrl, "/secretariat/membres", "/secretariat/membres", "secrétariat");
        await VisitAsync(log, office, baseUrl, "/secretariat/membres/nouveau", "/secretariat/membres/nouveau", "secrétariat");
        await VisitAsync(log, office, baseUrl, $"/secretariat/membres/{demo.Member(Karim).Id}", "/secretariat/membres/{Id:guid}", "secrétariat");
        await VisitAsync(log, office, baseUrl, "/secretariat/organisations", "/secretariat/organisations", "secrétariat");
        await VisitAsync(log, office, baseUrl, "/secretariat/evaluateurs", "/secretariat/evaluateurs", "secrétariat");
        await VisitAsync(log, office, baseUrl, "/secretariat/statistiques", "/secretariat/statistiques", "secrétariat, historique de démonstration");
        await office.GotoAsync($"{baseUrl}/secretariat/sessions/{demo.SessionId}");
        await WaitUntilReadyAsync(office);
        await ShootAtEverySizeAsync(office, "secretariat-session");
        await office.GotoAsync($"{baseUrl}/secretariat/dossiers/{demo.Dossier("Dubois").Id}");
        await WaitUntilReadyAsync(office);
        await ShootAtEverySizeAsync(office, "secretariat-dossier");
        await office.GotoAsync($"{baseUrl}/secretariat/statistiques");
        await WaitUntilReadyAsync(office);
        await Expect(office.GetByTestId("stats-summary")).ToBeVisibleAsync();
        await ShootAtEverySizeAsync(office, "secretariat-statistics");

        // The room, state after state, as the five demo members.
        var jury = _jury = await Jury.OpenAsync(fixture.Browser, baseUrl, demo, nameof(WCAG_2_1_AA_every_page_has_no_serious_or_critical_violation), simultaneously: false);
        await jury.ScreenshotOnFailureAsync(() => WalkThroughTheRoomAsync(log, jury, demo), output.WriteLine);

        await VisitAsync(log, jury[Amandine].Page, baseUrl, "/mes-sessions", "/mes-sessions", "membre du jury");
        await VisitAsync(log, jury[Amandine].Page, baseUrl, "/", "/", "membre du jury");

        output.WriteLine(string.Empty);
        output.WriteLine("Pages covered:");
        output.WriteLine(log.Summary());
        if (log.Known.Count > 0)
        {
            output.WriteLine(string.Empty);
            output.WriteLine("Known exceptions (not failing, to fix):");
            output.WriteLine(string.Join(Environment.NewLine, log.Known));
        }

        var other = log.OtherViolations();
        if (other.Length > 0)
        {
            output.WriteLine(string.Empty);
            output.WriteLine("Minor and moderate findings (not failing):");
            output.WriteLine(other);
        }

        // Issue 19: French only, whatever the browser's language. Rule numbers still shown by the
        // room are only reported until the room's texts lose them.
        var wording = log.Wording.Where(w => !w.Contains("rule number", StringComparison.Ordinal)).ToList();
        foreach (var finding in log.Wording.Except(wording))
        {
            output.WriteLine($"Wording to fix: {finding}");
        }

        Assert.True(wording.Count == 0, $"Text the user reads that is not the app's French:{Environment.NewLine}{string.Join(Environment.NewLine, wording)}");
        var serious = log.SeriousViolations();
        Assert.True(serious.Length == 0, $"Serious or critical WCAG 2.1 A/AA violations:{Environment.NewLine}{serious}");
        Assert.True(log.Missing.Count == 0, $"Pages without an accessibility check: {string.Join(", ", log.Missing)}");
    }

    private static async Task WalkThroughTheRoomAsync(PageAuditLog log, Jury jury, DemoSession demo)
    {
        const string Room = "/sessions/{SessionId:guid}";
        var (a, k, h, o) = (jury[Amandine], jury[Karim], jury[Helene], jury[Olivier]);

        await Expect(a.Page.Locator("[data-testid=presence] li[data-present=true]")).ToHaveCountAsync(5);
        await log.CheckAsync(a.Page, Room, "arrivée, président à désigner");

        await a.Page.SelectOptionAsync("#president-select", demo.Member(Olivier).Id.ToString());
        await a.ClickAsync("propose-president");
        await Expect(k.ByTestId("accept-president")).ToBeVisibleAsync();
        await log.CheckAsync(k.Page, Room, "proposition de président à accepter");
        foreach (var screen in jury.All.Where(s => s.Name != Amandine))
        {
            await screen.ClickAsync("accept-president");
        }

        await jury.EachAsync(s => Expect(s.ByTestId("president")).ToContainTextAsync(demo.Member(Olivier).FullName));
        await log.CheckAsync(o.Page, Room, "président désigné, aucun dossier en cours");

        // A plain dossier: declaration, content, vote, objection, amendment, decision, signature.
        var leroy = demo.Dossier("Leroy");
        await o.AgendaItem(leroy).GetByTestId("put-on-screen").ClickAsync();
        await jury.EachAsync(s => s.ExpectDossierAsync(leroy, "MustDeclare"));
        await log.CheckAsync(a.Page, Room, "déclaration des liens d'intérêts");
        await ShootAtEverySizeAsync(a.Page, "room-conflict-prompt");
        foreach (var screen in jury.All)
        {
            await screen.ClickAsync("declare-no-link");
        }

        await Expect(o.ByTestId("panel-valid")).ToBeVisibleAsync();
        await log.CheckAsync(o.Page, Room, "contenu du dossier, proposition du président");
        await log.CheckAsync(a.Page, Room, "contenu du dossier, membre");
        await ShootAtEverySizeAsync(o.Page, "room-dossier-president");

        // The president's "Ajourner ce dossier" disclosure opens from the keyboard and folds again.
        var postpone = o.Page.Locator("[data-testid=postpone-panel]");
        await Expect(postpone.GetByTestId("postpone-reason")).Not.ToBeVisibleAsync();
        await postpone.Locator("summary").FocusAsync();
        await o.Page.Keyboard.PressAsync("Enter");
        await Expect(postpone.GetByTestId("postpone-reason")).ToBeVisibleAsync();
        await log.CheckAsync(o.Page, Room, "ajournement déplié");
        await ShootAtEverySizeAsync(o.Page, "room-postpone-open");
        await postpone.Locator("summary").ClickAsync();
        await Expect(postpone.GetByTestId("postpone-reason")).Not.ToBeVisibleAsync();

        await o.ClickAsync("submit-proposal");
        await jury.EachAsync(s => Expect(s.Page.Locator("[data-testid=tally] li[data-vote=Pending]")).ToHaveCountAsync(5));
        await log.CheckAsync(a.Page, Room, "vote en cours, décompte");
        await ShootAtEverySizeAsync(a.Page, "room-vote");
        await k.ClickAsync("vote-object");
        await Expect(o.ByTestId("round-defeated")).ToBeVisibleAsync();
        await log.CheckAsync(o.Page, Room, "objection, proposition à modifier");
        await log.CheckAsync(k.Page, Room, "objection, membre ayant voté");

        await o.ClickAsync("submit-proposal");
        await jury.EachAsync(s => Expect(s.ByTestId("deliberation")).ToContainTextAsync("tour de vote n° 2"));
        await jury.EachAsync(s => Expect(s.ByTestId("vote-approve")).ToBeVisibleAsync());
        foreach (var screen in jury.All)
        {
            await screen.ClickAsync("vote-approve");
        }

        await jury.EachAsync(s => Expect(s.ByTestId("decision")).ToContainTextAsync("Décision prise à l'unanimité"));
        await log.CheckAsync(o.Page, Room, "décision prise, formulaire de signature");
        await log.CheckAsync(a.Page, Room, "décision prise, en attente de signature");
        await ShootAtEverySizeAsync(o.Page, "room-signing");
        await o.ByTestId("comments").FillAsync("Décision du jury.");
        await o.ByTestId("sign-password").FillAsync(o.Member.Password);
        await o.ClickAsync("sign");
        await jury.EachAsync(s => Expect(s.ByTestId("signed")).ToBeVisibleAsync());
        await log.CheckAsync(a.Page, Room, "décision signée");

        // A dossier with a known conflict: a recused member, a panel to rebalance, another dossier consulted.
        var fontaine = demo.Dossier("Fontaine");
        await o.AgendaItem(fontaine).GetByTestId("put-on-screen").ClickAsync();
        await h.ExpectDossierAsync(fontaine, "Recused");
        await log.CheckAsync(h.Page, Room, "membre en conflit, dossier non communiqué");
        foreach (var screen in new[] { a, k, o, jury[Sophie] })
        {
            await screen.ClickAsync("declare-no-link");
        }

        await Expect(o.ByTestId("panel-invalid")).ToBeVisibleAsync();
        await Expect(o.ByTestId("stand-aside")).Not.ToHaveCountAsync(0);
        await log.CheckAsync(o.Page, Room, "collège non paritaire, retraits proposés");
        await a.AgendaItem(leroy).Locator("button.room-agenda-button").ClickAsync();
        await Expect(a.ByTestId("not-current")).ToBeVisibleAsync();
        await log.CheckAsync(a.Page, Room, "consultation d'un autre dossier que celui en cours");
    }

    /// <summary>
    /// The visitor's and the secretariat's browser speaks English (issue 19: the pass in en-US):
    /// whatever the browser would say by itself must not show through the app's French.
    /// </summary>
    private async Task<IPage> NewPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
            Locale = "en-US",
            TimezoneId = "Europe/Paris",
        });
        context.SetDefaultTimeout(15_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    private static async Task SignInAsync(IPage page, string baseUrl, string email, string password)
    {
        await page.GotoAsync($"{baseUrl}/connexion");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/connexion", StringComparison.Ordinal));
    }

    private static async Task VisitAsync(PageAuditLog log, IPage page, string baseUrl, string path, string route, string who)
    {
        await page.GotoAsync(baseUrl + path);
        await WaitUntilReadyAsync(page);
        await log.CheckAsync(page, route, who);
    }

    /// <summary>Interactive pages: circuit attached and nothing loading any more; static pages: loaded.</summary>
    private static async Task WaitUntilReadyAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (await page.Locator("[data-interactive]").CountAsync() > 0)
        {
            await page.WaitForSelectorAsync("[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            await Expect(page.Locator(".mud-progress-linear-indeterminate, .mud-progress-indeterminate")).ToHaveCountAsync(0);
        }

        await Expect(page.Locator("h1")).Not.ToHaveCountAsync(0);
    }

    /// <summary>The page at a laptop's and a tablet's size (the whole page, and the first screen), back to 1280×720 after.</summary>
    private static async Task ShootAtEverySizeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        var before = page.ViewportSize;
        foreach (var (width, height) in ScreenSizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.WaitForTimeoutAsync(300); // MudBlazor's breakpoint listener reacts to the resize
            await page.EvaluateAsync("() => window.scrollTo(0, 0)"); // fixed app bar and drawer at the top of the full-page image
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(Screenshots, $"{name}-{width}x{height}-page.png"),
                FullPage = true,
            });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}-{width}x{height}-screen.png") });
        }

        await page.SetViewportSizeAsync(before?.Width ?? 1280, before?.Height ?? 720);
    }
}

/// <summary>Ports 5800–5899 for these tests' live servers (others use 5400–5799).</summary>
internal static class AccessibilityPorts
{
    private static readonly PortRange Range = new(5800, 5899);

    public static int Next() => Range.Next();
}
