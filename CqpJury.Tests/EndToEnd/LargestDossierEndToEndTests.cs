using System.Diagnostics;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Dossiers;
using CqpJury.App.Services.Room;
using CqpJury.Tests.EndToEnd.Infrastructure;
using CqpJury.Tests.Integration.Dossiers;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.EndToEnd;

/// <summary>
/// Issue 26: the largest dossier the limits allow (every grid at its element limit, every text at
/// its length limit, the most activity periods) imports, and a real browser opens its page (the
/// secretariat) and shows it in the room (a member) within 2 s each — where a 40,000-element grid
/// once never rendered. The timings go to the test output; docs/benchmarks.md records a run.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class LargestDossierEndToEndTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncDisposable
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    [EndToEndFact]
    public async Task The_largest_dossier_allowed_imports_and_opens_on_its_page_and_in_the_room_within_2_seconds()
    {
        await using var server = LiveServer.Start();
        var demo = await server.SeedDemoAsync();
        var factory = server.Factory;
        var (secretariat, password) = await factory.CreateSecretariatAsync("grand.dossier@test.fr");
        await DossierTestData.AddEvaluatorsAsync(factory);
        var codes = factory.Services.GetRequiredService<ReferentialCatalog>().Find("CQP-CCF")!.Competences.Select(c => c.Code).ToList();
        var json = ImportFiles.Largest(codes, DateOnly.FromDateTime(factory.Clock.GetLocalNow().DateTime));

        var importing = Stopwatch.StartNew();
        var imported = await factory.AsUserAsync(secretariat, sp => sp.GetRequiredService<DossierImportService>().ImportAsync(json));
        importing.Stop();
        var big = Assert.Single(imported.Dossiers);
        var lastLabel = $"C6 élément {DossierLimits.ElementsPerCompetence} : ";
        output.WriteLine($"import of the largest dossier ({json.Length / 1024} KB, {codes.Count * DossierLimits.ElementsPerCompetence} elements): {importing.ElapsedMilliseconds} ms");

        // On the open demo session's agenda; Amandine has answered the conflict question (no link).
        await factory.WithDbAsync(async db =>
        {
            var last = await db.AgendaItems.Where(a => a.SessionId == demo.SessionId).MaxAsync(a => a.Position);
            db.AgendaItems.Add(new AgendaItem { Id = Guid.NewGuid(), SessionId = demo.SessionId, DossierId = big.Id, Position = last + 1 });
            await db.SaveChangesAsync();
        });
        var amandine = demo.Member(Jury.Amandine);
        await factory.AsUserAsync(amandine.Email, sp => sp.GetRequiredService<RoomService>().AcceptConfidentialityAsync(demo.SessionId)); // R16: before any dossier
        await factory.AsUserAsync(amandine.Email, sp => sp.GetRequiredService<RoomService>().DeclareConflictAsync(demo.SessionId, big.Id, false, null));

        // The secretariat's dossier page, after a first page has warmed the server up. Each view is
        // timed three times (a new page load each time) and judged on its best time: one slow
        // attempt on a busy machine is noise, three are not.
        var page = await NewSignedInPageAsync(server.BaseUrl, secretariat, password);
        await TimeAsync("warm-up: a demo dossier's page (about 25 grid lines)", async () =>
        {
            await page.GotoAsync($"{server.BaseUrl}/secretariat/dossiers/{demo.Dossier("Leroy").Id}");
            await page.WaitForSelectorAsync("[data-interactive=true]", new() { State = WaitForSelectorState.Attached });
        });
        var lastGrid = page.Locator("section[data-competence='C6']");
        var dossierPage = TimeSpan.MaxValue;
        var gridOpening = TimeSpan.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            dossierPage = Min(dossierPage, await TimeAsync($"dossier page ({codes.Count} grids of {DossierLimits.ElementsPerCompetence} lines, folded)", async () =>
            {
                await page.GotoAsync($"{server.BaseUrl}/secretariat/dossiers/{big.Id}");
                await page.WaitForSelectorAsync("[data-interactive=true]", new() { State = WaitForSelectorState.Attached });
                await Expect(lastGrid).ToContainTextAsync($"{DossierLimits.ElementsPerCompetence} éléments de compétence");
            }));

            // A grid at its limit is shown on demand: opening it is one more step, timed apart.
            gridOpening = Min(gridOpening, await TimeAsync($"one grid of {DossierLimits.ElementsPerCompetence} lines opened for editing", async () =>
            {
                await lastGrid.Locator("button.open-grid").ClickAsync();
                await page.WaitForFunctionAsync("label => [...document.querySelectorAll('input')].some(i => i.value.startsWith(label))", lastLabel);
            }));
        }

        await lastGrid.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("largest-dossier-page.png") });
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Screenshot("largest-dossier-top.png") });
        await page.EvaluateAsync("() => window.scrollTo(0, 700)");
        await page.ScreenshotAsync(new() { Path = Screenshot("largest-dossier-candidate.png") });
        await page.GotoAsync($"{server.BaseUrl}/secretariat/dossiers");
        await Expect(page.Locator("[data-testid=hand-delivery]").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Screenshot("dossier-list.png") });

        // The room: Amandine opens it and shows the dossier from the agenda.
        var room = await NewSignedInPageAsync(server.BaseUrl, amandine.Email, amandine.Password);
        var shown = room.Locator($"[data-testid=dossier][data-dossier='{big.Reference}']");
        var roomPage = TimeSpan.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            roomPage = Min(roomPage, await TimeAsync("room (page, circuit, the dossier shown from the agenda)", async () =>
            {
                await room.GotoAsync($"{server.BaseUrl}/sessions/{demo.SessionId}");
                await room.WaitForSelectorAsync("[data-interactive=true]", new() { State = WaitForSelectorState.Attached });
                await room.Locator($"[data-testid=agenda] li[data-dossier='{big.Reference}'] button").First.ClickAsync();
                await Expect(shown).ToHaveAttributeAsync("data-participation", "Participant");
                await Expect(shown.GetByText(lastLabel + "C6", new() { Exact = false }).First).ToBeAttachedAsync();
            }));
        }

        await room.ScreenshotAsync(new() { Path = Screenshot("largest-dossier-room.png") });
        output.WriteLine($"best of 3: dossier page {dossierPage.TotalMilliseconds:0} ms, grid opened {gridOpening.TotalMilliseconds:0} ms, room {roomPage.TotalMilliseconds:0} ms; load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Assert.True(dossierPage < Budget, $"the largest dossier's page took {dossierPage.TotalMilliseconds:0} ms at best");
        Assert.True(gridOpening < Budget, $"opening a grid of {DossierLimits.ElementsPerCompetence} lines took {gridOpening.TotalMilliseconds:0} ms at best");
        Assert.True(roomPage < Budget, $"the room with the largest dossier took {roomPage.TotalMilliseconds:0} ms at best");
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Runs <paramref name="step"/>, writes its wall time and the app's CPU time (the app runs in this process), returns the wall time.</summary>
    private async Task<TimeSpan> TimeAsync(string what, Func<Task> step)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await step();
        clock.Stop();
        output.WriteLine($"{what}: {clock.ElapsedMilliseconds} ms (test process CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds:0} ms)");
        return clock.Elapsed;
    }

    private readonly List<IBrowserContext> _contexts = [];

    /// <summary>A browser context of its own, signed in through the real form.</summary>
    private Task<IPage> NewSignedInPageAsync(string baseUrl, string email, string password) =>
        fixture.Browser.NewSignedInPageAsync(_contexts, baseUrl, email, password);

    private static string Screenshot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "e2e-screenshots", "largest-dossier");
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
