using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Sessions;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Sessions;

/// <summary>Arranges sessions, members and dossiers for the session tests; acts as the secretariat.</summary>
internal sealed class SessionTestData(CqpJuryAppFactory factory, string secretariatEmail, string secretariatPassword)
{
    public static readonly DateOnly SessionDate = new(2026, 12, 10);

    public static async Task<SessionTestData> CreateAsync(CqpJuryAppFactory factory)
    {
        var (email, password) = await factory.CreateSecretariatAsync();
        return new SessionTestData(factory, email, password);
    }

    public string SecretariatEmail => secretariatEmail;

    /// <summary>Moves the app's clock to <see cref="SessionDate"/>, 09:00 in Paris: a session opens only on its own date.</summary>
    public void OnSessionDay() => factory.Clock.SetUtcNow(new DateTimeOffset(SessionDate.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));

    public string SecretariatPassword => secretariatPassword;

    public Task<T> AsSecretariatAsync<T>(Func<SessionAdminService, Task<T>> work) =>
        factory.AsUserAsync(secretariatEmail, sp => work(sp.GetRequiredService<SessionAdminService>()));

    public Task AsSecretariatAsync(Func<SessionAdminService, Task> work) =>
        factory.AsUserAsync(secretariatEmail, sp => work(sp.GetRequiredService<SessionAdminService>()));

    public Task<Guid> CreateSessionAsync(string title = "Jury paritaire de décembre", DateOnly? date = null) =>
        AsSecretariatAsync(s => s.CreateAsync(new SessionInput
        {
            Title = title,
            Date = date ?? SessionDate,
            StartTime = new TimeOnly(9, 30),
            Place = "Paris, salle 3",
        }));

    public Task<SessionDetails> GetAsync(Guid sessionId) => AsSecretariatAsync(s => s.GetAsync(sessionId));

    /// <summary>Adds members (no accounts) to the database and returns them.</summary>
    public async Task<List<JuryMemberEntity>> AddMembersAsync(params JuryMemberEntity[] members)
    {
        await factory.WithDbAsync(async db =>
        {
            db.JuryMembers.AddRange(members);
            await db.SaveChangesAsync();
        });
        return [.. members];
    }

    /// <summary>A jury of <paramref name="employees"/>+<paramref name="employers"/>+<paramref name="experts"/> members in the database.</summary>
    public Task<List<JuryMemberEntity>> AddJuryAsync(int employees, int employers, int experts) =>
        AddMembersAsync(
        [
            .. Enumerable.Range(1, employees).Select(i => EntityBuilders.Member("Salarié", $"Numéro{i}", Seat.EmployeeRepresentative)),
            .. Enumerable.Range(1, employers).Select(i => EntityBuilders.Member("Employeur", $"Numéro{i}", Seat.EmployerRepresentative)),
            .. Enumerable.Range(1, experts).Select(i => EntityBuilders.Member("Expert", $"Numéro{i}", Seat.TradeExpert)),
        ]);

    public async Task ConveneAsync(Guid sessionId, IEnumerable<JuryMemberEntity> members)
    {
        foreach (var member in members)
        {
            var stamp = (await GetAsync(sessionId)).ConcurrencyStamp;
            await AsSecretariatAsync(s => s.AddMemberAsync(sessionId, member.Id, stamp));
        }
    }

    /// <summary>A complete dossier (R6) saved with its candidate, evaluators and organisations.</summary>
    public async Task<DossierEntity> AddCompleteDossierAsync(
        Route route = Route.SkillsDevelopment, Organisation? employer = null, Organisation? trainingOrganisation = null, string? reference = null)
    {
        var candidate = EntityBuilders.Candidate();
        var sectorProfessional = EntityBuilders.Evaluator(EvaluatorRole.SectorProfessional);
        var externalAssessor = EntityBuilders.Evaluator(EvaluatorRole.ExternalAssessor, "Externe");
        var dossier = EntityBuilders.CompleteDossier(candidate, sectorProfessional, externalAssessor, route,
            employer: employer, trainingOrganisation: trainingOrganisation, reference: reference);
        await factory.WithDbAsync(async db =>
        {
            db.AddRange(candidate, sectorProfessional, externalAssessor, dossier);
            if (employer is not null && !await db.Organisations.AnyAsync(o => o.Id == employer.Id))
            {
                db.Organisations.Add(employer);
            }

            if (trainingOrganisation is not null && !await db.Organisations.AnyAsync(o => o.Id == trainingOrganisation.Id))
            {
                db.Organisations.Add(trainingOrganisation);
            }

            await db.SaveChangesAsync();
        });
        return dossier;
    }

    public async Task AddToAgendaAsync(Guid sessionId, Guid dossierId)
    {
        var stamp = (await GetAsync(sessionId)).ConcurrencyStamp;
        await AsSecretariatAsync(s => s.AddDossierAsync(sessionId, dossierId, stamp));
    }

    public async Task<List<AgendaItem>> AgendaRowsAsync(Guid sessionId)
    {
        var rows = new List<AgendaItem>();
        await factory.WithDbAsync(async db =>
            rows = await db.AgendaItems.AsNoTracking().Where(a => a.SessionId == sessionId).OrderBy(a => a.Position).ToListAsync());
        return rows;
    }

    public async Task<JurySession> SessionRowAsync(Guid sessionId)
    {
        JurySession? row = null;
        await factory.WithDbAsync(async db => row = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == sessionId));
        return row!;
    }
}
