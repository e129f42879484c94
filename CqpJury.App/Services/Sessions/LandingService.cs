using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Sessions;

/// <summary>
/// Where a user lands after signing in without a page to return to: the secretariat on its
/// sessions; a jury member straight in the room when exactly one of their sessions is open today
/// (Paris time), otherwise on « Mes sessions ». Anyone else on the home page.
/// </summary>
public sealed class LandingService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    UserManager<AppUser> users,
    TimeProvider clock)
{
    public const string SecretariatHome = "/secretariat/sessions";
    public const string MemberHome = "/mes-sessions";

    public async Task<string> PathForAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await users.IsInRoleAsync(user, Roles.Secretariat))
        {
            return SecretariatHome;
        }

        if (user.JuryMemberId is not { } memberId || !await users.IsInRoleAsync(user, Roles.JuryMember))
        {
            return "/";
        }

        var today = FrenchTime.Today(clock);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var openToday = await (from m in db.SessionMembers.AsNoTracking()
                               where m.JuryMemberId == memberId
                               join s in db.Sessions on m.SessionId equals s.Id
                               where s.Status == SessionStatus.Open && s.Date == today
                               select s.Id).Take(2).ToListAsync(cancellationToken);
        return openToday.Count == 1 ? $"/sessions/{openToday[0]}" : MemberHome;
    }
}
