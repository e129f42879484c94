using System.Net;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Security;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Security;

/// <summary>Issue 23 point 3: limits per client address and per account, a French 429 page, and room for normal use.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly AddressedAppFactory _factory = new();

    [Fact]
    public async Task Sign_in_attempts_on_one_account_are_limited_whatever_the_address_with_a_French_429_page()
    {
        _factory.Settings["RateLimits:SignIn:PerAccount"] = "4";
        var (email, password) = await _factory.CreateSecretariatAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var client = _factory.ClientFrom($"203.0.113.{i + 1}"); // another address each time
            using var response = await client.SignInAsync(email, "Mauvais mot de passe " + i);
            statuses.Add(response.StatusCode);
            if (i == 4)
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
                var page = await response.TextAsync();
                Assert.Contains("Trop de tentatives", page, StringComparison.Ordinal);
                Assert.Contains("lang=\"fr\"", page, StringComparison.Ordinal);
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        // Even the right password is refused on that account until the window ends; another account is not affected.
        using var late = _factory.ClientFrom("203.0.113.50");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await late.SignInAsync(email, password)).StatusCode);
        var (other, otherPassword) = await _factory.CreateSecretariatAsync("autre@test.fr");
        Assert.True((await late.SignInAsync(other, otherPassword)).IsRedirect());
    }

    [Fact]
    public async Task Sign_in_attempts_from_one_address_are_limited_across_accounts()
    {
        _factory.Settings["RateLimits:SignIn:PerAddress"] = "3";
        using var client = _factory.ClientFrom("198.51.100.7");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.SignInAsync($"inconnu{i}@test.fr", "Mauvais mot de passe");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        using var elsewhere = _factory.ClientFrom("198.51.100.8");
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.SignInAsync("inconnu@test.fr", "Mauvais mot de passe")).StatusCode);
    }

    [Fact]
    public async Task Codes_checked_on_the_verification_page_are_limited_per_address()
    {
        _factory.Settings["RateLimits:Verification:PerAddress"] = "5";
        using var client = _factory.ClientFrom("192.0.2.9");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.GetAsync(new Uri($"/verifier/AAAA-BBBB-CC{i:00}", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Contains(HttpStatusCode.OK, statuses);
    }

    [Fact]
    public async Task Wrong_signing_passwords_are_limited_per_account_and_then_even_the_right_one_waits()
    {
        var (email, password) = await _factory.CreateSecretariatAsync();
        await _factory.WithScopeAsync(async sp =>
        {
            var user = (await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!;
            var check = sp.GetRequiredService<SigningPasswordCheck>();
            for (var i = 0; i < 5; i++)
            {
                Assert.False(await check.CheckAsync(user, "faux mot de passe"));
            }

            var refused = await Assert.ThrowsAsync<RateLimitedException>(() => check.CheckAsync(user, password));
            Assert.StartsWith("Trop de tentatives en peu de temps : réessayez dans", refused.Message, StringComparison.Ordinal);
            return true;
        });
    }

    [Fact]
    public async Task A_jury_of_five_behind_one_address_signing_in_and_signing_ten_decisions_never_meets_a_limit()
    {
        var scenario = await RoomScenario.SeedAsync(_factory);
        foreach (var member in RoomScenario.Everyone)
        {
            using var client = _factory.ClientFrom("192.0.2.77");
            using var response = await client.SignInAsync(scenario.Email(member), scenario.Password(member));
            Assert.True(response.IsRedirect(), $"{member} could not sign in: {(int)response.StatusCode}");
        }

        // The president re-enters the password for ten decisions, one typo among them.
        await _factory.WithScopeAsync(async sp =>
        {
            var user = (await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(scenario.Email(RoomScenario.Olivier)))!;
            var check = sp.GetRequiredService<SigningPasswordCheck>();
            Assert.False(await check.CheckAsync(user, "faute de frappe"));
            for (var i = 0; i < 10; i++)
            {
                Assert.True(await check.CheckAsync(user, scenario.Password(RoomScenario.Olivier)));
            }

            return true;
        });

        // And everyone checks their documents' codes on the verification page.
        using var visitor = _factory.ClientFrom("192.0.2.77");
        for (var i = 0; i < 20; i++)
        {
            using var response = await visitor.GetAsync(new Uri($"/verifier/AAAA-BBBB-CC{i:00}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    public void Dispose() => _factory.Dispose();
}
