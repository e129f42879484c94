using System.Globalization;
using System.Text.Json;
using CqpJury.App.Data.Entities;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Juries;
using CqpJury.Domain.Referential;
using DomainEvents = CqpJury.Domain.Deliberations.Events;

namespace CqpJury.App.Services.Room;

/// <summary>
/// Rebuilds a deliberation aggregate from its stored facts (in version order, through the same
/// domain methods), and turns the aggregate's new domain events into facts to store.
/// </summary>
internal static class DeliberationReplay
{
    /// <summary>
    /// R12: the reason recorded for an objection made without one — objections stored before the
    /// domain required a reason, and objections from a room that does not ask for it yet.
    /// </summary>
    public const string ObjectionReasonNotGiven = "Motif non précisé.";

    public static Deliberation? Rebuild(IEnumerable<DeliberationEvent> facts, DeliberationSubject subject, IReadOnlyList<JuryMember> panelMembers, Guid? presidentId)
    {
        var panel = new Panel(panelMembers, [], []);
        if (!panel.IsValid)
        {
            return null; // postponed without a valid panel: no aggregate to rebuild
        }

        var deliberation = Deliberation.Open(subject, panel, presidentId);
        foreach (var fact in facts.OrderBy(f => f.Version))
        {
            switch (fact.Kind)
            {
                case DeliberationEventKind.ProposalPut:
                    deliberation.Propose(fact.ActorMemberId, DecodeValidations(fact.Payload), fact.At);
                    break;
                case DeliberationEventKind.VoteCast:
                    var choice = fact.Choice ?? VoteChoice.Object;
                    deliberation.Cast(fact.ActorMemberId, choice, fact.At,
                        choice == VoteChoice.Object && string.IsNullOrWhiteSpace(fact.Payload) ? ObjectionReasonNotGiven : fact.Payload);
                    break;
                case DeliberationEventKind.Postponed:
                    deliberation.Postpone(fact.ActorMemberId, fact.Payload ?? string.Empty, fact.At);
                    break;
                case DeliberationEventKind.DecisionTextWritten:
                    var text = JsonSerializer.Deserialize<DecisionText>(fact.Payload ?? "{}") ?? new DecisionText(null, null);
                    deliberation.WriteDecisionText(fact.ActorMemberId, text.Comments, text.ObservationsAnswer, fact.At);
                    break;
                case DeliberationEventKind.DecisionSigned:
                    deliberation.Sign(fact.ActorMemberId, fact.At);
                    break;
            }
        }

        return deliberation;
    }

    /// <summary>The facts to store for the aggregate's events from index <paramref name="from"/> on: each event carries its own actor and data.</summary>
    public static IEnumerable<(DeliberationEventKind Kind, Guid Actor, int Round, VoteChoice? Choice, string? Payload, DateTimeOffset At)> NewFacts(Deliberation deliberation, int from)
    {
        foreach (var e in deliberation.Events.Skip(from))
        {
            switch (e)
            {
                case DomainEvents.ProposalPut p:
                    yield return (DeliberationEventKind.ProposalPut, p.ProposedBy, p.Round, null, EncodeValidations(p.Validations), p.OccurredAt);
                    break;
                case DomainEvents.VoteCast v:
                    yield return (DeliberationEventKind.VoteCast, v.MemberId, v.Round, v.Choice, v.Comment, v.OccurredAt);
                    break;
                case DomainEvents.DeliberationPostponed d:
                    yield return (DeliberationEventKind.Postponed, d.PostponedBy, d.Round, null, d.Reason, d.OccurredAt);
                    break;
                case DomainEvents.DecisionTextWritten t:
                    yield return (DeliberationEventKind.DecisionTextWritten, t.WrittenBy, t.Round, null,
                        JsonSerializer.Serialize(new DecisionText(t.Comments, t.ObservationsAnswer)), t.OccurredAt);
                    break;
                case DomainEvents.DecisionSigned s:
                    yield return (DeliberationEventKind.DecisionSigned, s.SignedBy, s.Round, null, null, s.OccurredAt);
                    break;
            }
        }
    }

    /// <summary>"C1=1;C2=0;…"</summary>
    public static string EncodeValidations(IReadOnlyDictionary<string, bool> validations) =>
        string.Join(';', validations.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={(kv.Value ? 1 : 0)}"));

    public static IReadOnlyDictionary<string, bool> DecodeValidations(string? encoded) =>
        (encoded ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('='))
            .ToDictionary(p => p[0], p => p[1] == "1", StringComparer.Ordinal);

    public static DeliberationSubject Subject(DossierEntity dossier, CertificateDefinition certificate, DateOnly juryDate) =>
        DeliberationSubject.From(dossier.Id, dossier.ToDomain(), certificate, juryDate);

    public static string Ids(IEnumerable<Guid> ids) => string.Join(',', ids.Select(i => i.ToString("D", CultureInfo.InvariantCulture)));

    internal sealed record DecisionText(string? Comments, string? ObservationsAnswer);
}
