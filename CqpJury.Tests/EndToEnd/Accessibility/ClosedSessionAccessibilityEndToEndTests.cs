using System.Text.RegularExpressions;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.Services.Room;
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
/// Issue 8: axe-core (WCAG 2.1 A/AA) on what exists only once a session is closed: the closed
/// room with its official-documents panel (before and after issuing), the public verification
/// page for a code really issued (and a file of it altered after signing); the PDFs themselves (dossier document, official document) are
/// not HTML — axe does not apply — so their type and French file name are checked instead.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed partial class ClosedSessionAccessibilityEndToEndTests(BrowserFixture fixture, ITestOutputHelper output) : LiveJuryTest(fixture, output)
{
    private const string Room = "/sessions/{SessionId:guid}";

    private readonly List<string> _pdfs = [];

    [EndToEndFact]
    public async Task WCAG_2_1_AA_the_closed_room_its_official_documents_and_the_verification_of_an_issued_code_have_no_serious_or_critical_violation()
    {
        var log = new PageAuditLog(Output.WriteLine);
        await RunWithJuryAsync(nameof(ClosedSessionAccessibilityEndToEndTests), simultaneously: false, (jury, demo) => RunAsync(Server, jury, demo, log), AccessibilityPorts.Next(), Olivier);

        Output.WriteLine(string.Empty);
        Output.WriteLine("Pages covered:");
        Output.WriteLine(log.Summary());
        Output.WriteLine(string.Join(Environment.NewLine, _pdfs));
        var other = log.OtherViolations();
        if (other.Length > 0)
        {
            Output.WriteLine(string.Empty);
            Output.WriteLine("Minor and moderate findings (not failing):");
            Output.WriteLine(other);
        }

        var serious = log.SeriousViolations();
        Assert.True(serious.Length == 0, $"Serious or critical WCAG 2.1 A/AA violations:{Environment.NewLine}{serious}");
    }

    private async Task RunAsync(LiveServer server, Jury jury, DemoSession demo, PageAuditLog log)
    {
        // Olivier, alone in the room, is designated by his own proposal; every dossier on the agenda is postponed; he closes.
        var o = jury[Olivier];
        await o.Page.SelectOptionAsync("#president-select", demo.Member(Olivier).Id.ToString());
        await o.ClickAsync("propose-president");
        await Expect(o.ByTestId("president")).ToContainTextAsync("Olivier Garnier");
        foreach (var dossier in new[] { "Fontaine", "Mercier", "Haddad", "Perrin", "Dubois", "Leroy" }.Select(demo.Dossier))
        {
            await AsPresidentAsync(server, demo, room => room.DeclareConflictAsync(demo.SessionId, dossier.Id, false, null));
            await AsPresidentAsync(server, demo, room => room.PostponeAsync(demo.SessionId, dossier.Id, "Pièces complémentaires attendues."));
        }

        // A dossier document, as the president's browser gets it while the session is open.
        Guid documentId = default;
        var dubois = demo.Dossier("Dubois").Id;
        await server.Factory.WithDbAsync(async db => documentId = await db.Documents
            .Where(d => d.DossierId == dubois).Select(d => d.Id).FirstAsync());
        await ExpectPdfAsync(o, $"{server.BaseUrl}/documents/{documentId}", "/documents/{id}", DossierFileName());

        await AsPresidentAsync(server, demo, room => room.CloseSessionAsync(demo.SessionId));
        await Expect(o.ByTestId("session-closed")).ToBeVisibleAsync();
        await Expect(o.ByTestId("generate-documents")).ToBeVisibleAsync();
        // Issue 19: without App:PublicBaseUrl (outside Production) the room says, before issuing, which address the documents will print.
        await Expect(o.ByTestId("address-notice")).ToContainTextAsync($"Le réglage App:PublicBaseUrl n'est pas renseigné : les documents porteront l'adresse de ce navigateur, « {server.BaseUrl.TrimEnd('/')} »");
        await log.CheckAsync(o.Page, Room, "session clôturée, documents officiels à générer");

        await o.ClickAsync("generate-documents");
        var issued = o.Page.Locator("[data-testid=issued-list] tbody tr");
        await Expect(issued).Not.ToHaveCountAsync(0);
        await Expect(o.ByTestId("generate-documents")).ToHaveCountAsync(0);
        await log.CheckAsync(o.Page, Room, "session clôturée, documents officiels émis");

        // The public verification page, for a code really issued, seen by an anonymous visitor.
        var code = (await issued.First.Locator("code").InnerTextAsync()).Trim();
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
        });
        var visitor = await context.NewPageAsync();
        await visitor.GotoAsync($"{server.BaseUrl}/verifier/{code}");
        await visitor.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(visitor.Locator("[data-testid=verification-result]")).ToContainTextAsync("Document authentique.");
        await log.CheckAsync(visitor, "/verifier/{Code}", "visiteur, code émis (document authentique)");

        // The same page through the address in capitals that the QR code carries under a bare host (R14): served, and
        // still the verification page once the browser's router has taken over (the circuit is interactive).
        var qrAddress = VerificationStamp.For(code, server.BaseUrl).QrContent;
        Assert.Equal($"{server.BaseUrl}/verifier/{code}".ToUpperInvariant(), qrAddress);
        await visitor.GotoAsync(qrAddress);
        await visitor.WaitForSelectorAsync("[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await Expect(visitor.Locator("[data-testid=verification-result]")).ToContainTextAsync("Document authentique.");
        await Expect(visitor.Locator("h1")).ToHaveTextAsync("Vérifier un document du jury");

        // The official document, as the president's browser gets it.
        var official = await issued.First.Locator("a[href^='/documents-officiels/']").First.GetAttributeAsync("href");
        await ExpectPdfAsync(o, server.BaseUrl + official, "/documents-officiels/{id}", OfficialFileName());

        // Issue 22: the issued file itself, one byte changed after signing, dropped on the verification page of its code:
        // the page says the file differs and its signature no longer holds.
        var tampered = await (await o.Context.APIRequest.GetAsync(server.BaseUrl + official)).BodyAsync();
        tampered[200] ^= 0x01;
        await visitor.GotoAsync($"{server.BaseUrl}/verifier/{code}");
        await visitor.WaitForSelectorAsync("[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await visitor.Locator(".cqp-file-picker input[type=file]").SetInputFilesAsync(new FilePayload { Name = "document.pdf", MimeType = "application/pdf", Buffer = tampered });
        await Expect(visitor.Locator("[data-testid=file-signature]")).ToHaveAttributeAsync("data-signature", "Altered");
        await Expect(visitor.Locator("[data-testid=file-signature]")).ToContainTextAsync("La signature électronique du fichier n'est plus valide : le fichier a été modifié après sa signature.");
        await Expect(visitor.Locator("[data-testid=file-result]")).ToHaveAttributeAsync("data-matches", "false");
        await log.CheckAsync(visitor, "/verifier/{Code}", "visiteur, fichier modifié après sa signature");
        // R16: once the session is closed its dossiers' working documents are the secretariat's only.
        var refused = await o.Context.APIRequest.GetAsync($"{server.BaseUrl}/documents/{documentId}");
        Assert.Equal(403, refused.Status);
    }

    /// <summary>A PDF response (no HTML, so no axe): 200, application/pdf, inline, with a French file name.</summary>
    private async Task ExpectPdfAsync(MemberScreen screen, string url, string route, Regex frenchName)
    {
        var response = await screen.Context.APIRequest.GetAsync(url);
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        var disposition = response.Headers["content-disposition"];
        Assert.StartsWith("inline", disposition, StringComparison.Ordinal);
        var name = FileName().Match(disposition).Groups[1].Value;
        Assert.Matches(frenchName, name);
        var body = await response.BodyAsync();
        Assert.Equal("%PDF"u8.ToArray(), body.Take(4).ToArray());
        _pdfs.Add($"{route} – PDF brut (axe ne s'applique pas) : application/pdf, « {name} », {body.Length} octets  {url}");
    }

    [GeneratedRegex("filename=\"?([^\";]+)")]
    private static partial Regex FileName();

    /// <summary>What the document is, in French, then the candidate (for a dossier's documents) and the jury's date.</summary>
    [GeneratedRegex(@"^(fiche-decision|proces-verbal|feuille-emargement|certificat|attestation-validation-partielle)(-[a-z0-9-]+)?-\d{4}-\d{2}-\d{2}\.pdf$")]
    private static partial Regex OfficialFileName();

    [GeneratedRegex(@"^dossier-vae-dubois\.pdf$")]
    private static partial Regex DossierFileName();

    private static Task AsPresidentAsync(LiveServer server, DemoSession demo, Func<RoomService, Task> action) =>
        server.Factory.AsUserAsync(demo.Member(Olivier).Email, sp => action(sp.GetRequiredService<RoomService>()));
}

