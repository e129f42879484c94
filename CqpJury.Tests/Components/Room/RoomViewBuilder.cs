using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Common;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Juries;
using CqpJury.Domain.Outcomes;
using CqpJury.Domain.Referential;
using Route = CqpJury.Domain.Dossiers.Route;

namespace CqpJury.Tests.Components.Room;

/// <summary>
/// Ready-made view records for the room components: a five-member jury (two employee
/// representatives, two employer representatives, one trade expert) and one dossier with three
/// competences to decide (mastered; not mastered and not validatable under R3; an R2.2 discrepancy) and
/// one held from an earlier jury.
/// Tests adjust them with <c>with</c> expressions.
/// </summary>
internal static class RoomViewBuilder
{
    public static readonly Guid Alice = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    public static readonly Guid Bruno = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    public static readonly Guid Chloe = Guid.Parse("00000000-0000-0000-0000-00000000000c");
    public static readonly Guid David = Guid.Parse("00000000-0000-0000-0000-00000000000d");
    public static readonly Guid Emma = Guid.Parse("00000000-0000-0000-0000-00000000000e");

    public static readonly Guid DossierOne = Guid.Parse("10000000-0000-0000-0000-000000000001");
    public static readonly Guid DossierTwo = Guid.Parse("10000000-0000-0000-0000-000000000002");
    public static readonly Guid DocumentId = Guid.Parse("20000000-0000-0000-0000-000000000001");

    public const string CandidateName = "Lucie MARTIN";
    public const string EmployerName = "Boulangerie Dupain";
    public const string TrainingOrganisationName = "Institut des Métiers du Pain";
    public const string CertificateTitle = "CQP Boulanger";

    public const string C1 = "C1";
    public const string C2 = "C2";
    public const string C3 = "C3";
    public const string C1Title = "Préparer les pâtes fermentées";
    public const string C2Title = "Conduire la cuisson des produits";
    public const string C3Title = "Appliquer les règles d'hygiène";
    public const string C4 = "C4";
    public const string C4Title = "Gérer les stocks de matières premières";

    public static RoomMemberView Member(Guid id, bool present = true) => id switch
    {
        _ when id == Alice => new RoomMemberView(Alice, "Alice DURAND", Seat.EmployeeRepresentative, present, null),
        _ when id == Bruno => new RoomMemberView(Bruno, "Bruno LEROY", Seat.EmployerRepresentative, present, null),
        _ when id == Chloe => new RoomMemberView(Chloe, "Chloé PETIT", Seat.EmployeeRepresentative, present, null),
        _ when id == David => new RoomMemberView(David, "David MOREAU", Seat.EmployerRepresentative, present, null),
        _ when id == Emma => new RoomMemberView(Emma, "Emma FOURNIER", Seat.TradeExpert, present, null),
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };

    public static string NameOf(Guid id) => Member(id).Name;

    public static ValueList<RoomMemberView> AllPresent() => [Member(Alice), Member(Bruno), Member(Chloe), Member(David), Member(Emma)];

    public static RoomView ARoom(Guid me, Guid? president = null) => new(
        SessionId: Guid.Parse("30000000-0000-0000-0000-000000000001"),
        Title: "Jury paritaire de juin",
        Date: new DateOnly(2026, 6, 15),
        StartTime: new TimeOnly(9, 30),
        Place: "Lyon, salle B",
        VideoLink: null,
        Status: SessionStatus.Open,
        Members: AllPresent(),
        PresentCompositionFindings: [],
        PresidentId: president,
        PresidencyProposal: null,
        Agenda:
        [
            new AgendaItemView(DossierOne, 1, "D-2026-001", $"{CandidateName} (D-2026-001)", CertificateTitle, AgendaItemStatus.Deliberating, false),
            new AgendaItemView(DossierTwo, 2, "D-2026-002", "Paul BERNARD (D-2026-002)", CertificateTitle, AgendaItemStatus.Pending, false),
        ],
        CurrentDossierId: DossierOne,
        MyMemberId: me,
        CloseBlockers: ["Le dossier D-2026-001 n'est ni signé ni ajourné."]);

