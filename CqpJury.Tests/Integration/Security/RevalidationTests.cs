using System.Security.Claims;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Security;

/// <summary>
/// The check every open circuit runs every 10 s (RevalidatingAuthenticationStateProvider): the sign-in holds while the
/// account is active with the same security stamp; a deactivation or a sign-out (a new stamp) ends it.
/// </summary>
public sealed class RevalidationTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static async Task<(RevalidatingAuthenticationStateProvider Provider, ClaimsPrincipal User)> CircuitOfAsync(IServiceProvider sp)
    {
        var provider = (RevalidatingAuthenticationStateProvider)sp.GetRequiredService<AuthenticationStateProvider>();
        return (provider, (await provider.GetAuthenticationStateAsync()).User);
    }

    [Fact]
    public async Task An_active_sign_in_holds_and_a_deactivation_ends_it()
    {
        var (_, email, _) = await _factory.CreateMemberWithAccountAsync("Paul", "Martin", Seat.EmployerRepresentative);
        await _factory.AsUserAsync(email, async sp =>
        {
            var (provider, user) = await CircuitOfAsync(sp);
            Assert.True(await provider.IsStillSignedInAsync(user));

            await _factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
            Assert.False(await provider.IsStillSignedInAsync(user));
        });
    }

    [Fact]
    public async Task A_new_security_stamp_a_sign_out_ends_the_sign_ins_made_before_it()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        await _factory.AsUserAsync(email, async sp =>
        {
            var (provider, user) = await CircuitOfAsync(sp);
            Assert.True(await provider.IsStillSignedInAsync(user));

            var users = sp.GetRequiredService<UserManager<AppUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(email))!);
            Assert.False(await provider.IsStillSignedInAsync(user));
        });
    }

    [Fact]
    public async Task A_principal_without_a_security_stamp_or_an_account_is_not_a_sign_in()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        await _factory.AsUserAsync(email, async sp =>
        {
            var (provider, user) = await CircuitOfAsync(sp);
            var withoutStamp = new ClaimsPrincipal(new ClaimsIdentity(user.Claims.Where(c => c.Type != ActorResolver.SecurityStampClaim), "Identity.Application"));
            Assert.False(await provider.IsStillSignedInAsync(withoutStamp));
            Assert.False(await provider.IsStillSignedInAsync(new ClaimsPrincipal(new ClaimsIdentity())));
        });
    }
}
