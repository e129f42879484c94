using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Security;

/// <summary>
/// The active accounts of a session's convened members, read once for the room pages reloading for the same
/// event (<see cref="Room.RoomReading"/>) instead of one account query per page — the same account as
/// <see cref="ActorResolver.OfAsync"/> reads (active, its sign-in's stamp, its role and active member), read after
/// the event like the query it replaces. Work per vote: Performance/README.md.
/// </summary>
public sealed class SessionAccounts
{
    private readonly Dictionary<string, Account> _byUser;

    private SessionAccounts(Dictionary<string, Account> byUser) => _byUser = byUser;

    private sealed record Account(string Id, string DisplayName, string? SecurityStamp, bool IsSecretariat, Guid? ActiveMemberId);

    /// <summary>The active accounts of these jury members.</summary>
    public static async Task<SessionAccounts> ReadAsync(CqpJuryDbContext db, IEnumerable<Guid> memberIds, CancellationToken cancellationToken)
    {
        var ids = memberIds.ToList();
        var accounts = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.JuryMemberId != null && ids.Contains(u.JuryMemberId.Value))
            .Select(u => new Account(
                u.Id,
                u.DisplayName,
                u.SecurityStamp,
                db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Secretariat)),
                db.JuryMembers.Where(m => m.Id == u.JuryMemberId && m.IsActive).Select(m => (Guid?)m.Id).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return new SessionAccounts(accounts.ToDictionary(a => a.Id, StringComparer.Ordinal));
    }

    /// <summary>
    /// The actor signed in as <paramref name="userId"/> with <paramref name="stamp"/>, as <see cref="ActorResolver.OfAsync"/>
    /// would find it; null when this reading cannot tell (not among the session's active member accounts, or another
    /// stamp): the caller asks the database then, which decides and refuses.
    /// </summary>
    public Actor? Find(string userId, string? stamp) =>
        _byUser.TryGetValue(userId, out var account) && (stamp is null || account.SecurityStamp == stamp)
            ? new Actor(account.Id, account.DisplayName, account.IsSecretariat, account.ActiveMemberId)
            : null;
}
