using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.EndToEnd.Infrastructure;

/// <summary>A page of a new browser context, signed in through the real form (the caller closes the context it is given).</summary>
internal static class SignedInPages
{
    public static async Task<IPage> NewSignedInPageAsync(this IBrowser browser, ICollection<IBrowserContext> contexts, string baseUrl, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(contexts);
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "fr-FR" });
        contexts.Add(context);
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{baseUrl}/connexion");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{baseUrl}/**");
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/connexion"));
        return page;
    }
}
