using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.Domain.Juries;
using CqpJury.Domain.Outcomes;

namespace CqpJury.Tests.OfficialDocuments.Pdf;

/// <summary>Models built in the tests: the "Assistant(e) de formation" titles verbatim from the jury guide's annex.</summary>
internal static class DocumentSamples
{
    public const string AssistantTitle = "CQP Assistant(e) de formation";

    public static readonly string[] AssistantCompetences =
    [
        "Traiter les informations permettant le suivi administratif des prestations de formation",
        "Organiser son activité et la logistique des prestations de formation",
        "Accueillir, informer et réaliser le suivi de différents interlocuteurs (clients, apprenants, organismes financeurs, prescripteurs, entreprises)",
        "Traiter les aléas et les situations difficiles",
        "Rédiger des documents professionnels",
        "Coordonner des informations liées aux prestations de formation",
    ];

    public static readonly VerificationStamp Stamp = new("K7QP-3MZD-W9TX", "https://cqpjury.example.fr/verifier/K7QP-3MZD-W9TX");

    public static readonly DateOnly JuryDate = new(2025, 6, 12);

    /// <summary>17:45 in Paris on the jury day (UTC+2 in June).</summary>
    public static readonly DateTimeOffset SignedAt = new(2025, 6, 12, 15, 45, 0, TimeSpan.Zero);

    public static IReadOnlyList<CompetenceLine> Lines(params CompetenceStanding[] standings) =>
        standings.Select((standing, i) => new CompetenceLine(
            i + 1,
            AssistantCompetences[i],
            standing,
            standing == CompetenceStanding.NotValidated ? null
                : standing == CompetenceStanding.StillHeld ? new DateOnly(2027, 3, 4) : new DateOnly(2030, 6, 12)))
        .ToList();

    public static IReadOnlyList<CompetenceLine> AllValidated() => Lines(Enumerable.Repeat(CompetenceStanding.ValidatedNow, 6).ToArray());

    public static DecisionSheetModel PartialSheet(string? comments = "Dossier solide ; la compétence 4 reste à consolider en situation réelle.", string? answer = null) => new(
        AssistantTitle,
        "Élodie Lefèvre",
        "VAE-2025-0042",
        JuryDate,
        Lines(CompetenceStanding.ValidatedNow, CompetenceStanding.StillHeld, CompetenceStanding.ValidatedNow,
            CompetenceStanding.NotValidated, CompetenceStanding.ValidatedNow, CompetenceStanding.NotValidated),
        DecisionOutcome.PartiallyValidated,
        comments,
        answer,
        "Hélène Dubois-Marchal",
        SignedAt,
        Stamp);

    public static DecisionSheetModel AwardedSheet() => new(
        AssistantTitle,
        "François Nœl",
        "VAE-2025-0007",
        JuryDate,
        AllValidated(),
        DecisionOutcome.Awarded,
        "Parcours exemplaire.",
        null,
        "Hélène Dubois-Marchal",
        SignedAt,
        Stamp);

    public static MinutesDossier Dossier(int i) => new(
        $"VAE-2025-{i:0000}",
        i % 2 == 0 ? $"Élodie Lefèvre {i}" : $"Jérôme Çelik {i}",
        AssistantTitle,
        ["Hélène Dubois-Marchal", "Marc Rousseau", "Anaïs Béranger"],
        i % 5 == 0 ? ["Chloé Martin"] : [],
        i % 7 == 0 ? ["Paul Girard"] : [],
        Postponed: i % 10 == 3,
        PostponementReason: i % 10 == 3 ? "Pièce manquante : attestation de l'employeur" : null,
        Outcome: i % 10 == 3 ? null : i % 3 == 0 ? DecisionOutcome.Awarded : DecisionOutcome.PartiallyValidated,
        Competences: i % 10 == 3 ? [] : i % 3 == 0 ? AllValidated()
            : Lines(CompetenceStanding.ValidatedNow, CompetenceStanding.ValidatedNow, CompetenceStanding.NotValidated,
                CompetenceStanding.ValidatedNow, CompetenceStanding.StillHeld, CompetenceStanding.NotValidated));

    public static SessionMinutesModel Minutes(int dossiers) => new(
        "Session de juin — CQP Assistant(e) de formation",
        JuryDate,
        new TimeOnly(9, 30),
        "Maison de la formation, 12 rue de l'Église, Lyon",
        null,
        [
            new MinutesMember("Hélène Dubois-Marchal", Seat.EmployerRepresentative, true),
            new MinutesMember("Marc Rousseau", Seat.EmployeeRepresentative, false),
            new MinutesMember("Anaïs Béranger", Seat.TradeExpert, false),
        ],
        "Hélène Dubois-Marchal",
        Enumerable.Range(1, dossiers).Select(Dossier).ToList(),
        new DateTimeOffset(2025, 6, 12, 16, 5, 0, TimeSpan.Zero),
        Stamp);

    public static AttendanceSheetModel Attendance() => new(
        "Session de juin — CQP Assistant(e) de formation",
        JuryDate,
        "Maison de la formation, Lyon",
        [
            new AttendanceLine("Hélène Dubois-Marchal", Seat.EmployerRepresentative, true, new DateTimeOffset(2025, 6, 12, 7, 22, 0, TimeSpan.Zero)),
            new AttendanceLine("Marc Rousseau", Seat.EmployeeRepresentative, true, new DateTimeOffset(2025, 6, 12, 7, 31, 0, TimeSpan.Zero)),
            new AttendanceLine("Zoé Lemaître", Seat.EmployeeRepresentative, false, null),
        ],
        "Hélène Dubois-Marchal",
        Stamp);

    public static CertificateModel Certificate() => new(
        "Élodie Lefèvre",
        new DateOnly(1988, 11, 3),
        AssistantTitle,
        JuryDate,
        AllValidated(),
        "Hélène Dubois-Marchal",
        Stamp);

    /// <summary>
    /// The longest certificate met so far: the six competence titles of the « Conseiller(ère) commercial(e) en
    /// formation » CQP (one over two lines) and a long compound name.
    /// </summary>
    public static CertificateModel LongCertificate()
    {
        string[] titles =
        [
            "Mettre en œuvre un plan d’actions commerciales et une prospection adaptée",
            "Analyser les besoins en prestations de formation des clients",
            "Elaborer une offre de formation et de services adaptée aux besoins identifiés et aux contraintes des clients en collaboration avec l’équipe pédagogique",
            "Conseiller les clients sur les offres de son organisme de formation pour conclure la vente",
            "Traiter les réclamations des clients et identifier les points d’amélioration",
            "Communiquer avec différents interlocuteurs selon les canaux de communication appropriés en travail collaboratif",
        ];
        return Certificate() with
        {
            CertificateTitle = "CQP Conseiller(ère) commercial(e) en formation",
            CandidateName = "Marie-Christine de La Tour-Dupont",
            Competences = titles.Select((t, i) => new CompetenceLine(i + 1, t, CompetenceStanding.ValidatedNow, new DateOnly(2030, 6, 12))).ToList(),
        };
    }

    public static PartialAttestationModel Attestation() => new(
        "Élodie Lefèvre",
        null,
        AssistantTitle,
        JuryDate,
        PartialSheet().Competences.Where(c => c.IsValidated).ToList(),
        "Hélène Dubois-Marchal",
        Stamp);
}
