using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Outcomes;
using CqpJury.Domain.Referential;

namespace CqpJury.Tests.TestSupport;

/// <summary>
/// Builders for the referential, evaluation grids and dossiers used by the domain tests of
/// R1–R7 (Referential, Evaluations, Outcomes, Dossiers). Everything is nested in this one class
/// so that it cannot collide with other test helpers.
/// </summary>
internal static class DossierBuilders
{
    /// <summary>A default evaluation date, within every default habilitation.</summary>
    public static readonly DateOnly EvaluationDay = new(2026, 10, 15);

    /// <summary>A default jury / check date, after <see cref="EvaluationDay"/>.</summary>
    public static readonly DateOnly JuryDay = new(2026, 11, 27);

    // ---------------------------------------------------------------- referential files

    /// <summary>The referential file shipped with the app (CqpJury.App/Data/Referential/referential.json).</summary>
    public static string ShippedReferentialJson()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Data", "Referential", "referential.json");
        if (File.Exists(copied))
        {
            return File.ReadAllText(copied);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "CqpJury.App", "Data", "Referential", "referential.json");
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        throw new FileNotFoundException("referential.json introuvable (ni dans la sortie des tests, ni dans CqpJury.App/Data/Referential).");
    }

    /// <summary>A test-only data file under TestData/Referential.</summary>
    public static string TestReferentialJson(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "Referential", fileName);
        return File.ReadAllText(path);
    }

    public static CertificateReferential ShippedReferential()
    {
        var result = ReferentialLoader.Parse(ShippedReferentialJson());
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Referential!;
    }

    // ---------------------------------------------------------------- certificates

    /// <summary>A certificate with competences C1..Cn (titles "Compétence de test i"), built through the loader.</summary>
    public static CertificateDefinition Certificate(int competenceCount = 6, string code = "CQP-TEST", string decisionRule = "Unanimity")
    {
        var competences = string.Join(",", Enumerable.Range(1, competenceCount)
            .Select(i => $$"""{ "code": "C{{i}}", "title": "Compétence de test {{i}}" }"""));
        var json = $$"""
            { "version": "test", "certificates": [
              { "code": "{{code}}", "title": "CQP de test", "decisionRule": "{{decisionRule}}", "competences": [ {{competences}} ] }
            ] }
            """;
        var result = ReferentialLoader.Parse(json);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Referential!.Certificates[0];
    }

    // ---------------------------------------------------------------- grid elements

    public static CompetenceElement Element(ElementStatus status, bool essential = false, string? label = null) =>
        new(label ?? $"{(essential ? "Incontournable" : "Élément")} {status}", essential, status);

    public static CompetenceElement Acquired(string label = "Élément acquis", bool essential = false) =>
        new(label, essential, ElementStatus.Acquired);

    public static CompetenceElement NotAcquired(string label = "Élément non acquis", bool essential = false) =>
        new(label, essential, ElementStatus.NotAcquired);

    public static CompetenceElement NotImplemented(string label = "Élément non mis en œuvre", bool essential = false) =>
        new(label, essential, ElementStatus.NotImplemented);

    /// <summary>A grid that satisfies R2.1: two essential and two non-essential elements, all acquired.</summary>
    public static IReadOnlyList<CompetenceElement> MasteredElements() =>
    [
        Acquired("Incontournable 1", essential: true),
        Acquired("Incontournable 2", essential: true),
        Acquired("Élément 3"),
        Acquired("Élément 4"),
    ];

    /// <summary>A grid that breaks R2.1: an essential element not acquired.</summary>
    public static IReadOnlyList<CompetenceElement> NotMasteredElements() =>
    [
        NotAcquired("Incontournable 1", essential: true),
        Acquired("Élément 2"),
    ];

    /// <summary>Mastered per grid and per verdict: the jury may validate it (R3).</summary>
    public static CompetenceEvaluation MasteredEvaluation(string competenceCode) =>
        new(competenceCode, MasteredElements(), EvaluatorsSayMastered: true);

    /// <summary>Not mastered per grid and per verdict.</summary>
    public static CompetenceEvaluation NotMasteredEvaluation(string competenceCode) =>
        new(competenceCode, NotMasteredElements(), EvaluatorsSayMastered: false);

    /// <summary>A grid evaluating the given competences, all mastered.</summary>
    public static EvaluationGrid MasteredGrid(IEnumerable<string> competenceCodes) =>
        new(competenceCodes.Select(MasteredEvaluation).ToList());

    public static EvaluationGrid MasteredGrid(CertificateDefinition certificate) =>
        MasteredGrid(certificate.Competences.Select(c => c.Code));

    // ---------------------------------------------------------------- evaluators and dossiers

    public static Evaluator SectorProfessional(string name = "Claire Martin") =>
        new(name, EvaluatorRole.SectorProfessional, new DateOnly(2020, 1, 1), null);

    public static Evaluator ExternalAssessor(string name = "Paul Durand") =>
        new(name, EvaluatorRole.ExternalAssessor, new DateOnly(2021, 9, 1), new DateOnly(2027, 8, 31));

    /// <summary>
    /// Three years and a bit of activity, reviewed and accepted before <see cref="EvaluationDay"/>.
    /// </summary>
    public static AdmissibilityFile AcceptedAdmissibility() =>
        new(new DateOnly(2026, 3, 1),
            [new ActivityPeriod(new DateOnly(2021, 1, 4), null, "Assistante de formation, organisme X")],
            new AdmissibilityReview(true, "Secrétariat CPEF", new DateOnly(2026, 3, 20)));

    /// <summary>A complete dossier (R6) for <paramref name="certificate"/> on the given route.</summary>
    public static Dossier CompleteDossier(CertificateDefinition certificate, Route route = Route.SkillsDevelopment) =>
        new(
            certificate.Code,
            route,
            route == Route.SkillsDevelopment
                ? new HashSet<DocumentKind> { DocumentKind.Outil1, DocumentKind.Outil2 }
                : new HashSet<DocumentKind> { DocumentKind.DossierVae },
            MasteredGrid(certificate),
            SectorProfessional(),
            ExternalAssessor(),
            EvaluationDay,
            SignedBySectorProfessional: true,
            SignedByExternalAssessor: true,
            EarlierValidations: [],
            Admissibility: route == Route.Vae ? AcceptedAdmissibility() : null,
            CandidateObservations: null);
}
