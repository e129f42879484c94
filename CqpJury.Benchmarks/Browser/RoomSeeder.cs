using CqpJury.App.Data;
using CqpJury.App.Data.Demo;
using CqpJury.App.Data.Entities;
using CqpJury.App.Extensions;
using CqpJury.App.Services.Privacy;
using CqpJury.Benchmarks.Core;
using CqpJury.Domain.Juries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CqpJury.Benchmarks.Browser;

/// <summary>A seeded member: the account to sign in with and the name shown in the tally.</summary>
public sealed record SeededMember(Guid Id, string FullName, string Email, string Password);

/// <summary>A seeded open session: five members (2+2+1, no links), the proposer and president of R9, the dossier to deliberate.</summary>
public sealed record SeededSession(Guid Id, IReadOnlyList<SeededMember> Members, string DossierReference)
{
    /// <summary>Proposes the president (an employee representative).</summary>
    public SeededMember Proposer => Members[0];

    /// <summary>The president and chair (an employer representative).</summary>
    public SeededMember President => Members[3];
}

/// <summary>
/// Prepares a data folder before the app process starts, with the app's own types (a WebApplication
/// built with <c>AddCqpJury()</c>, migrated by the app's initializer): the demo (<see cref="DemoDataSeeder"/>,
/// session 1, the plain full-award dossier of Maxime Leroy), then <c>count − 1</c> clones of that
/// session, each with five new members and accounts and its own copy of the dossier (evaluations,
/// grid, documents). The clones' accounts share one password hash (PBKDF2 once, not 100 times).
/// </summary>
public static class RoomSeeder
{
    public const string DemoDossierCandidate = "Leroy";

    private static readonly (string First, string Last, Seat Seat)[] Seats =
    [
        ("Alice", "Salarie", Seat.EmployeeRepresentative),
        ("Bruno", "Salarie", Seat.EmployeeRepresentative),
        ("Chloe", "Employeur", Seat.EmployerRepresentative),
        ("Damien", "Employeur", Seat.EmployerRepresentative),
        ("Emma", "Experte", Seat.TradeExpert),
    ];

