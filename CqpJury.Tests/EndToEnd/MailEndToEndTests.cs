using CqpJury.App.Services.Mail;
using CqpJury.TestServers;
using CqpJury.Tests.EndToEnd.Infrastructure;
using CqpJury.Tests.Integration.Mail;
using CqpJury.Tests.Integration.OfficialDocuments;
using CqpJury.Tests.Integration.Room;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static CqpJury.Tests.Integration.Room.RoomScenario;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.EndToEnd;

/// <summary>
/// Issue 20 end to end: the president closes the demo session in a real browser; the background sender delivers
/// the decisions to a real SMTP server; the secretariat's session page shows them turn « envoyé » without reload.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class MailEndToEndTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];

    [EndToEndFact]
    public async Task R17_the_president_closes_the_session_in_the_browser_and_the_secretariat_sees_the_decisions_delivered()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        // Held a moment per message: the secretariat's page shows them waiting, then sent.
        smtp.DelayPerMessage = TimeSpan.FromMilliseconds(300);
        await using var server = LiveServer.Start(settings: new Dictionary<string, string>
        {
            ["Mail:Smtp:Host"] = smtp.Host,
            ["Mail:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mail:Smtp:Security"] = "None",
            ["Mail:SenderEnabled"] = "true",
            ["Mail:PollSeconds"] = "1",
            ["App:PublicBaseUrl"] = MailTestSupport.PublicBase,
        });
        var s = await SeedAsync(server.Factory);
        await ClosedSession.RunToClosingAsync(s, close: false);
        var (secretariat, password) = await server.Factory.CreateSecretariatAsync("envois@test.fr");

        // The secretariat's page of the session, open before the closing.
        var office = await NewSignedInPageAsync(server.BaseUrl, secretariat, password);
        await office.GotoAsync($"{server.BaseUrl}/secretariat/sessions/{s.SessionId}");
        await office.WaitForSelectorAsync("[data-interactive=true]", new() { State = WaitForSelectorState.Attached });
        await Expect(office.Locator("[data-testid=session-mail]")).ToBeVisibleAsync();

        // The president closes the session in the room.
        var president = await NewSignedInPageAsync(server.BaseUrl, s.Email(Olivier), s.Password(Olivier));
        await president.GotoAsync($"{server.BaseUrl}/sessions/{s.SessionId}");
        await president.WaitForSelectorAsync("[data-interactive=true]", new() { State = WaitForSelectorState.Attached });
        await president.Locator("[data-testid=close-session]").ClickAsync();
        // Closing asks first (issue 17) and says what it sends, to whom (the demo's addresses: Haddad and Dubois have none).
        await Expect(president.Locator("[data-testid=closing-mail-summary]")).ToHaveTextAsync(
            "Dès la clôture, 7 messages partiront par courrier électronique ; 3 envois sont à remettre par courrier ou en main propre (aucune adresse électronique).");
        await Expect(president.Locator("[data-testid=closing-mail-dossier]")).ToHaveCountAsync(5);
        await Expect(president.Locator("[data-testid=closing-mail-dossier]").First).ToContainTextAsync(
            "au candidat : fiche de décision et certificat, par courriel à elodie.fontaine@candidat.exemple.test");
        await Expect(president.Locator("[data-testid=closing-mail] li[data-by-hand=true]")).ToHaveCountAsync(3);
        await president.ScreenshotAsync(new() { Path = Screenshot("closing-confirmation.png"), FullPage = true });
        await president.Locator("[data-testid=confirm-close]").ClickAsync();
        await Expect(president.Locator("[data-testid=session-closed]")).ToContainTextAsync("Session clôturée");
        output.WriteLine("session closed in the browser");

        // The secretariat reloads once (the session is now closed), then the statuses move on by themselves.
        await office.ReloadAsync();
        await office.WaitForSelectorAsync("[data-interactive=true]", new() { State = WaitForSelectorState.Attached });
        var rows = office.Locator("[data-testid=decision-messages] tbody tr");
        await Expect(rows).ToHaveCountAsync(7);
        await Expect(office.Locator("[data-testid=decision-messages] tr[data-status=Sent]")).ToHaveCountAsync(7, new() { Timeout = 60_000 });
        await Expect(office.Locator("[data-testid=decision-messages] [data-testid=mail-status]").First).ToHaveTextAsync("envoyé");
        // Haddad and Dubois (no e-mail) and Haddad's employer (no contact e-mail): by post or by hand.
        await Expect(office.Locator("[data-testid=by-hand] li")).ToHaveCountAsync(3);
        await Expect(office.Locator("[data-testid=by-hand]")).ToContainTextAsync(MailTexts.HandDelivery);
        await Expect(office.Locator("[data-testid=print-file]")).ToContainTextAsync("3 courrier(s)");
        await office.Locator("[data-testid=session-mail]").ScrollIntoViewIfNeededAsync();
        await office.ScreenshotAsync(new() { Path = Screenshot("session-mail-sent.png"), FullPage = true });

        var received = await smtp.WaitForAsync(7);
        Assert.Equal(
            ["contact", "contact", "contact", "elodie.fontaine", "julien.mercier", "maxime.leroy", "rh"],
            received.Select(r => r.EnvelopeTo.Single().Split('@')[0]).Order(StringComparer.Ordinal));
        Assert.All(received, r => Assert.StartsWith("Décision du jury paritaire – CQP", r.Message.Subject, StringComparison.Ordinal));

        // The print file opens (a PDF) from the page's link.
        var response = await office.APIRequest.GetAsync($"{server.BaseUrl}/documents-officiels/session/{s.SessionId}/courriers-certificats.pdf");
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
    }

    private Task<IPage> NewSignedInPageAsync(string baseUrl, string email, string password) =>
        fixture.Browser.NewSignedInPageAsync(_contexts, baseUrl, email, password);

    private static string Screenshot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "e2e-screenshots", "mail");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }
}
