using CqpJury.Tests.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CqpJury.Tests.EndToEnd;

/// <summary>
/// Issue 23 point 2 in a real browser: a member with the room open in two tabs signs out in one; the other
/// tab's circuit is dropped within seconds (its revalidation finds the sign-in ended) and shows the sign-in page.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class SignOutEndToEndTests(BrowserFixture fixture, ITestOutputHelper output) : LiveJuryTest(fixture, output)
{
    [EndToEndFact]
    public Task Signing_out_in_one_tab_drops_the_room_open_in_another_within_seconds() =>
        RunWithJuryAsync(nameof(Signing_out_in_one_tab_drops_the_room_open_in_another_within_seconds), simultaneously: false, async (jury, demo) =>
        {
            var amandine = jury[Jury.Amandine];
            var second = await amandine.Page.Context.NewPageAsync();
            await second.GotoAsync($"{amandine.BaseUrl}/sessions/{demo.SessionId}");
            await second.WaitForSelectorAsync("[data-testid=presence]");
            Log("room open in a second tab");

            await amandine.Page.ClickAsync("form[action='/deconnexion'] button[type=submit]");
            await amandine.Page.WaitForURLAsync($"{amandine.BaseUrl}/connexion");
            var signedOutAt = DateTime.UtcNow;
            Log("signed out in the first tab");

            await second.WaitForURLAsync(url => url.Contains("/connexion", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = 20_000 });
            var dropped = DateTime.UtcNow - signedOutAt;
            Log($"second tab on the sign-in page after {dropped.TotalSeconds:0.0} s");
            Assert.True(dropped < TimeSpan.FromSeconds(15), $"the open room stayed {dropped.TotalSeconds:0.0} s");
        }, members: Jury.Amandine);
}
