using CqpJury.App.Services.Privacy;
using CqpJury.Tests.EndToEnd.Infrastructure;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.EndToEnd;

/// <summary>
/// Issue 21 end to end, in real browsers: a member entering the demo session's room for the first time meets the
/// confidentiality commitment; refusing leaves her outside (nothing of the dossiers reaches her screen); accepting
/// lets her in, and she reads a dossier. The secretariat then finds her read in that dossier's « Historique des
/// accès » — and its own visit of the page recorded once, though the page is prerendered then made interactive.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class ConfidentialityEndToEndTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncDisposable
{
    private static readonly PageWaitForSelectorOptions Attached = new() { State = WaitForSelectorState.Attached, Timeout = 60_000 };

    /// <summary>Generous waits on conditions (a loaded CI machine), never fixed sleeps.</summary>
    private const float Patience = 30_000;

    private readonly List<IBrowserContext> _contexts = [];

    [EndToEndFact]
    public async Task R16_a_member_meets_the_commitment_refuses_and_stays_out_accepts_and_reads_and_the_secretariat_sees_her_read()
    {
        var started = DateTime.UtcNow;
        await using var server = LiveServer.Start();
        var demo = await server.SeedDemoAsync();
        output.WriteLine($"{(DateTime.UtcNow - started).TotalSeconds:0.0} s  server started, demo seeded");
        var amandine = demo.Member(Infrastructure.Jury.Amandine);
        var leroy = demo.Dossier("Leroy");

        // First entry into the room: the commitment, and nothing else of the session.
        var member = await fixture.Browser.NewSignedInPageAsync(_contexts, server.BaseUrl, amandine.Email, amandine.Password);
        await member.GotoAsync($"{server.BaseUrl}/sessions/{demo.SessionId}");
        await member.WaitForSelectorAsync("[data-interactive=true]", Attached);
        await Expect(member.Locator("[data-testid=commitment]")).ToContainTextAsync(ConfidentialityCommitment.Title, new() { Timeout = Patience });
        await Expect(member.Locator("[data-testid=agenda]")).ToHaveCountAsync(0);
        await Shot(member, "01-commitment");

        // She refuses: she stays outside, nothing of the dossiers shown, no acceptance recorded.
        await member.Locator("[data-testid=commitment-decline]").ClickAsync();
        await Expect(member.Locator("[data-testid=commitment-declined]")).ToContainTextAsync("vous restez hors de la salle", new() { Timeout = Patience });
        await Expect(member.Locator("[data-testid=presence]")).ToHaveCountAsync(0);
        await Expect(member.Locator("main")).Not.ToContainTextAsync(leroy.CandidateLastName);
        Assert.Equal(0, await AcceptancesAsync(server, amandine.Id));
        await Shot(member, "02-declined");
        output.WriteLine($"{(DateTime.UtcNow - started).TotalSeconds:0.0} s  refused: outside the room");

        // She reads it again and accepts: she enters, then reads Maxime Leroy's dossier.
        await member.Locator("[data-testid=commitment-again]").ClickAsync();
        await member.Locator("[data-testid=commitment-accept]").ClickAsync();
        await Expect(member.Locator("[data-testid=presence]")).ToBeVisibleAsync(new() { Timeout = Patience });
        Assert.Equal(1, await AcceptancesAsync(server, amandine.Id));
        await member.Locator($"[data-testid=agenda] li[data-dossier='{leroy.Reference}'] .room-agenda-button").ClickAsync();
        var dossier = member.Locator($"[data-testid=dossier][data-dossier='{leroy.Reference}']");
        await Expect(dossier).ToHaveAttributeAsync("data-participation", "MustDeclare", new() { Timeout = Patience });
        await member.Locator("[data-testid=declare-no-link]").ClickAsync();
        await Expect(dossier).ToHaveAttributeAsync("data-participation", "Participant", new() { Timeout = Patience });
        await Expect(dossier).ToContainTextAsync(leroy.ElementLabels[0]);
        await Shot(member, "03-reading");
        output.WriteLine($"{(DateTime.UtcNow - started).TotalSeconds:0.0} s  accepted, dossier read");

        // The secretariat opens the dossier's page: her read is in its access history, and this visit once.
        var (email, password) = await server.Factory.CreateSecretariatAsync("dpo@test.fr");
        var office = await fixture.Browser.NewSignedInPageAsync(_contexts, server.BaseUrl, email, password);
        await office.GotoAsync($"{server.BaseUrl}/secretariat/dossiers/{leroy.Id}");
        await office.WaitForSelectorAsync("[data-interactive=true]", Attached);
        var lines = office.Locator("[data-testid=access-history] [data-testid=access-line]");
        var herRead = lines.Filter(new() { HasText = amandine.FullName });
        await Expect(herRead).ToHaveCountAsync(1, new() { Timeout = Patience });
        await Expect(herRead).ToContainTextAsync(AccessPlaces.Room);
        await Expect(herRead).ToContainTextAsync("Consulté");
        await Expect(lines.Filter(new() { HasText = AccessPlaces.SecretariatDossierPage })).ToHaveCountAsync(1);
        await office.Locator("[data-testid=candidate-rights]").ScreenshotAsync(new() { Path = ShotPath("04-candidate-rights") });
        await office.Locator("[data-testid=access-history]").ScreenshotAsync(new() { Path = ShotPath("05-access-history") });
        Assert.Equal(1, await PageVisitsAsync(server, leroy.Id));

        // A second visit (the page loaded again) is a second line, not two.
        await office.ReloadAsync();
        await office.WaitForSelectorAsync("[data-interactive=true]", Attached);
        await Expect(lines.Filter(new() { HasText = AccessPlaces.SecretariatDossierPage })).ToHaveCountAsync(2, new() { Timeout = Patience });
        Assert.Equal(2, await PageVisitsAsync(server, leroy.Id));
        output.WriteLine($"{(DateTime.UtcNow - started).TotalSeconds:0.0} s  the secretariat sees the read; one line per visit");
    }

    private static async Task<int> AcceptancesAsync(LiveServer server, Guid memberId)
    {
        var count = 0;
        await server.Factory.WithDbAsync(async db => count = await db.ConfidentialityAcceptances.CountAsync(a => a.JuryMemberId == memberId));
        return count;
    }

    private static async Task<int> PageVisitsAsync(LiveServer server, Guid dossierId)
    {
        var count = 0;
        await server.Factory.WithDbAsync(async db =>
            count = await db.DossierAccesses.CountAsync(a => a.DossierId == dossierId && a.Place == AccessPlaces.SecretariatDossierPage));
        return count;
    }

    private static async Task Shot(IPage page, string name) => await page.ScreenshotAsync(new() { Path = ShotPath(name), FullPage = true });

    private static string ShotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "e2e-screenshots", "confidentiality");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name + ".png");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
    }
}
