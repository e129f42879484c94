using CqpJury.App.Services;
using CqpJury.App.Services.Sessions;
using CqpJury.Tests.EndToEnd.Infrastructure;
using CqpJury.Tests.Integration.OfficialDocuments;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CqpJury.Tests.Integration.Room.RoomScenario;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.EndToEnd;

/// <summary>
/// R12 in real browsers: the demo session is held (every dossier signed but Perrin's, postponed),
/// the president closes it after a confirmation operated from the keyboard, every screen shows the
/// closed session's summary; then the secretariat prepares the next session: the signed dossier is
/// not offered (and a crafted request is refused), the postponed one is, and keeps its history.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class FinalityEndToEndTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];
    private LiveServer? _server;

    public Task InitializeAsync() => Task.CompletedTask;

    [EndToEndFact]
    public async Task R12_After_closing_a_signed_dossier_is_never_offered_again_and_a_postponed_one_is_reinscribed_with_its_history()
    {
        var server = _server = LiveServer.Start();
        var s = await SeedAsync(server.Factory);
        await ClosedSession.RunToClosingAsync(s, close: false);
        var leroy = await ReferenceAsync(s, "Leroy");
        var perrin = await ReferenceAsync(s, "Perrin");
        output.WriteLine("demo session held: five decisions signed, Perrin postponed");

        // The president closes the session: a confirmation first, which Escape dismisses with nothing done.
        var president = await SignedInPageAsync(server, s.Email(Olivier), s.Password(Olivier));
        var karim = await SignedInPageAsync(server, s.Email(Karim), s.Password(Karim));
        foreach (var page in new[] { president, karim })
        {
            await page.GotoAsync($"{server.BaseUrl}/sessions/{s.SessionId}");
            await WaitInteractiveAsync(page);
        }

        await president.Locator("[data-testid=close-session]").ClickAsync();
        var dialog = president.GetByRole(AriaRole.Alertdialog, new() { Name = "Clôturer la session ?" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("5 décisions signées");
        await Expect(dialog).ToContainTextAsync("1 dossier ajourné");
        await Expect(dialog).ToContainTextAsync("documents officiels");
        await Expect(dialog).ToContainTextAsync("plus aucune modification");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Annuler" })).ToBeFocusedAsync();
        await president.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(president.Locator("[data-testid=close-session]")).ToBeFocusedAsync();
        Assert.Equal(CqpJury.App.Data.Entities.SessionStatus.Open, (await s.SessionAsync()).Status);

        await president.Locator("[data-testid=close-session]").ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Annuler" })).ToBeFocusedAsync();
        await president.Keyboard.PressAsync("Tab");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Clôturer la session" })).ToBeFocusedAsync();
        await president.Keyboard.PressAsync("Enter");
        foreach (var page in new[] { president, karim })
        {
            var summary = page.Locator("[data-testid=closed-summary]");
            await Expect(summary).ToBeVisibleAsync();
            await Expect(summary).ToContainTextAsync("5 décisions signées");
            await Expect(page.Locator("[data-testid=put-on-screen]")).ToHaveCountAsync(0);
        }

        await Shot(president, "closed-summary-president");
        output.WriteLine("session closed after confirmation; both screens show the summary");

        // The secretariat prepares the next session.
        var office = await SignedInPageAsync(server, s.SecretariatEmail, s.Passwords[s.SecretariatEmail]);
        await office.GotoAsync($"{server.BaseUrl}/secretariat/sessions/{s.DraftSessionId}");
        await WaitInteractiveAsync(office);
        await office.Locator(".mud-input-control.mud-select").Filter(new() { HasText = "Dossier à inscrire" }).ClickAsync();
        var options = office.Locator(".mud-popover-open .mud-list-item");
        await Expect(options.Filter(new() { HasText = perrin })).ToContainTextAsync("(ajourné précédemment)");
        await Expect(options.Filter(new() { HasText = leroy })).ToHaveCountAsync(0);
        await Shot(office, "agenda-choices");

        // A crafted request for the signed dossier: refused, with a French message, and journaled.
        var stamp = (await server.Factory.AsUserAsync(s.SecretariatEmail, sp => sp.GetRequiredService<SessionAdminService>().GetAsync(s.DraftSessionId))).ConcurrencyStamp;
        var refused = await Assert.ThrowsAsync<InputValidationException>(() => server.Factory.AsUserAsync(s.SecretariatEmail, async sp =>
        {
            await sp.GetRequiredService<SessionAdminService>().AddDossierAsync(s.DraftSessionId, s.Dossier("Leroy"), stamp);
            return true;
        }));
        Assert.Contains($"Le dossier {leroy} a déjà fait l'objet d'une décision signée", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);

        // The postponed dossier goes on the new agenda, its history shown.
        await options.Filter(new() { HasText = perrin }).ClickAsync();
        await office.GetByRole(AriaRole.Button, new() { Name = "Inscrire" }).ClickAsync();
        var line = office.Locator($"tr[data-dossier='{perrin}']");
        await Expect(line).ToContainTextAsync("Ajourné lors de la session « ");
        await Expect(line).ToContainTextAsync(ClosedSession.PerrinReason);
        await Shot(office, "postponed-reinscribed");

        await office.GotoAsync($"{server.BaseUrl}/secretariat/dossiers/{s.Dossier("Perrin")}");
        await WaitInteractiveAsync(office);
        await Expect(office.Locator("[data-testid=dossier-history]")).ToContainTextAsync(ClosedSession.PerrinReason);
        await Expect(office.Locator("[data-testid=dossier-standing]")).ToContainTextAsync("en préparation");

        await office.GotoAsync($"{server.BaseUrl}/secretariat/dossiers/{s.Dossier("Leroy")}");
        await WaitInteractiveAsync(office);
        await Expect(office.Locator("[data-testid=dossier-standing]")).ToContainTextAsync("elle est définitive");
        await Expect(office.GetByRole(AriaRole.Button, new() { Name = "Déposer le document" })).ToHaveCountAsync(0);
        await Shot(office, "signed-dossier-page");
    }

    private static async Task<string> ReferenceAsync(RoomScenario s, string candidate)
    {
        var reference = string.Empty;
        await s.Factory.WithDbAsync(async db => reference = (await db.Dossiers.FindAsync(s.Dossier(candidate)))!.Reference);
        return reference;
    }

    private async Task<IPage> SignedInPageAsync(LiveServer server, string email, string password)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
        });
        context.SetDefaultTimeout(15_000);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{server.BaseUrl}/connexion");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        // Where sign-in lands depends on the user (issue 19): wait until the sign-in page is left.
        await page.WaitForURLAsync(url => !url.Contains("/connexion", StringComparison.Ordinal));
        return page;
    }

    private static async Task WaitInteractiveAsync(IPage page) =>
        await page.WaitForSelectorAsync("[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    private static async Task Shot(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots", nameof(FinalityEndToEndTests));
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
