using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.Services;
using CqpJury.Benchmarks.Core;
using CqpJury.Domain.Outcomes;
using Microsoft.Extensions.Configuration;

namespace CqpJury.Benchmarks.OfficialDocuments;

/// <summary>
/// The decision sheets of a realistic session: the real CQPs and competence titles of the
/// referential, French names with accents, long comments and answers to observations, all three outcomes.
/// </summary>
public static class SheetModels
{
    private static readonly string[] FirstNames = ["Élodie", "Jérôme", "Françoise", "Loïc", "Anaïs", "Benoît", "Cécile", "Noël", "Zoé", "Hélène", "Maël", "Gaëlle", "Inès", "Thérèse", "Frédéric"];

    private static readonly string[] LastNames = ["Lefèvre", "Bérénger", "Dupré", "Mérieux", "Chênevière", "Làszló", "Öztürk", "Gonçalves", "Ibáñez", "Desprès-Laroche", "N'Diaye", "Brûlé", "Crépeau", "Fénelon", "Saint-Exupéry"];

    private const string LongComment =
        "Le jury a apprécié la qualité du dossier et la précision des situations décrites : la candidate a su " +
        "montrer, à partir d'exemples concrets tirés de son activité au sein de l'organisme, qu'elle maîtrise la " +
        "préparation des conventions, le suivi des émargements et la relation avec les financeurs. L'entretien a " +
        "confirmé une réelle aisance à l'oral et une bonne compréhension des enjeux réglementaires (qualité, " +
        "certification, accessibilité). Pour la compétence non validée, le jury recommande de renforcer la " +
        "rédaction de documents professionnels — synthèses, comptes rendus, courriers — et de présenter, lors " +
        "d'une prochaine session, des productions personnelles datées et commentées. « Très bon engagement » : " +
        "tel est l'avis unanime des évaluateurs, que le jury fait sien.";

    private const string LongAnswer =
        "Le jury a pris connaissance des observations écrites du candidat sur l'évaluation de la compétence 5. " +
        "Il considère que les éléments apportés (deux courriers et une note de synthèse) ne suffisent pas, à ce " +
        "stade, à établir la maîtrise attendue par le référentiel ; il invite le candidat à compléter son dossier " +
        "et rappelle que les compétences validées le restent pendant cinq ans à compter de ce jour.";

    /// <summary>The referential of the app (the versioned data file), read as the app reads it.</summary>
    public static ReferentialCatalog LoadCatalog()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Referential:Path"] = RepositoryPaths.Referential })
            .Build();
        return new ReferentialCatalog(configuration);
    }

    /// <summary><paramref name="count"/> sheets of one session, cycling through the CQPs and the outcomes.</summary>
    public static IReadOnlyList<DecisionSheetModel> Session(int count, ReferentialCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var juryDate = new DateOnly(2026, 11, 27);
        var signedAt = new DateTimeOffset(2026, 11, 27, 16, 42, 0, TimeSpan.FromHours(1));
        var certificates = catalog.Certificates;
        var sheets = new List<DecisionSheetModel>(count);
        for (var i = 0; i < count; i++)
        {
            var certificate = certificates[i % certificates.Count];
            var outcome = (i % 3) switch { 0 => DecisionOutcome.Awarded, 1 => DecisionOutcome.PartiallyValidated, _ => DecisionOutcome.NotValidated };
            var lines = certificate.Competences.Select((c, index) =>
            {
                var standing = outcome switch
                {
                    DecisionOutcome.Awarded => CompetenceStanding.ValidatedNow,
                    DecisionOutcome.PartiallyValidated => index == 4 ? CompetenceStanding.NotValidated : CompetenceStanding.ValidatedNow,
                    _ => CompetenceStanding.NotValidated,
                };
                DateOnly? validUntil = standing == CompetenceStanding.ValidatedNow && outcome == DecisionOutcome.PartiallyValidated ? juryDate.AddYears(5) : null;
                return new CompetenceLine(index + 1, c.Title, standing, validUntil);
            }).ToList();
            var name = $"{LastNames[i % LastNames.Length].ToUpperInvariant()} {FirstNames[(i * 7) % FirstNames.Length]}";
            var code = $"DJ-2026-{i + 1:0000}-{(i * 7919) % 100000:00000}";
            sheets.Add(new DecisionSheetModel(
                certificate.Title,
                name,
                $"2026-{i + 1:000}",
                juryDate,
                lines,
                outcome,
                LongComment,
                i % 2 == 0 ? LongAnswer : null,
                "Olivier Mérieux-Dubreuil",
                signedAt.AddMinutes(i),
                VerificationStamp.For(code, "https://cqpjury.exemple.test")));
        }

        return sheets;
    }
}
