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
    public async Task<Actor?> TryGetAsync(CancellationToken cancellationToken = default)
    {
        var principal = await PrincipalAsync();
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null || !user.IsActive)
        {
            return null;
        }

        var isSecretariat = await (from ur in db.UserRoles
                                   join r in db.Roles on ur.RoleId equals r.Id
                                   where ur.UserId == userId && r.Name == Roles.Secretariat
                                   select ur).AnyAsync(cancellationToken);
        Guid? memberId = null;
        if (user.JuryMemberId is { } id && await db.JuryMembers.AnyAsync(m => m.Id == id && m.IsActive, cancellationToken))
        {
            memberId = id;
        }

        return new Actor(user.Id, user.DisplayName, isSecretariat, memberId);
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
