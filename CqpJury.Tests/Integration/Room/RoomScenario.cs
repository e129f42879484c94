using CqpJury.App.Data.Demo;
using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Deliberations;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Room;

/// <summary>
/// The demo session (5 members 2+2+1, six agenda dossiers) seeded in a real app, with shortcuts
/// to act in the room as one member (by first name) through <see cref="RoomService"/>.
/// </summary>
internal sealed class RoomScenario
{
    public const string Amandine = "Amandine";
    public const string Karim = "Karim";
    public const string Helene = "Hélène";
    public const string Olivier = "Olivier";
    public const string Sophie = "Sophie";

    public static readonly string[] Everyone = [Amandine, Karim, Helene, Olivier, Sophie];

    private readonly Dictionary<string, (Guid Id, string Email)> _members = [];
    private readonly Dictionary<string, Guid> _dossiers = [];

    private RoomScenario(CqpJuryAppFactory factory)
    {
        Factory = factory;
    }

    public CqpJuryAppFactory Factory { get; }

    public Guid SessionId { get; private set; }

    public Guid DraftSessionId { get; private set; }

    public IReadOnlyDictionary<string, string> Passwords { get; private set; } = new Dictionary<string, string>();

    public string SecretariatEmail { get; private set; } = string.Empty;

    /// <summary>Seeds the demo data (once per data folder; passwords are reset on every call).</summary>
    public static async Task<RoomScenario> SeedAsync(CqpJuryAppFactory factory)
    {
        var scenario = new RoomScenario(factory);
        var credentials = await factory.WithScopeAsync(sp => sp.GetRequiredService<DemoDataSeeder>().SeedAsync());
        scenario.Passwords = credentials.ToDictionary(c => c.Email, c => c.Password, StringComparer.OrdinalIgnoreCase);
        scenario.SecretariatEmail = credentials.Single(c => c.Role == "Secrétariat").Email;
        await factory.WithDbAsync(async db =>
        {
            var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Title == DemoDataSeeder.DemoSessionTitle);
            scenario.SessionId = session.Id;
            scenario.DraftSessionId = (await db.Sessions.AsNoTracking().SingleAsync(s => s.Status == SessionStatus.Draft)).Id;
            foreach (var member in await db.JuryMembers.AsNoTracking().Where(m => m.Email.EndsWith("@" + DemoDataSeeder.Domain)).ToListAsync())
            {
                scenario._members[member.FirstName] = (member.Id, member.Email);
            }

            foreach (var dossier in await db.Dossiers.AsNoTracking().Include(d => d.Candidate).ToListAsync())
            {
                scenario._dossiers[dossier.Candidate!.LastName] = dossier.Id;
            }

            // R16: the scenario's members have accepted the session's confidentiality commitment (its own tests start without).
            var accepted = await db.ConfidentialityAcceptances.Where(c => c.SessionId == session.Id).Select(c => c.JuryMemberId).ToListAsync();
            db.ConfidentialityAcceptances.AddRange(await db.SessionMembers.Where(m => m.SessionId == session.Id && !accepted.Contains(m.JuryMemberId))
                .Select(m => new ConfidentialityAcceptance { SessionId = session.Id, JuryMemberId = m.JuryMemberId, AcceptedAt = factory.Clock.GetUtcNow(), TextVersion = 1 })
                .ToListAsync());
            await db.SaveChangesAsync();
        });
        return scenario;
    }

    public Guid Member(string firstName) => _members[firstName].Id;

    public string Email(string firstName) => _members[firstName].Email;

    public string Password(string firstName) => Passwords[Email(firstName)];

    /// <summary>The dossier of the candidate with this last name (Fontaine, Mercier, Haddad, Perrin, Dubois, Leroy, Morel).</summary>
    public Guid Dossier(string candidateLastName) => _dossiers[candidateLastName];

    public Task<T> AsAsync<T>(string firstName, Func<RoomService, Task<T>> work) =>
        Factory.AsUserAsync(Email(firstName), sp => work(sp.GetRequiredService<RoomService>()));

    public Task AsAsync(string firstName, Func<RoomService, Task> work) =>
        Factory.AsUserAsync(Email(firstName), sp => work(sp.GetRequiredService<RoomService>()));

    public Task EnterAsync(params string[] firstNames) => ForEachAsync(firstNames, room => room.EnterAsync(SessionId));

    public Task<RoomView> RoomAsync(string firstName) => AsAsync(firstName, room => room.GetRoomAsync(SessionId));

    public Task<DossierView> DossierAsync(string firstName, string candidate) =>
        AsAsync(firstName, room => room.GetDossierAsync(SessionId, Dossier(candidate)));

    /// <summary>Everyone enters, <paramref name="president"/> proposes themself, the others accept.</summary>
    public async Task EnterAllWithPresidentAsync(string president = Olivier)
    {
        await EnterAsync(Everyone);
        await AsAsync(president, room => room.ProposePresidentAsync(SessionId, Member(president)));
        await ForEachAsync(Everyone.Where(n => n != president), room => room.AcceptPresidentAsync(SessionId));
    }

    /// <summary>Each named member declares no link with the dossier.</summary>
    public Task DeclareNoLinkAsync(string candidate, params string[] firstNames) =>
        ForEachAsync(firstNames, room => room.DeclareConflictAsync(SessionId, Dossier(candidate), false, null));

    /// <summary>The proposal prefilled from the evaluation (R3): every competence to decide validated when it may be.</summary>
    public async Task<Dictionary<string, bool>> DefaultProposalAsync(string firstName, string candidate)
    {
        var view = await DossierAsync(firstName, candidate);
        Assert.NotNull(view.Content);
        return view.Content.Competences
            .Where(c => c.Situation == CompetenceSituation.ToDecide)
            .ToDictionary(c => c.Code, c => c.MayBeValidated, StringComparer.Ordinal);
    }

    /// <summary>Maxime Leroy's dossier (no known conflict): everyone present and declared, the president's default proposal under vote.</summary>
    public async Task<Guid> OpenLeroyVoteAsync()
    {
        await EnterAllWithPresidentAsync();
        await DeclareNoLinkAsync("Leroy", Everyone);
        var proposal = await DefaultProposalAsync(Olivier, "Leroy");
        await AsAsync(Olivier, room => room.ProposeAsync(SessionId, Dossier("Leroy"), proposal));
        return Dossier("Leroy");
    }

    public Task VoteAsync(string firstName, string candidate, VoteChoice choice) =>
        AsAsync(firstName, room => room.VoteAsync(SessionId, Dossier(candidate), choice));

    public async Task<List<DeliberationEvent>> FactsAsync(string candidate)
    {
        List<DeliberationEvent> facts = [];
        var dossierId = Dossier(candidate);
        await Factory.WithDbAsync(async db =>
            facts = await db.DeliberationEvents.AsNoTracking()
                .Where(e => db.Deliberations.Any(d => d.Id == e.DeliberationId && d.SessionId == SessionId && d.DossierId == dossierId))
                .OrderBy(e => e.Version).ToListAsync());
        return facts;
    }

    public async Task<List<AuditEntry>> AuditAsync()
    {
        List<AuditEntry> entries = [];
        await Factory.WithDbAsync(async db => entries = await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToListAsync());
        return entries;
    }

    public async Task<JurySession> SessionAsync()
    {
        JurySession? session = null;
        await Factory.WithDbAsync(async db => session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == SessionId));
        return session!;
    }

    public IDisposable Subscribe(Func<RoomEvent, Task> handler) =>
        Factory.Services.GetRequiredService<IDeliberationNotifier>().Subscribe(SessionId, handler);

    /// <summary>Records every event of the session from now on (dispose to stop); <see cref="EventLog.Seen"/> is a copy.</summary>
    public EventLog RecordEvents() => new(this);

    public sealed class EventLog : IDisposable
    {
        private readonly List<RoomEvent> _events = [];
        private readonly IDisposable _subscription;

        internal EventLog(RoomScenario scenario) =>
            _subscription = scenario.Subscribe(e =>
            {
                lock (_events)
                {
                    _events.Add(e);
                }

                return Task.CompletedTask;
            });

        public IReadOnlyList<RoomEvent> Seen
        {
            get
            {
                lock (_events)
                {
                    return [.. _events];
                }
            }
        }

        public void Dispose() => _subscription.Dispose();
    }

    private async Task ForEachAsync(IEnumerable<string> firstNames, Func<RoomService, Task> work)
    {
        foreach (var name in firstNames)
        {
            await AsAsync(name, work);
        }
    }
}
