using CqpJury.App.Data.Entities;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.TestSupport;

/// <summary>
/// Calls the app's services as a signed-in user would from a circuit: a DI scope whose
/// AuthenticationStateProvider carries that user's real principal (built by Identity).
/// </summary>
public static class AuthenticatedScope
{
    /// <summary>Runs <paramref name="work"/> in a scope signed in as the account with <paramref name="email"/>.</summary>
    public static async Task<T> AsUserAsync<T>(this CqpJuryAppFactory factory, string email, Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = factory.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}");
        var principal = await sp.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user);
        var provider = (IHostEnvironmentAuthenticationStateProvider)sp.GetRequiredService<AuthenticationStateProvider>();
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return await work(sp);
    }

    public static Task AsUserAsync(this CqpJuryAppFactory factory, string email, Func<IServiceProvider, Task> work) =>
        factory.AsUserAsync(email, async sp =>
        {
            await work(sp);
            return true;
        });

    /// <summary>Runs <paramref name="work"/> in a scope with no signed-in user.</summary>
    public static async Task AnonymousAsync(this CqpJuryAppFactory factory, Func<IServiceProvider, Task> work)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = factory.Services.CreateAsyncScope();
        var provider = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(new System.Security.Claims.ClaimsPrincipal())));
        await work(scope.ServiceProvider);
    }
}
