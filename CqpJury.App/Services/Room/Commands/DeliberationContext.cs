using CqpJury.App.Data.Entities;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Juries;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>One deliberation command's working set (<see cref="DeliberationCommand"/>), and how its result is stored.</summary>
internal sealed class DeliberationContext(
    RoomCommandContext room,
    DossierEntity dossier,
    Panel panel,
    DeliberationSubject subject,
    DeliberationRecord? record,
    Deliberation? deliberation)
{
    private bool _isNew;

    /// <summary>The room command's context (state, acting member, clock, …).</summary>
    public RoomCommandContext Room { get; } = room;

    public RoomState State => Room.State;

    public Guid MemberId => Room.MemberId;

    public DateTimeOffset Now => Room.Now;

    public DossierEntity Dossier { get; } = dossier;

    public Panel Panel { get; } = panel;

    public DeliberationRecord? Record { get; private set; } = record;

    public Deliberation? Deliberation { get; private set; } = deliberation;

    /// <summary>The deliberation, or the French message when none has been opened.</summary>
    public Deliberation Required => Deliberation ?? throw new UserFacingException("Aucune décision n'a encore été prise sur ce dossier.");

    /// <summary>Opens the deliberation with the current (valid) panel, frozen from now on.</summary>
    public void Open(DateTimeOffset at)
    {
        Deliberation = Domain.Deliberations.Deliberation.Open(subject, Panel, State.Session.PresidentMemberId);
        Record = NewRecord(at, DeliberationState.Open);
        Room.ChangeSession(); // opening freezes the panel: serialized with declarations and stand-asides
    }

    public void PostponeWithoutDeliberation(string reason, DateTimeOffset at)
    {
        Record = NewRecord(at, DeliberationState.Postponed);
        Room.ChangeSession();
        Record.PostponementReason = reason;
        Record.PostponedAt = at;
        Record.Version = 1;
        Record.Events.Add(new DeliberationEvent { DeliberationId = Record.Id, Version = 1, Kind = DeliberationEventKind.Postponed, ActorMemberId = MemberId, Payload = reason, At = at });
    }

    private DeliberationRecord NewRecord(DateTimeOffset at, DeliberationState stateValue)
    {
        _isNew = true;
        var created = new DeliberationRecord
        {
            Id = Guid.NewGuid(),
            SessionId = State.Session.Id,
            DossierId = Dossier.Id,
            PanelMemberIds = DeliberationReplay.Ids(Panel.Members.Select(m => m.Id)),
            RecusedMemberIds = DeliberationReplay.Ids(State.Members.Where(m => State.IsInConflict(m.Id, Dossier)).Select(m => m.Id)),
            State = stateValue,
            OpenedAt = at,
        };
        Room.Db.Deliberations.Add(created);
        return created;
    }

    /// <summary>Appends the new facts with the next versions and refreshes the summary (the version is the concurrency token).</summary>
    public void Persist(int eventsBefore)
    {
        if (Record is null)
        {
            return;
        }

        var db = Room.Db;
        if (!_isNew)
        {
            db.Entry(Record).Property(r => r.Version).OriginalValue = Record.Version;
        }

        if (Deliberation is null)
        {
            return;
        }

        foreach (var fact in DeliberationReplay.NewFacts(Deliberation, _isNew ? 0 : eventsBefore))
        {
            Record.Version++;
            db.DeliberationEvents.Add(new DeliberationEvent
            {
                DeliberationId = Record.Id,
                Version = Record.Version,
                Kind = fact.Kind,
                ActorMemberId = fact.Actor,
                Round = fact.Round,
                Choice = fact.Choice,
                Payload = fact.Payload,
                At = fact.At,
            });
        }

        Record.State = Deliberation.State;
        Record.Round = Deliberation.Round;
        if (Deliberation.Decision is { } decision)
        {
            Record.Outcome = decision.Outcome.Outcome;
            Record.DecidedAt = decision.DecidedAt;
            Record.DecidedValidations = DeliberationReplay.EncodeValidations(Deliberation.CurrentProposal!.Validations);
        }

        Record.Comments = Deliberation.Comments;
        Record.ObservationsAnswer = Deliberation.ObservationsAnswer;
        if (Deliberation.Signature is { } signature)
        {
            Record.SignedByMemberId = signature.SignedBy;
            Record.SignedByName = State.NameOf(signature.SignedBy);
            Record.SignedAt = signature.SignedAt;
        }

        if (Deliberation.State == DeliberationState.Postponed)
        {
            Record.PostponementReason = Deliberation.PostponementReason;
            Record.PostponedAt ??= Deliberation.Events.OfType<Domain.Deliberations.Events.DeliberationPostponed>().LastOrDefault()?.OccurredAt;
        }
    }
}
