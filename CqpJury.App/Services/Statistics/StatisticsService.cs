using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Common;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using Microsoft.EntityFrameworkCore;
using Route = CqpJury.Domain.Dossiers.Route;

namespace CqpJury.App.Services.Statistics;

/// <summary>
/// The branch's figures (issue 24), for the secretariat only: outcomes per CQP, route, period and
/// competence over the signed decisions (R14) and postponements of a selection — never a draft,
/// never a candidate's name (R16). Three read-only queries per selection, each a join from the
/// selected deliberations (indexed foreign keys on both engines), then the domain's rules in memory.
/// </summary>
public sealed class StatisticsService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    ActorResolver actors,
    ReferentialCatalog catalog,
    TimeProvider clock)
{
    /// <summary>The CQPs and the sessions (not in preparation) the filters offer.</summary>
    public async Task<StatisticsChoices> GetChoicesAsync(CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("consulter les statistiques", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.Status != SessionStatus.Draft)
            .OrderByDescending(s => s.Date)
            .Select(s => new SessionChoice(s.Id, s.Title, s.Date))
            .ToListAsync(cancellationToken);
        return new StatisticsChoices(catalog.Certificates.Select(c => new CertificateChoice(c.Code, c.Title)).ToList(), sessions);
    }

    /// <summary>The figures of a selection. Throws <see cref="InputValidationException"/> for a wrong filter.</summary>
    public async Task<StatisticsReport> ComputeAsync(StatisticsFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await actors.RequireSecretariatAsync("consulter les statistiques", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await ValidateAsync(db, filter, cancellationToken);
        return await ComputeAsync(db, filter, cancellationToken);
    }

    /// <summary>The selection as an .xlsx workbook: the filters and extraction time, then one sheet per table.</summary>
    public async Task<StatisticsFile> ExportXlsxAsync(StatisticsFilter filter, CancellationToken cancellationToken = default)
    {
        var (report, lines) = await ReportWithFilterLinesAsync(filter, cancellationToken);
        return new StatisticsFile(StatisticsExport.Xlsx(report, lines), StatisticsExport.XlsxContentType, StatisticsExport.FileName(report, "xlsx", null));
    }

    /// <summary>One table of the selection as CSV (UTF-8 with BOM, « ; » separator), as French Excel opens it.</summary>
    public async Task<StatisticsFile> ExportCsvAsync(StatisticsFilter filter, StatisticsTable table, CancellationToken cancellationToken = default)
    {
        var (report, _) = await ReportWithFilterLinesAsync(filter, cancellationToken);
        return new StatisticsFile(StatisticsExport.Csv(report, table), StatisticsExport.CsvContentType, StatisticsExport.FileName(report, "csv", table));
    }

    private async Task<(StatisticsReport Report, IReadOnlyList<FilterLine> Lines)> ReportWithFilterLinesAsync(StatisticsFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await actors.RequireSecretariatAsync("exporter les statistiques", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await ValidateAsync(db, filter, cancellationToken);
        var report = await ComputeAsync(db, filter, cancellationToken);
        IReadOnlyList<FilterLine> lines =
        [
            new("Jurys du", filter.From is { } from ? FrenchFormat.Date(from) : "(sans limite)", filter.From),
            new("Jurys jusqu'au", filter.To is { } to ? FrenchFormat.Date(to) : "(sans limite)", filter.To),
            new("CQP", filter.CertificateCode is { } code ? catalog.Get(code).Title : "Tous", null),
            new("Parcours", filter.Route?.ToFrench() ?? "Tous", null),
            new("Session", session is null ? "Toutes" : $"{session.Title} ({FrenchFormat.Date(session.Date)})", session?.Date),
            new("Regroupement dans le temps", filter.Grouping == StatisticsGrouping.Quarter ? "Par trimestre" : "Par mois", null),
        ];
        return (report, lines);
    }

    private async Task<StatisticsReport> ComputeAsync(CqpJuryDbContext db, StatisticsFilter filter, CancellationToken cancellationToken)
    {
        var passages = Passages(db, filter);
        var decided = passages.Where(p => p.State == DeliberationState.Decided);
        var passageFacts = await passages
            .Select(p => new PassageFact(p.DossierId, p.JuryDate, p.CertificateCode, p.Route, p.State, p.Outcome, p.DecidedValidations, p.SignedAt, p.CompletenessCheckedAt))
            .ToListAsync(cancellationToken);

        // One row per decided competence with its grid's counts: each count reads the elements' index
        // (CompetenceEvaluationId, IsEssential, Status) alone, and no element row reaches the app.
        var evaluations = await (from p in decided
                                 join e in db.CompetenceEvaluations on p.DossierId equals e.DossierId
                                 select new EvaluationFact(
                                     e.DossierId,
                                     e.CompetenceCode,
                                     e.EvaluatorsSayMastered,
                                     e.Elements.Count(g => g.IsEssential && g.Status == ElementStatus.Acquired),
                                     e.Elements.Count(g => g.IsEssential && g.Status == ElementStatus.NotAcquired),
                                     e.Elements.Count(g => g.IsEssential && g.Status == ElementStatus.NotImplemented),
                                     e.Elements.Count(g => !g.IsEssential && g.Status == ElementStatus.Acquired),
                                     e.Elements.Count(g => !g.IsEssential && g.Status == ElementStatus.NotAcquired),
                                     e.Elements.Count(g => !g.IsEssential && g.Status == ElementStatus.NotImplemented)))
            .ToListAsync(cancellationToken);
        var earlier = await (from p in decided
                             join v in db.Set<EarlierValidationEntity>() on p.DossierId equals v.DossierId
                             select new EarlierValidationFact(v.DossierId, v.CompetenceCode, v.ValidatedOn))
            .ToListAsync(cancellationToken);
        return StatisticsCalculator.Compute(filter, clock.GetUtcNow(), catalog.Certificates, passageFacts, evaluations, earlier);
    }

    /// <summary>
    /// The counted facts of the selection: signed decisions (R14; a decision not yet signed is a
    /// draft and never counted) and postponements, at sessions whose date is in the period.
    /// </summary>
    private static IQueryable<PassageRow> Passages(CqpJuryDbContext db, StatisticsFilter filter)
    {
        var query = from d in db.Deliberations
                    join s in db.Sessions on d.SessionId equals s.Id
                    join x in db.Dossiers on d.DossierId equals x.Id
                    where (d.State == DeliberationState.Decided && d.SignedAt != null) || d.State == DeliberationState.Postponed
                    select new PassageRow
                    {
                        DossierId = d.DossierId,
                        SessionId = d.SessionId,
                        JuryDate = s.Date,
                        CertificateCode = x.CertificateCode,
                        Route = x.Route,
                        State = d.State,
                        Outcome = d.Outcome,
                        DecidedValidations = d.DecidedValidations,
                        SignedAt = d.SignedAt,
                        CompletenessCheckedAt = x.CompletenessCheckedAt,
                    };
        if (filter.From is { } from)
        {
            query = query.Where(p => p.JuryDate >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(p => p.JuryDate <= to);
        }

        if (filter.CertificateCode is { } code)
        {
            query = query.Where(p => p.CertificateCode == code);
        }

        if (filter.Route is { } route)
        {
            query = query.Where(p => p.Route == route);
        }

        if (filter.SessionId is { } sessionId)
        {
            query = query.Where(p => p.SessionId == sessionId);
        }

        return query;
    }

    /// <summary>Checks the filter; returns the selected session (null when none is selected).</summary>
    private async Task<JurySession?> ValidateAsync(CqpJuryDbContext db, StatisticsFilter filter, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (filter.From is { } from && filter.To is { } to && to < from)
        {
            errors.Add(new FieldError("au", "La date de fin de la période précède sa date de début."));
        }

        if (filter.CertificateCode is { } code && catalog.Find(code) is null)
        {
            errors.Add(new FieldError("cqp", $"Le CQP « {code} » n'existe pas dans le référentiel."));
        }

        if (filter.Route is { } route && !Enum.IsDefined(route))
        {
            errors.Add(new FieldError("parcours", "Ce parcours n'existe pas."));
        }

        JurySession? session = null;
        if (filter.SessionId is { } sessionId)
        {
            session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
            if (session is null)
            {
                errors.Add(new FieldError("session", "Cette session n'existe pas."));
            }
        }

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        return session;
    }

    /// <summary>One counted fact's columns, as a class EF can compose further queries on.</summary>
    private sealed class PassageRow
    {
        public Guid DossierId { get; init; }

        public Guid SessionId { get; init; }

        public DateOnly JuryDate { get; init; }

        public string CertificateCode { get; init; } = string.Empty;

        public Route Route { get; init; }

        public DeliberationState State { get; init; }

        public Domain.Outcomes.DecisionOutcome? Outcome { get; init; }

        public string? DecidedValidations { get; init; }

        public DateTimeOffset? SignedAt { get; init; }

        public DateTimeOffset? CompletenessCheckedAt { get; init; }
    }
}
