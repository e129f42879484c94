using CqpJury.App.Data.Entities;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Outcomes;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.TestSupport.EntityBuilders;
using Route = CqpJury.Domain.Dossiers.Route;

namespace CqpJury.Tests.Integration.Statistics;

/// <summary>
/// A small history written as stored facts (independently of the app's statistics code), whose
/// figures are counted by hand in <see cref="StatisticsServiceTests"/>:
/// <code>
/// S1 2025-01-20 closed  D1 AF  parcours  délivré (all 6)            check 31 days before
///                       D2 AF  VAE       partielle (C5 not mastered) check 10
///                       D3 CCF parcours  non validation (none mastered) check 20
///                       D4 CCF VAE       ajourné (decided at S2)
/// S2 2025-06-16 closed  D4 CCF VAE       délivré                     check 197 days before S2
///                       D5 AF  parcours  partielle (C2 declined although mastered, R3) check 45
/// S3 2025-11-17 closed  D6 AF  parcours  returning (D2's candidate: C1–C4, C6 held) C5 validated → délivré, check 60
///                       D7 CCF parcours  partielle: C3 said mastered, grid not; C4 said not, grid yes (R2.2 ×2) check 15
/// S4 2026-03-09 closed  D8 AF  VAE       ajourné, not decided since
///                       D11 CCF VAE      returning: C1 validated 2019 (expired), C2 held → délivré, check 25
///                       D12 AF parcours  returning: C1 held; C6 not mastered → partielle, check 5
/// S5 2026-10-05 open    D9 CCF parcours  decided, NOT signed (draft: never counted)
///                       D10 AF parcours  vote in progress (never counted)
/// </code>
/// </summary>
internal sealed class StatisticsHistory
{
    public static readonly DateOnly S1 = new(2025, 1, 20);
    public static readonly DateOnly S2 = new(2025, 6, 16);
    public static readonly DateOnly S3 = new(2025, 11, 17);
    public static readonly DateOnly S4 = new(2026, 3, 9);
    public static readonly DateOnly S5 = new(2026, 10, 5);

    /// <summary>Every candidate's last name: it must appear in no figure and no export (R16).</summary>
    public const string SecretName = "Nomsecretdecandidat";

    private readonly List<object> _entities = [];
    private readonly EvaluatorEntity _pro = Evaluator(EvaluatorRole.SectorProfessional, "Professionnel");
    private readonly EvaluatorEntity _ext = Evaluator(EvaluatorRole.ExternalAssessor, "Externe");

    public Dictionary<DateOnly, JurySession> Sessions { get; } = [];

    public Dictionary<string, DossierEntity> Dossiers { get; } = [];

    public static async Task<StatisticsHistory> SeedAsync(CqpJuryAppFactory factory)
    {
        var h = new StatisticsHistory();
        h._entities.Add(h._pro);
        h._entities.Add(h._ext);
        foreach (var date in new[] { S1, S2, S3, S4 })
        {
            h.AddSession(date, SessionStatus.Closed);
        }

        h.AddSession(S5, SessionStatus.Open);

        var d2Candidate = Candidate("Deux", SecretName);
        h.Decide(S1, h.Add("D1", "CQP-AF", Route.SkillsDevelopment, checkDaysBefore: 31, S1), Validated("C1", "C2", "C3", "C4", "C5", "C6"));
        h.Decide(S1, h.Add("D2", "CQP-AF", Route.Vae, 10, S1, notMastered: ["C5"], candidate: d2Candidate), Validated("C1", "C2", "C3", "C4", "C6").With("C5", false));
        h.Decide(S1, h.Add("D3", "CQP-CCF", Route.SkillsDevelopment, 20, S1, notMastered: ["C1", "C2", "C3", "C4", "C5", "C6"]),
            new Dictionary<string, bool> { ["C1"] = false, ["C2"] = false, ["C3"] = false, ["C4"] = false, ["C5"] = false, ["C6"] = false });
        var d4 = h.Add("D4", "CQP-CCF", Route.Vae, 197, S2);
        h.Postpone(S1, d4);
        h.Decide(S2, d4, Validated("C1", "C2", "C3", "C4", "C5", "C6"));
        h.Decide(S2, h.Add("D5", "CQP-AF", Route.SkillsDevelopment, 45, S2), Validated("C1", "C3", "C4", "C5", "C6").With("C2", false));
        h.Decide(S3, h.Add("D6", "CQP-AF", Route.SkillsDevelopment, 60, S3, candidate: d2Candidate, evaluated: ["C5"],
            earlier: [("C1", S1), ("C2", S1), ("C3", S1), ("C4", S1), ("C6", S1)]), Validated("C5"));
        var d7 = h.Add("D7", "CQP-CCF", Route.SkillsDevelopment, 15, S3);
        Evaluation(d7, "C3").Elements.First(e => e.IsEssential).Status = ElementStatus.NotAcquired; // said mastered, grid says not
        Evaluation(d7, "C4").EvaluatorsSayMastered = false; // said not mastered, grid says mastered
        h.Decide(S3, d7, Validated("C1", "C2", "C5", "C6").With("C3", false).With("C4", false));
        h.Postpone(S4, h.Add("D8", "CQP-AF", Route.Vae, 40, S4));
        h.Decide(S4, h.Add("D11", "CQP-CCF", Route.Vae, 25, S4, evaluated: ["C1", "C3", "C4", "C5", "C6"],
            earlier: [("C1", new DateOnly(2019, 1, 10)), ("C2", new DateOnly(2024, 5, 1))]), Validated("C1", "C3", "C4", "C5", "C6"));
        h.Decide(S4, h.Add("D12", "CQP-AF", Route.SkillsDevelopment, 5, S4, notMastered: ["C6"], evaluated: ["C2", "C3", "C4", "C5", "C6"],
            earlier: [("C1", new DateOnly(2024, 9, 1))]), Validated("C2", "C3", "C4", "C5").With("C6", false));
        h.Decide(S5, h.Add("D9", "CQP-CCF", Route.SkillsDevelopment, 12, S5), Validated("C1", "C2", "C3", "C4", "C5", "C6"), signed: false);
        h.Record(S5, h.Add("D10", "CQP-AF", Route.SkillsDevelopment, 12, S5), DeliberationState.Voting);

        await factory.WithDbAsync(async db =>
        {
            db.AddRange(h._entities);
            await db.SaveChangesAsync();
        });
        return h;
    }

