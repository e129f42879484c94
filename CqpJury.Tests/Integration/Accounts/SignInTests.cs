using System.Net;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Integration.Accounts;

public sealed class SignInTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task Secretariat_signs_in_with_generated_password_and_gets_a_cookie()
    {
        var (email, password) = await _factory.CreateSecretariatAsync();
        using var client = _factory.CreateBrowserLikeClient();

        var response = await client.SignInAsync(email, password);

        Assert.True(response.IsRedirect(), $"Expected a redirect, got {(int)response.StatusCode}");
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("CqpJury.Auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_password_shows_a_French_message_and_keeps_the_email()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        using var client = _factory.CreateBrowserLikeClient();

        var response = await client.SignInAsync(email, "Mauvais-mot-de-passe-1");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Adresse électronique ou mot de passe incorrect.", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains($"value=\"{email}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_even_for_the_right_password()
    {
        var (email, password) = await _factory.CreateSecretariatAsync();
        using var client = _factory.CreateBrowserLikeClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync(email, "Mauvais-mot-de-passe-1");
        }

        var response = await client.SignInAsync(email, password);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.False(response.IsRedirect());
        Assert.Contains("votre compte est verrouillé", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_answers_200()
    {
        using var client = _factory.CreateClient();
        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
