using System.Net;
using System.Text.RegularExpressions;
using CqpJury.App.Services;
using CqpJury.App.Services.Security;
using CqpJury.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Security;

/// <summary>Issue 23 point 2: signing out ends the sign-in on the server; the sign-out needs the antiforgery token.</summary>
public sealed partial class SignOutTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task A_cookie_replayed_after_sign_out_gets_the_sign_in_page_and_no_document()
    {
        var (email, password) = await _factory.CreateSecretariatAsync();
        using var client = _factory.CreateBrowserLikeClient();
        using var signIn = await client.SignInAsync(email, password);
        Assert.True(signIn.IsRedirect());
        var cookie = signIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("CqpJury.Auth=", StringComparison.Ordinal)).Split(';')[0];
        using (var before = await client.GetAsync(new Uri("/secretariat/dossiers", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var signedOut = await SignOutAsync(client);
        Assert.True(signedOut.IsRedirect());

        // A copy of the old cookie, as an attacker who kept it would send it.
        using var replay = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        replay.DefaultRequestHeaders.Add("Cookie", cookie);
        using var page = await replay.GetAsync(new Uri("/secretariat/dossiers", UriKind.Relative));
        Assert.True(page.IsRedirect(), $"Expected the sign-in page, got {(int)page.StatusCode}");
        Assert.StartsWith("/connexion", page.Headers.Location!.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
        using var document = await replay.GetAsync(new Uri($"/documents/{Guid.NewGuid()}/telecharger", UriKind.Relative));
        Assert.True(document.IsRedirect(), $"Expected the sign-in page, got {(int)document.StatusCode}");
    }

    [Fact]
    public async Task An_open_circuit_of_that_sign_in_is_refused_its_next_action_at_once()
    {
        var (email, password) = await _factory.CreateSecretariatAsync();
        using var client = _factory.CreateBrowserLikeClient();
        await client.SignInAsync(email, password);

        // The principal a circuit holds was made before the sign-out; the actor check compares its security stamp.
        await _factory.AsUserAsync(email, async sp =>
        {
            Assert.NotNull(await sp.GetRequiredService<ActorResolver>().TryGetAsync());
            using var signedOut = await SignOutAsync(client);
            Assert.Null(await sp.GetRequiredService<ActorResolver>().TryGetAsync());
            await Assert.ThrowsAsync<AccessDeniedException>(() => sp.GetRequiredService<ActorResolver>().RequireSecretariatAsync("test"));
        });
    }

    [Fact]
    public async Task A_sign_out_without_the_antiforgery_token_is_refused_and_the_session_stays()
    {
        var (email, password) = await _factory.CreateSecretariatAsync();
        using var client = _factory.CreateBrowserLikeClient();
        await client.SignInAsync(email, password);

        using var forged = new FormUrlEncodedContent([]);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/deconnexion", UriKind.Relative)) { Content = forged };
        request.Headers.Add("Origin", "https://site-malveillant.example");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Déconnexion refusée", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var still = await client.GetAsync(new Uri("/secretariat/dossiers", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    private static async Task<HttpResponseMessage> SignOutAsync(HttpClient client)
    {
        // The token of the app bar's form, as the browser sends it.
        var page = await client.GetStringAsync(new Uri("/secretariat/dossiers", UriKind.Relative));
        var token = Token().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "no sign-out form with a token on the page");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        return await client.PostAsync(new Uri("/deconnexion", UriKind.Relative), form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    public void Dispose() => _factory.Dispose();
}