    public static CompetenceView MasteredCompetence() => new(
        C1, 1, C1Title, CompetenceSituation.ToDecide, null, EvaluatorsSayMastered: true,
        Mastery: new MasteryAssessment(true, []), HasDiscrepancy: false, MayBeValidated: true,
        Elements:
        [
            new CompetenceElement("Peser les ingrédients", true, ElementStatus.Acquired),
            new CompetenceElement("Façonner les pâtons", false, ElementStatus.NotImplemented),
        ]);

    public static CompetenceView NotMasteredCompetence() => new(
        C2, 2, C2Title, CompetenceSituation.ToDecide, null, EvaluatorsSayMastered: false,
        Mastery: new MasteryAssessment(false, ["L'élément incontournable « Contrôler la température du four » n'est pas acquis."]),
        HasDiscrepancy: false, MayBeValidated: false,
        Elements:
        [
            new CompetenceElement("Contrôler la température du four", true, ElementStatus.NotAcquired),
            new CompetenceElement("Enfourner", false, ElementStatus.Acquired),
        ]);

    /// <summary>The evaluators say mastered but the grid does not show it (R2.2); still validatable under R3.</summary>
    public static CompetenceView DiscrepantCompetence() => new(
        C4, 4, C4Title, CompetenceSituation.ToDecide, null, EvaluatorsSayMastered: true,
        Mastery: new MasteryAssessment(false, ["Trois éléments non incontournables ne sont pas mis en œuvre (deux au plus)."]),
        HasDiscrepancy: true, MayBeValidated: true,
        Elements: [new CompetenceElement("Inventorier les stocks", false, ElementStatus.NotImplemented)]);

    public static CompetenceView HeldCompetence() => new(
        C3, 3, C3Title, CompetenceSituation.StillHeld, new DateOnly(2029, 3, 4), null, null, false, false, []);

    public static DossierContent Content() => new(
        CandidateName,
        Route.SkillsDevelopment,
        EmployerName,
        TrainingOrganisationName,
        SectorProfessional: "Marc ROUX",
        ExternalAssessor: "Sophie BLANC",
        EvaluationDate: new DateOnly(2026, 5, 20),
        Competences: [MasteredCompetence(), NotMasteredCompetence(), HeldCompetence(), DiscrepantCompetence()],
        Discrepancies: [new Finding("R2.2", "Compétence 4 : les évaluateurs l'indiquent maîtrisée alors que la grille ne le permet pas.")],
        CandidateObservations: "Je conteste l'évaluation de la cuisson.",
        Documents: [new DocumentView(DocumentId, DocumentKind.Outil2, "livret-suivi.pdf")]);

    public static PanelView ValidPanel(Guid? chair) => new(
        Members: [Member(Alice), Member(Bruno), Member(Chloe), Member(David)],
        Recused: [],
        StoodAside: [],
        AwaitingDeclaration: [],
        Findings: [],
        Proposals: [],
        MustPostpone: false,
        IsFrozen: false,
        ChairId: chair);

    /// <summary>Chloé (employee representative) declared a link: the employer college outnumbers the employee one.</summary>
    public static PanelView UnbalancedPanel(Guid? chair) => new(
        Members: [Member(Alice), Member(Bruno), Member(David)],
        Recused: [Member(Chloe)],
        StoodAside: [],
        AwaitingDeclaration: [],
        Findings: [new Finding("R10.1", "Le collège délibérant n'est pas paritaire : 1 représentant(s) des salariés pour 2 représentant(s) des employeurs.")],
        Proposals: [new StandAsideOption(David, "David MOREAU (Collège entreprises) se retire de ce dossier.")],
        MustPostpone: false,
        IsFrozen: false,
        ChairId: chair);

