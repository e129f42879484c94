using CqpJury.App.Data;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Room;

/// <summary>
/// R14: the signature re-asks the member's password. Five wrong passwords within fifteen minutes
/// lock signing for that member for fifteen minutes — the sign-in lockout's policy
/// (<c>IdentityExtensions</c>: 5 attempts, 15 minutes). Counted from the journal, where every
/// refused signature is written (« Refus : signature — mot de passe incorrect »): every instance
/// agrees, a restart forgets nothing, and the lock needs no state of its own.
/// </summary>
public static class SignatureLockout
{
    /// <summary>The journaled action of a signature refused for a wrong password (after « Refus : »).</summary>
    public const string WrongPasswordAction = "signature — mot de passe incorrect";

    /// <summary>The journaled action of a signature refused while locked (not counted as a wrong password).</summary>
    public const string LockedAction = "signature — verrouillée";

    public const int MaxWrongPasswords = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);

    /// <summary>Until when signing is locked for <paramref name="userId"/>, or null when it is not.</summary>
    public static async Task<DateTimeOffset?> LockedUntilAsync(CqpJuryDbContext db, string userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var action = "Refus : " + WrongPasswordAction;
        var since = now - Window - Duration;
        var failures = (await db.AuditEntries.AsNoTracking()
                .Where(a => a.UserId == userId && a.Action == action && a.At >= since)
                .Select(a => a.At)
                .ToListAsync(cancellationToken))
            .Order()
            .ToList();
        return LockedUntil(failures, now);
    }

    /// <summary>The lock that <paramref name="failures"/> (oldest first) put on signing at <paramref name="now"/>: from the fifth failure within the window, for <see cref="Duration"/>.</summary>
    public static DateTimeOffset? LockedUntil(IReadOnlyList<DateTimeOffset> failures, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(failures);
        DateTimeOffset? until = null;
        for (var i = MaxWrongPasswords - 1; i < failures.Count; i++)
        {
            if (failures[i] - failures[i - MaxWrongPasswords + 1] <= Window)
            {
                until = failures[i] + Duration;
            }
        }

        return until > now ? until : null;
    }

    /// <summary>The French refusal while locked.</summary>
    public static string LockedMessage(DateTimeOffset until) =>
        $"Signature verrouillée : {MaxWrongPasswords} mots de passe incorrects en {Window.TotalMinutes:0} minutes. " +
        $"Vous pourrez signer à nouveau à partir de {FrenchTime.Format(until, "HH:mm")}.";
}
