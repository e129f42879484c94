using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using CqpJury.App.Services.Mail;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>
/// The president closes the session once every agenda dossier is signed or postponed; it is then read-only.
/// The decision messages (R14, R15, R17) are written to the outbox in the same transaction
/// (<see cref="DecisionMail"/>): delivered by the background sender once committed, never lost if the app stops.
/// </summary>
public sealed record CloseSession(Guid SessionId) : RoomCommand(SessionId)
{
    public override string Action => "Clôturer la session";

    internal override async Task<RoomChange?> ExecuteAsync(RoomCommandContext context)
    {
        context.EnsurePresident();
        var blockers = context.State.CloseBlockers();
        if (blockers.Count > 0)
        {
            throw new UserFacingException("La session ne peut pas encore être clôturée : " + string.Join(" ", blockers));
        }

        var session = context.ChangeSession();
        session.Status = SessionStatus.Closed;
        session.ClosedAt = context.Now;
        session.ClosedBy = context.State.NameOf(context.MemberId);
        var plan = await DecisionMail.PlanAsync(context.Db, context.Catalog, SessionId, context.CancellationToken);
        DecisionMail.Enqueue(context.Db, SessionId, plan.Messages, context.Now, session.ClosedBy);
        return new RoomChange("Clôture de la session", RoomEventKind.SessionChanged)
        {
            Details = $"{plan.Messages.Count} message(s) de décision mis en file d'envoi ; {plan.ByHand.Count} décision(s) à remettre par courrier ou en main propre.",
        };
    }
}