    public static DossierView Dossier(Participation participation, PanelView? panel = null, DeliberationView? deliberation = null) => new(
        DossierOne,
        "D-2026-001",
        CertificateTitle,
        AgendaItemStatus.Deliberating,
        participation,
        participation == Participation.MustDeclare ? new ConflictPrompt(EmployerName, TrainingOrganisationName) : null,
        participation is Participation.Recused or Participation.StoodAside ? "Vous avez déclaré un lien avec l'entreprise du candidat." : null,
        participation == Participation.Participant ? Content() : null,
        participation == Participation.Participant ? panel : null,
        participation == Participation.Participant ? deliberation : null);

    public static OutcomeResult PartialOutcome() => new(
        DecisionOutcome.PartiallyValidated,
        [
            new CompetenceResult(C1, CompetenceStanding.ValidatedNow, new DateOnly(2031, 6, 15)),
            new CompetenceResult(C2, CompetenceStanding.NotValidated, null),
            new CompetenceResult(C3, CompetenceStanding.StillHeld, new DateOnly(2029, 3, 4)),
            new CompetenceResult(C4, CompetenceStanding.NotValidated, null),
        ]);

    public static IReadOnlyDictionary<string, bool> PartialProposal() => new Dictionary<string, bool>(StringComparer.Ordinal) { [C1] = true, [C2] = false, [C4] = false };

    /// <summary>A round under vote: Alice approved, Bruno objected, Chloé and David have not voted.</summary>
    public static DeliberationView Voting(bool iAmInPanel = true, bool iAmChair = false, VoteChoice? myVote = null, bool roundDefeated = false) => new(
        DeliberationState.Voting,
        Round: 1,
        Proposal: PartialProposal(),
        ProposalOutcome: PartialOutcome(),
        Tally:
        [
            new VoteLine(Alice, NameOf(Alice), Seat.EmployeeRepresentative, VoteStatus.Approved, null),
            new VoteLine(Bruno, NameOf(Bruno), Seat.EmployerRepresentative, VoteStatus.Objected, "La cuisson doit être revue."),
            new VoteLine(Chloe, NameOf(Chloe), Seat.EmployeeRepresentative, VoteStatus.Pending, null),
            new VoteLine(David, NameOf(David), Seat.EmployerRepresentative, VoteStatus.Pending, null),
        ],
        RoundDefeated: roundDefeated,
        MyVote: myVote,
        IAmInPanel: iAmInPanel,
        IAmChair: iAmChair,
        ChairName: NameOf(Alice),
        DecisionOutcome: null,
        DecidedAt: null,
        Comments: null,
        ObservationsAnswer: null,
        SignedByName: null,
        SignedAt: null,
        PostponementReason: null,
        NeedsObservationsAnswer: true,
        DecisionRule: DecisionRule.Unanimity);

    /// <summary>Decided unanimously on 15/06/2026 at 08:30 UTC (10:30 in Paris, summer time).</summary>
    public static DeliberationView Decided(bool iAmChair, DateTimeOffset? signedAt = null) => Voting(iAmChair: iAmChair) with
    {
        State = DeliberationState.Decided,
        Tally =
        [
            new VoteLine(Alice, NameOf(Alice), Seat.EmployeeRepresentative, VoteStatus.Approved, null),
            new VoteLine(Bruno, NameOf(Bruno), Seat.EmployerRepresentative, VoteStatus.Approved, null),
            new VoteLine(Chloe, NameOf(Chloe), Seat.EmployeeRepresentative, VoteStatus.Approved, null),
            new VoteLine(David, NameOf(David), Seat.EmployerRepresentative, VoteStatus.Approved, null),
        ],
        MyVote = VoteChoice.Approve,
        DecisionOutcome = PartialOutcome(),
        DecidedAt = new DateTimeOffset(2026, 6, 15, 8, 30, 0, TimeSpan.Zero),
        Comments = "Bonne maîtrise du façonnage.",
        ObservationsAnswer = signedAt is null ? null : "Le jury a examiné la grille de cuisson.",
        SignedByName = signedAt is null ? null : NameOf(Alice),
        SignedAt = signedAt,
    };
}
