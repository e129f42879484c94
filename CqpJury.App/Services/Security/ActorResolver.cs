using System.Security.Claims;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Security;

/// <summary>
/// Resolves the acting user for every server-side action, from the circuit's authentication
/// state (or the HTTP request for endpoints), and re-reads the account from the database each
/// time: a deactivated account loses access at once, even in an open circuit.
/// </summary>
public sealed class ActorResolver(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    IServiceProvider services,
    ILogger<ActorResolver> logger)
{
    /// <summary>Identity's claim type of the security stamp (IdentityOptions.ClaimsIdentity.SecurityStampClaimType's default).</summary>
    private const string SecurityStampClaim = "AspNet.Identity.SecurityStamp";

    public async Task<Actor?> TryGetAsync(CancellationToken cancellationToken = default)
    {
        var principal = await PrincipalAsync();
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }

        // The sign-in's security stamp: changed by a sign-out or a deactivation, which end every sign-in of the
        // account at once — its next action is refused, before the circuit's revalidation drops it (issue 23).
        var stamp = principal!.FindFirstValue(SecurityStampClaim);

        // One query (every action and every room reload passes here): the active account, its role and its active member.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.IsActive && (stamp == null || u.SecurityStamp == stamp))
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                IsSecretariat = db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Secretariat)),
                ActiveMemberId = db.JuryMembers.Where(m => m.Id == u.JuryMemberId && m.IsActive).Select(m => (Guid?)m.Id).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return user is null ? null : new Actor(user.Id, user.DisplayName, user.IsSecretariat, user.ActiveMemberId);
    }

    /// <summary>The acting user, or <see cref="AccessDeniedException"/> (logged) when there is none.</summary>
    public async Task<Actor> RequireAsync(string action, CancellationToken cancellationToken = default)
    {
        var actor = await TryGetAsync(cancellationToken);
        if (actor is null)
        {
            logger.LogWarning("Refused {Action}: no active authenticated user", action);
            throw new AccessDeniedException("Votre session a expiré ou votre compte est désactivé : reconnectez-vous.");
        }

        return actor;
    }

    /// <summary>The acting secretariat user, or <see cref="AccessDeniedException"/> (logged).</summary>
    public async Task<Actor> RequireSecretariatAsync(string action, CancellationToken cancellationToken = default)
    {
        var actor = await RequireAsync(action, cancellationToken);
        if (!actor.IsSecretariat)
        {
            logger.LogWarning("Refused {Action} to user {UserId}: not secretariat", action, actor.UserId);
            throw new AccessDeniedException("Cette action est réservée au secrétariat de la CPEF.");
        }

        return actor;
    }

    private async Task<ClaimsPrincipal?> PrincipalAsync()
    {
        var http = services.GetService<IHttpContextAccessor>()?.HttpContext;
        var provider = services.GetService<AuthenticationStateProvider>();
        if (provider is not null)
        {
            try
            {
                return (await provider.GetAuthenticationStateAsync()).User;
            }
            catch (InvalidOperationException)
            {
                // Not in a circuit or a component render (a minimal-API endpoint): use the request.
            }
        }

        return http?.User;
    }
}
