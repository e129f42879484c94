using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Juries;
using CqpJury.Domain.Outcomes;
using CqpJury.Domain.Referential;

namespace CqpJury.Tests.TestSupport;

/// <summary>
/// Builders for the jury side of the domain (R8–R14): members, juries, certificates, deliberation
/// subjects and open deliberations. Identifiers are deterministic so failures are reproducible.
/// </summary>
public static class JuryBuilders
{
    public static readonly DateOnly JuryDate = new(2026, 11, 27);

    public static readonly DateTimeOffset At = new(2026, 11, 27, 9, 30, 0, TimeSpan.FromHours(1));

    public static readonly IReadOnlyList<string> CompetenceCodes = ["C1", "C2", "C3", "C4", "C5", "C6"];

    private static readonly byte[] IdTail = [0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>A deterministic id: distinct seats and indexes give distinct ids.</summary>
    public static Guid IdOf(Seat seat, int index) => new((((int)seat + 1) * 1000) + index, 0, 0, IdTail);

    /// <summary>An id that belongs to nobody in any jury built here.</summary>
    public static Guid StrangerId(int index = 0) => new(900_000 + index, 0, 0, IdTail);

    public static JuryMember Member(Seat seat, int index = 0) => new(IdOf(seat, index), NameOf(seat, index), seat);

    public static JuryMember Employee(int index = 0) => Member(Seat.EmployeeRepresentative, index);

    public static JuryMember Employer(int index = 0) => Member(Seat.EmployerRepresentative, index);

    public static JuryMember Expert(int index = 0) => Member(Seat.TradeExpert, index);

    /// <summary>A group with the given number of members per seat.</summary>
    public static IReadOnlyList<JuryMember> Jury(int employees, int employers, int experts) =>
        [
            .. Enumerable.Range(0, employees).Select(Employee),
            .. Enumerable.Range(0, employers).Select(Employer),
            .. Enumerable.Range(0, experts).Select(Expert),
        ];

    public static IReadOnlyList<JuryMember> Jury111() => Jury(1, 1, 1);

    public static IReadOnlyList<JuryMember> Jury221() => Jury(2, 2, 1);

    public static IReadOnlyList<Guid> Ids(IEnumerable<JuryMember> members) => members.Select(m => m.Id).ToList();

    /// <summary>A certificate with six competences C1..C6 (R1) and the given decision rule (R11).</summary>
    public static CertificateDefinition Certificate(DecisionRule rule = DecisionRule.Unanimity) =>
        new(
            rule == DecisionRule.Unanimity ? "CQP-TEST-U" : "CQP-TEST-M",
            rule == DecisionRule.Unanimity ? "CQP Test (unanimité)" : "CQP Test (majorité absolue)",
            rule,
            CompetenceCodes.Select(code => new Competence(code, $"Compétence de test {code}", [])).ToList());

    public static DeliberationSubject Subject(
        DecisionRule rule = DecisionRule.Unanimity,
        IEnumerable<string>? validatable = null,
        IEnumerable<CompetenceAcquisition>? earlier = null,
        bool hasObservations = false,
        DateOnly? juryDate = null) =>
        new(
            new Guid(777, 0, 0, IdTail),
            Certificate(rule),
            (validatable ?? CompetenceCodes).ToHashSet(StringComparer.Ordinal),
            (earlier ?? []).ToList(),
            hasObservations,
            juryDate ?? JuryDate);

    /// <summary>
    /// The session's president in the deliberations built here: the expert métier, who is in every
    /// valid panel, so the dossier's chair (R11) stays the same when a college member is recused.
    /// </summary>
    public static Guid PresidentId => Expert(0).Id;

    /// <summary>R12: the reason an objecting member gives.</summary>
    public const string ObjectionReason = "La compétence 4 mérite d'être discutée.";

    /// <summary>A deliberation opened for the whole present group (no conflicts), chaired by <see cref="PresidentId"/>.</summary>
    public static Deliberation Open(DeliberationSubject subject, IEnumerable<JuryMember> panelMembers) =>
        Deliberation.Open(subject, Panel.For(panelMembers, []), PresidentId);

    public static Deliberation Open111(DecisionRule rule = DecisionRule.Unanimity, bool hasObservations = false) =>
        Open(Subject(rule, hasObservations: hasObservations), Jury111());

    public static Deliberation Open221(DecisionRule rule = DecisionRule.Unanimity) =>
        Open(Subject(rule), Jury221());

    /// <summary>One answer per competence to decide: the listed codes validated, the others not.</summary>
    public static IReadOnlyDictionary<string, bool> Validating(DeliberationSubject subject, params string[] validated) =>
        subject.CompetencesToDecide.ToDictionary(c => c.Code, c => validated.Contains(c.Code), StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, bool> ValidatingAll(DeliberationSubject subject) =>
        subject.CompetencesToDecide.ToDictionary(c => c.Code, _ => true, StringComparer.Ordinal);

    /// <summary>Every panel member approves the current proposal; returns the last Cast result.</summary>
    public static bool AllApprove(Deliberation deliberation)
    {
        ArgumentNullException.ThrowIfNull(deliberation);
        var decided = false;
        foreach (var member in deliberation.Panel.Members)
        {
            decided = deliberation.Cast(member.Id, VoteChoice.Approve, At);
        }

        return decided;
    }

    /// <summary>A deliberation whose proposal (all competences validated) was approved by every panel member.</summary>
    public static Deliberation Decided111(bool hasObservations = false)
    {
        var deliberation = Open111(hasObservations: hasObservations);
        deliberation.Propose(deliberation.Chair.Id, ValidatingAll(deliberation.Subject), At);
        AllApprove(deliberation);
        return deliberation;
    }

    private static string NameOf(Seat seat, int index) => seat switch
    {
        Seat.EmployeeRepresentative => $"Salarié {index + 1}",
        Seat.EmployerRepresentative => $"Employeur {index + 1}",
        _ => $"Expert {index + 1}",
    };
}