    private static Dictionary<string, bool> Validated(params string[] codes) => codes.ToDictionary(c => c, _ => true);

    private static CompetenceEvaluationEntity Evaluation(DossierEntity dossier, string code) => dossier.Evaluations.Single(e => e.CompetenceCode == code);

    private void AddSession(DateOnly date, SessionStatus status)
    {
        var session = Session(date, $"Session du {date:dd/MM/yyyy}", status);
        Sessions[date] = session;
        _entities.Add(session);
    }

    private DossierEntity Add(
        string reference, string certificateCode, Route route, int checkDaysBefore, DateOnly decisionDate,
        string[]? notMastered = null, Candidate? candidate = null, string[]? evaluated = null, (string Code, DateOnly On)[]? earlier = null)
    {
        if (candidate is null || !_entities.Contains(candidate))
        {
            candidate ??= Candidate(reference, SecretName);
            _entities.Add(candidate);
        }

        var dossier = CompleteDossier(candidate, _pro, _ext, route, certificateCode, reference: reference);
        dossier.Evaluations.RemoveAll(e => evaluated is not null && !evaluated.Contains(e.CompetenceCode));
        foreach (var code in notMastered ?? [])
        {
            var evaluation = Evaluation(dossier, code);
            evaluation.EvaluatorsSayMastered = false;
            evaluation.Elements.First(e => e.IsEssential).Status = ElementStatus.NotAcquired;
        }

        dossier.EarlierValidations.AddRange((earlier ?? []).Select(e => new EarlierValidationEntity { Id = Guid.NewGuid(), DossierId = dossier.Id, CompetenceCode = e.Code, ValidatedOn = e.On }));
        dossier.CompletenessCheckedAt = new DateTimeOffset(decisionDate.AddDays(-checkDaysBefore).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
        dossier.CompletenessCheckPassed = true;
        dossier.CompletenessCheckedBy = "Secrétariat Test";
        Dossiers[reference] = dossier;
        _entities.Add(dossier);
        return dossier;
    }

    private void Decide(DateOnly date, DossierEntity dossier, Dictionary<string, bool> validations, bool signed = true)
    {
        var validated = validations.Count(v => v.Value);
        var held = dossier.EarlierValidations.Count(v => v.ValidatedOn.AddYears(5) > date);
        var outcome = validated + held == 6 ? DecisionOutcome.Awarded : validated + held > 0 ? DecisionOutcome.PartiallyValidated : DecisionOutcome.NotValidated;
        var record = Record(date, dossier, DeliberationState.Decided);
        record.Outcome = outcome;
        record.DecidedAt = At(date, 14);
        record.DecidedValidations = string.Join(';', validations.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={(v.Value ? 1 : 0)}"));
        record.SignedAt = signed ? At(date, 15) : null;
        record.SignedByName = signed ? "Président Test" : null;
    }

    private void Postpone(DateOnly date, DossierEntity dossier)
    {
        var record = Record(date, dossier, DeliberationState.Postponed);
        record.PostponedAt = At(date, 14);
        record.PostponementReason = "Expert absent.";
    }

    private DeliberationRecord Record(DateOnly date, DossierEntity dossier, DeliberationState state)
    {
        var session = Sessions[date];
        session.Agenda.Add(new AgendaItem { Id = Guid.NewGuid(), SessionId = session.Id, DossierId = dossier.Id, Position = session.Agenda.Count + 1 });
        var record = new DeliberationRecord
        {
            Id = Guid.NewGuid(),
            SessionId = session.Id,
            DossierId = dossier.Id,
            State = state,
            Round = 1,
            Version = 1,
            OpenedAt = At(date, 13),
        };
        _entities.Add(record);
        return record;
    }

    private static DateTimeOffset At(DateOnly date, int hour) => new(date.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
}

internal static class ValidationsExtensions
{
    public static Dictionary<string, bool> With(this Dictionary<string, bool> validations, string code, bool validated)
    {
        validations[code] = validated;
        return validations;
    }
}