    public static async Task<IReadOnlyList<SeededSession>> SeedAsync(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = folder,
            ApplicationName = typeof(HostingExtensions).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:CqpJury"] = $"Data Source={Path.Combine(folder, "db.sqlite")}",
            ["Storage:Root"] = folder,
            ["Referential:Path"] = RepositoryPaths.Referential,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddCqpJury();
        await using var app = builder.Build();
        await DatabaseInitializer.InitializeAsync(app.Services);

        List<SeededSession> sessions;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var credentials = await sp.GetRequiredService<DemoDataSeeder>().SeedAsync();
            var passwords = credentials.ToDictionary(c => c.Email, c => c.Password, StringComparer.OrdinalIgnoreCase);
            var dbFactory = sp.GetRequiredService<IDbContextFactory<CqpJuryDbContext>>();
            var paths = sp.GetRequiredService<DataPaths>();
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            await using var db = await dbFactory.CreateDbContextAsync();

            var demo = await db.Sessions.AsNoTracking().SingleAsync(s => s.Title == DemoDataSeeder.DemoSessionTitle);
            var demoMembers = await db.SessionMembers.AsNoTracking().Where(m => m.SessionId == demo.Id).Select(m => m.JuryMember!).ToListAsync();
            var byName = demoMembers.ToDictionary(m => m.FirstName, StringComparer.Ordinal);
            var source = await db.Dossiers.AsNoTracking().AsSplitQuery() // two collections: no EF warning, no row per pair
                .Include(d => d.Candidate).Include(d => d.Evaluations).ThenInclude(e => e.Elements).Include(d => d.Documents)
                .SingleAsync(d => d.Candidate!.LastName == DemoDossierCandidate);
            SeededMember Demo(string first) => new(byName[first].Id, byName[first].FullName, byName[first].Email, passwords[byName[first].Email]);
            sessions = [new SeededSession(demo.Id, [Demo("Amandine"), Demo("Karim"), Demo("Hélène"), Demo("Olivier"), Demo("Sophie")], source.Reference)];

            const string password = "Banc-d'essai-2026!";
            var hash = users.PasswordHasher.HashPassword(new AppUser(), password);
            var role = await db.Roles.AsNoTracking().SingleAsync(r => r.Name == Roles.JuryMember);
            var now = DateTimeOffset.UtcNow;
            foreach (var m in demoMembers)
            {
                // R16: the demo session's members accepted the confidentiality commitment beforehand, like the seeded ones.
                db.ConfidentialityAcceptances.Add(new ConfidentialityAcceptance { SessionId = demo.Id, JuryMemberId = m.Id, AcceptedAt = now, TextVersion = ConfidentialityCommitment.Version });
            }

            for (var s = 2; s <= count; s++)
            {
                var session = new JurySession
                {
                    Id = Guid.NewGuid(),
                    Title = $"Jury paritaire CQP – banc d'essai {s:00}",
                    Date = demo.Date,
                    StartTime = demo.StartTime,
                    Place = demo.Place,
                    Status = SessionStatus.Open,
                    CreatedAt = now,
                };
                var members = new List<SeededMember>();
                foreach (var (first, last, seat) in Seats)
                {
                    var member = new JuryMemberEntity
                    {
                        Id = Guid.NewGuid(),
                        FirstName = first,
                        LastName = $"{last} {s:00}",
                        Email = $"{first.ToLowerInvariant()}.{s:00}@banc.exemple.test",
                        Seat = seat,
                        OrganisationName = "Organisation fictive du banc d'essai",
                    };
                    var user = new AppUser
                    {
                        UserName = member.Email,
                        NormalizedUserName = member.Email.ToUpperInvariant(),
                        Email = member.Email,
                        NormalizedEmail = member.Email.ToUpperInvariant(),
                        EmailConfirmed = true,
                        DisplayName = member.FullName,
                        JuryMemberId = member.Id,
                        PasswordHash = hash,
                        SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                        ConcurrencyStamp = Guid.NewGuid().ToString(),
                        LockoutEnabled = true,
                    };
                    member.UserId = user.Id;
                    db.JuryMembers.Add(member);
                    db.Users.Add(user);
                    db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
                    session.Members.Add(new SessionMember { SessionId = session.Id, JuryMemberId = member.Id });
                    db.ConfidentialityAcceptances.Add(new ConfidentialityAcceptance { SessionId = session.Id, JuryMemberId = member.Id, AcceptedAt = now, TextVersion = ConfidentialityCommitment.Version }); // R16: accepted beforehand
                    members.Add(new SeededMember(member.Id, member.FullName, member.Email, password));
                }

                var dossier = CloneDossier(source, s, paths, now);
                db.Dossiers.Add(dossier);
                session.Agenda.Add(new AgendaItem { Id = Guid.NewGuid(), SessionId = session.Id, DossierId = dossier.Id, Position = 1 });
                db.Sessions.Add(session);
                sessions.Add(new SeededSession(session.Id, members, dossier.Reference));
            }

            await db.SaveChangesAsync();
        }

        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return sessions;
    }

    private static DossierEntity CloneDossier(DossierEntity source, int s, DataPaths paths, DateTimeOffset now)
    {
        var candidate = new Candidate
        {
            Id = Guid.NewGuid(),
            FirstName = source.Candidate!.FirstName,
            LastName = $"{source.Candidate.LastName} {s:00}",
            BirthDate = source.Candidate.BirthDate,
        };
        var dossier = new DossierEntity
        {
            Id = Guid.NewGuid(),
            Reference = $"{source.Reference}-B{s:00}",
            Candidate = candidate,
            CandidateId = candidate.Id,
            CertificateCode = source.CertificateCode,
            Route = source.Route,
            EmployerId = source.EmployerId,
            TrainingOrganisationId = source.TrainingOrganisationId,
            SectorProfessionalId = source.SectorProfessionalId,
            ExternalAssessorId = source.ExternalAssessorId,
            EvaluationDate = source.EvaluationDate,
            SignedBySectorProfessional = source.SignedBySectorProfessional,
            SignedByExternalAssessor = source.SignedByExternalAssessor,
            CompletenessCheckedAt = source.CompletenessCheckedAt,
            CompletenessCheckedBy = source.CompletenessCheckedBy,
            CompletenessCheckPassed = source.CompletenessCheckPassed,
            CompletenessFindings = source.CompletenessFindings,
            CreatedAt = now,
        };
        foreach (var evaluation in source.Evaluations)
        {
            var id = Guid.NewGuid();
            dossier.Evaluations.Add(new CompetenceEvaluationEntity
            {
                Id = id,
                DossierId = dossier.Id,
                CompetenceCode = evaluation.CompetenceCode,
                EvaluatorsSayMastered = evaluation.EvaluatorsSayMastered,
                Elements = evaluation.Elements.Select(e => new GridElementEntity
                {
                    Id = Guid.NewGuid(),
                    CompetenceEvaluationId = id,
                    Position = e.Position,
                    Label = e.Label,
                    IsEssential = e.IsEssential,
                    Status = e.Status,
                }).ToList(),
            });
        }

        foreach (var document in source.Documents)
        {
            var stored = $"{Guid.NewGuid():N}.pdf";
            File.Copy(Path.Combine(paths.Documents, document.StoredFileName), Path.Combine(paths.Documents, stored));
            dossier.Documents.Add(new DossierDocument
            {
                Id = Guid.NewGuid(),
                DossierId = dossier.Id,
                Kind = document.Kind,
                OriginalFileName = document.OriginalFileName,
                StoredFileName = stored,
                SizeBytes = document.SizeBytes,
                Sha256 = document.Sha256,
                UploadedAt = document.UploadedAt,
                UploadedBy = document.UploadedBy,
            });
        }

        return dossier;
    }
}
