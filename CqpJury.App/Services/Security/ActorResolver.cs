using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

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
    public const string SecurityStampClaim = "AspNet.Identity.SecurityStamp";

    /// <summary>
    /// The account behind an action: active, with the sign-in's stamp, and its role and active member. It runs on every
    /// action and every room reload, where building and looking up the LINQ query each time cost more than running it:
    /// compiled once per model (EF.CompileAsyncQuery; each provider's context has its own model and one process may
    /// hold both). Measured in Performance/README.md.
    /// </summary>
    private static readonly Expression<Func<CqpJuryDbContext, string, string?, CancellationToken, AccountRow?>> ActiveAccountQuery =
        (db, userId, stamp, _) => db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.IsActive && (stamp == null || u.SecurityStamp == stamp))
            .Select(u => new AccountRow(
                u.Id,
                u.DisplayName,
                db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Secretariat)),
                db.JuryMembers.Where(m => m.Id == u.JuryMemberId && m.IsActive).Select(m => (Guid?)m.Id).FirstOrDefault()))
            .FirstOrDefault();

    private static readonly ConditionalWeakTable<IModel, Func<CqpJuryDbContext, string, string?, CancellationToken, Task<AccountRow?>>> ActiveAccount = [];

    private sealed record AccountRow(string Id, string DisplayName, bool IsSecretariat, Guid? ActiveMemberId);

    public async Task<Actor?> TryGetAsync(CancellationToken cancellationToken = default) =>
        await PrincipalAsync() is { } principal ? await OfAsync(principal, cancellationToken) : null;

    /// <summary>
    /// The account behind <paramref name="principal"/> (a sign-in), or null when it no longer holds: the account
    /// deactivated or gone, or its security stamp changed since (a sign-out, a deactivation). Also the circuits'
    /// periodic check (<see cref="RevalidatingAuthenticationStateProvider"/>).
    /// </summary>
    public async Task<Actor?> OfAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }

        // The sign-in's security stamp: changed by a sign-out or a deactivation, which end every sign-in of the
        // account at once — its next action is refused, before the circuit's revalidation drops it (issue 23).
        var stamp = principal.FindFirstValue(SecurityStampClaim);

        // One query (every action and every room reload passes here): the active account, its role and its active member.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = ActiveAccount.GetValue(db.Model, static _ => EF.CompileAsyncQuery(ActiveAccountQuery));
        var user = await query(db, userId, stamp, cancellationToken);
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
