using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace CqpJury.App.Services.Security;

/// <summary>
/// Re-checks, every few seconds, that a circuit's user still exists, is active and has the same
/// security stamp: a member deactivated by the secretariat, or signed out from another tab, is signed
/// out of open pages too (every action also re-checks the account, see <see cref="ActorResolver"/>).
/// The check is the actions' own compiled account query — one query, no Identity scope per circuit
/// and per check (Performance/README.md: each open circuit runs it every 10 s).
/// </summary>
public sealed class RevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, ActorResolver actors)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(10);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        return IsStillSignedInAsync(authenticationState.User, cancellationToken);
    }

    /// <summary>Does <paramref name="user"/>'s sign-in still hold (the check each open circuit runs every 10 s)?</summary>
    public async Task<bool> IsStillSignedInAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);

        // Every sign-in carries its account's security stamp; a principal without one is not a sign-in of ours.
        return user.FindFirstValue(ActorResolver.SecurityStampClaim) is not null
            && await actors.OfAsync(user, cancellationToken) is not null;
    }
}
