using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Security;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Sessions;

/// <summary>
/// A jury member's own sessions: only those they are convened to, with their seat and the number
/// of dossiers, never the candidates' names (content is shown in the room only, R16).
/// </summary>
public sealed class MySessionsService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    ILogger<MySessionsService> logger)
{
    public async Task<IReadOnlyList<MySessionItem>> ListAsync(CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireAsync("consulter mes sessions", cancellationToken);
        if (actor.JuryMemberId is not { } memberId)
        {
            logger.LogWarning("Refused my sessions to user {UserId}: not an active jury member", actor.UserId);
            throw new AccessDeniedException("Cette page est réservée aux membres du jury.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (from m in db.SessionMembers.AsNoTracking()
                          where m.JuryMemberId == memberId
                          join s in db.Sessions on m.SessionId equals s.Id
                          select new
                          {
                              s.Id,
                              s.Title,
                              s.Date,
                              s.StartTime,
                              s.Place,
                              s.VideoLink,
                              s.Status,
                              m.JuryMember!.Seat,
                              DossierCount = db.AgendaItems.Count(a => a.SessionId == s.Id),
                          }).ToListAsync(cancellationToken);
        return rows
            .OrderBy(r => r.Status == SessionStatus.Closed)
            .ThenBy(r => r.Status == SessionStatus.Closed ? -r.Date.DayNumber : r.Date.DayNumber)
            .ThenBy(r => r.StartTime)
            .Select(r => new MySessionItem(r.Id, r.Title, r.Date, r.StartTime, r.Place, r.VideoLink, r.Status, r.Seat, r.DossierCount))
            .ToList();
    }
}
