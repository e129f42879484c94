using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using CqpJury.App.Services.Mail;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>
/// The president closes the session once every agenda dossier is signed or postponed (the page asks
/// for a confirmation first); it is then read-only, and every screen shows its summary instead of
/// the last dossier. Closing a session already closed (a double click) changes nothing.
/// The decision messages (R14, R15, R17) are written to the outbox in the same transaction
/// (<see cref="DecisionMail"/>): delivered by the background sender once committed, never lost if the app stops.
/// </summary>
public sealed record CloseSession(Guid SessionId) : RoomCommand(SessionId)
{
    public override string Action => "Clôturer la session";

    /// <summary>The closing's journal entry: its hash is the journal's head at closing, printed on the minutes (R16).</summary>
    public const string JournalAction = "Clôture de la session";

    internal override RoomCommandAccess Access => RoomCommandAccess.ConvenedMember;

    internal override async Task<RoomChange?> ExecuteAsync(RoomCommandContext context)
    {
        var state = context.State;
        switch (state.Session.Status)
        {
            case SessionStatus.Closed:
                return null; // already closed: nothing new to journal or tell
            case SessionStatus.Draft:
                throw context.Refusal("La session n'est pas ouverte.");
        }

        context.EnsurePresident();
        var blockers = state.CloseBlockers();
        if (blockers.Count > 0)
        {
            throw new UserFacingException("La session ne peut pas encore être clôturée : " + string.Join(" ", blockers));
        }

        var signed = state.Agenda.Count(a => state.StatusOf(a.DossierId) == AgendaItemStatus.DecisionSigned);
        var postponed = state.Agenda.Count(a => state.StatusOf(a.DossierId) == AgendaItemStatus.Postponed);
        var session = context.ChangeSession();
        session.Status = SessionStatus.Closed;
        session.ClosedAt = context.Now;
        session.ClosedBy = state.NameOf(context.MemberId);
        session.CurrentDossierId = null; // no screen stays on the last dossier
        var plan = await DecisionMail.PlanAsync(context.Db, context.Catalog, SessionId, context.CancellationToken);
        DecisionMail.Enqueue(context.Db, SessionId, plan.Messages, context.Now, session.ClosedBy);
        return new RoomChange(JournalAction, RoomEventKind.SessionChanged)
        {
            Details = $"{RoomCounts.SignedDecisions(signed)}, {RoomCounts.PostponedDossiers(postponed)} ; "
                + $"{plan.Messages.Count} message(s) de décision mis en file d'envoi ; {plan.ByHand.Count} décision(s) à remettre par courrier ou en main propre.",
        };
    }
}
