using System.Security.Cryptography;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Evaluations;
using CqpJury.Domain.Juries;
using CqpJury.Domain.Referential;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Route = CqpJury.Domain.Dossiers.Route;

namespace CqpJury.App.Data.Demo;

/// <summary>One demo account and the password just set for it.</summary>
public sealed record DemoCredential(string Role, string Name, string Email, string Password);

/// <summary>
/// A realistic, clearly fictitious dataset (`--demo`): a secretariat account, five jury members
/// (2+2+1), an open session today with seven dossiers across both CQPs and both routes — a
/// returning candidate with earlier validations (R4.1, R4.2), an evaluator discrepancy (R2.2),
/// a known conflict that breaks parity (R10.1), one that recuses the expert (postponement),
/// candidate observations (R13), postal addresses and e-mails (two candidates without one: hand delivery,
/// issue 20) — one incomplete dossier kept off the agenda (R6), and a draft
/// session to prepare, and two years of closed sessions with signed decisions for the statistics
/// page (<see cref="SeedHistoryAsync"/>). Seeding happens once; each run sets fresh random passwords on the demo
/// accounts and returns them to be printed (there is no default password anywhere).
/// </summary>
public sealed partial class DemoDataSeeder(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    UserManager<AppUser> userManager,
    ReferentialCatalog catalog,
    DataPaths paths,
    TimeProvider clock)
{
    public const string Domain = "exemple.test";
    public const string DemoSessionTitle = "Jury paritaire CQP – session de démonstration";

    public async Task<IReadOnlyList<DemoCredential>> SeedAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Sessions.AnyAsync(s => s.Title == DemoSessionTitle, cancellationToken))
            {
                await SeedDataAsync(db, cancellationToken);
            }

            // Added apart from the demo session (whose content it leaves as it is), also to a demo seeded before it existed.
            if (!await db.Sessions.AnyAsync(s => s.Title.EndsWith(HistoryMarker), cancellationToken))
            {
                await SeedHistoryAsync(db, cancellationToken);
            }
        }

        return await ResetAccountsAsync(cancellationToken);
    }

    private async Task SeedDataAsync(CqpJuryDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

        // Organisations (fictitious; SIRET left empty on purpose).
        // Issue 20: two employers have a contact e-mail (they receive the decision sheet, R14); Territoires has none
        // (its copies are posted or handed over).
        var formavenir = Org("Formavenir Conseil (fictif)", OrganisationKind.Employer, "Lyon");
        formavenir.ContactEmail = $"rh@formavenir.{Domain}";
        var atelier = Org("Atelier Pédagogique du Rhône (fictif)", OrganisationKind.Employer, "Villeurbanne");
        atelier.ContactEmail = $"contact@atelier-pedagogique.{Domain}";
        var territoires = Org("Compétences & Territoires SAS (fictif)", OrganisationKind.Employer, "Grenoble");
        var institut = Org("Institut Fictif de Formation Continue", OrganisationKind.TrainingOrganisation, "Lyon");
        var campus = Org("Campus Démo des Métiers de la Formation", OrganisationKind.TrainingOrganisation, "Saint-Étienne");
        db.Organisations.AddRange(formavenir, atelier, territoires, institut, campus);

        // Evaluators habilitated by the CPEF (R7).
        var pro1 = Evaluator("Moreau", "Anne", EvaluatorRole.SectorProfessional, new DateOnly(2023, 1, 10));
        var pro2 = Evaluator("Girard", "Bruno", EvaluatorRole.SectorProfessional, new DateOnly(2024, 3, 1));
        var ext1 = Evaluator("Fabre", "Céline", EvaluatorRole.ExternalAssessor, new DateOnly(2022, 9, 1));
        var ext2 = Evaluator("Noël", "Denis", EvaluatorRole.ExternalAssessor, new DateOnly(2024, 6, 15));
        db.Evaluators.AddRange(pro1, pro2, ext1, ext2);

        // Jury members (2+2+1). Hélène Marchand works for Formavenir (employer of a candidate);
        // Sophie Lambert, the expert, has a declared link with the Campus Démo.
        var amandine = Member("Amandine", "Roux", Seat.EmployeeRepresentative, "Union syndicale Démo (fictive)");
        var karim = Member("Karim", "Benali", Seat.EmployeeRepresentative, "Fédération Démo des salariés (fictive)");
        var helene = Member("Hélène", "Marchand", Seat.EmployerRepresentative, "Formavenir Conseil (fictif)", formavenir.Id);
        var olivier = Member("Olivier", "Garnier", Seat.EmployerRepresentative, "Syndicat Démo des organismes de formation (fictif)");
        var sophie = Member("Sophie", "Lambert", Seat.TradeExpert, "Experte métier indépendante");
        sophie.Links.Add(new MemberOrganisationLink
        {
            Id = Guid.NewGuid(),
            JuryMemberId = sophie.Id,
            OrganisationId = campus.Id,
            Description = "intervenante vacataire au Campus Démo",
        });
        db.JuryMembers.AddRange(amandine, karim, helene, olivier, sophie);

        var af = catalog.Get("CQP-AF");
        var ccf = catalog.Get("CQP-CCF");
        var dossiers = new List<DossierEntity>();
        var sequence = 1;
        string NextReference() => $"D-{today.Year}-{sequence++:0000}";

        // 1. Full award expected; the candidate's employer is Formavenir → Hélène recused → parity proposals (R10.1).
        var elodie = Candidate("Élodie", "Fontaine", new DateOnly(1992, 4, 12));
        dossiers.Add(Dossier(elodie, af, Route.SkillsDevelopment, formavenir, institut, pro1, ext1, NextReference(), now));

        // 2. VAE, C5 not mastered per the evaluators → partial validation expected.
        var julien = Candidate("Julien", "Mercier", new DateOnly(1985, 11, 3));
        var d2 = Dossier(julien, ccf, Route.Vae, atelier, null, pro2, ext2, NextReference(), now, notMastered: ["C5"]);
        d2.AdmissibilityRequestDate = today.AddMonths(-8);
        d2.AdmissibilityAccepted = true;
        d2.AdmissibilityReviewedBy = "Secrétariat de la CPEF";
        d2.AdmissibilityReviewedOn = today.AddMonths(-7);
        d2.ActivityPeriods.Add(new ActivityPeriodEntity { Id = Guid.NewGuid(), DossierId = d2.Id, Start = today.AddYears(-6), End = today.AddYears(-2), Description = "Chargé de clientèle formation, Atelier Pédagogique du Rhône" });
        d2.ActivityPeriods.Add(new ActivityPeriodEntity { Id = Guid.NewGuid(), DossierId = d2.Id, Start = today.AddYears(-2).AddDays(1), Description = "Conseiller commercial formation" });
        dossiers.Add(d2);

        // 3. Returning candidate (R4.2): C1–C3 validated 2023-06-15 (still held), C4 validated 2020-05-10 (expired).
        var nadia = Candidate("Nadia", "Haddad", new DateOnly(1990, 2, 27));
        var earlier = new Dictionary<string, DateOnly>
        {
            ["C1"] = new(2023, 6, 15),
            ["C2"] = new(2023, 6, 15),
            ["C3"] = new(2023, 6, 15),
            ["C4"] = new(2020, 5, 10),
        };
        var d3 = Dossier(nadia, af, Route.SkillsDevelopment, territoires, institut, pro1, ext2, NextReference(), now, evaluated: ["C4", "C5", "C6"]);
        d3.EarlierValidations.AddRange(earlier.Select(kv => new EarlierValidationEntity { Id = Guid.NewGuid(), DossierId = d3.Id, CompetenceCode = kv.Key, ValidatedOn = kv.Value }));
        dossiers.Add(d3);

        // 4. Evaluator discrepancy (R2.2): C3 said mastered, but an essential element is "non acquis".
        var thomas = Candidate("Thomas", "Perrin", new DateOnly(1995, 7, 19));
        var d4 = Dossier(thomas, ccf, Route.SkillsDevelopment, territoires, campus, pro2, ext1, NextReference(), now);
        var c3 = d4.Evaluations.Single(e => e.CompetenceCode == "C3");
        c3.Elements.First(e => e.IsEssential).Status = ElementStatus.NotAcquired;
        // The training organisation is the Campus Démo: the expert is recused → postponement (R10.1).
        dossiers.Add(d4);

        // 5. VAE with candidate observations (R13): C2 not mastered, the candidate disagrees.
        var claire = Candidate("Claire", "Dubois", new DateOnly(1988, 9, 8));
        var d5 = Dossier(claire, af, Route.Vae, atelier, null, pro1, ext1, NextReference(), now, notMastered: ["C2"]);
        d5.CandidateObservations = "Je conteste l'évaluation de la compétence 2 : l'observation a eu lieu pendant une semaine de fermeture de l'organisme, je n'ai donc pas pu organiser la logistique d'une session réelle.";
        d5.AdmissibilityRequestDate = today.AddMonths(-10);
        d5.AdmissibilityAccepted = true;
        d5.AdmissibilityReviewedBy = "Secrétariat de la CPEF";
        d5.AdmissibilityReviewedOn = today.AddMonths(-9);
        d5.ActivityPeriods.Add(new ActivityPeriodEntity { Id = Guid.NewGuid(), DossierId = d5.Id, Start = today.AddYears(-5), Description = "Assistante administrative de formation" });
        dossiers.Add(d5);

        // 6. A plain full award.
        var maxime = Candidate("Maxime", "Leroy", new DateOnly(1998, 1, 30));
        dossiers.Add(Dossier(maxime, ccf, Route.SkillsDevelopment, atelier, institut, pro2, ext2, NextReference(), now));

        // 7. Incomplete (R6): Outil 2 missing and the external assessor has not signed → kept off the agenda.
        var ines = Candidate("Inès", "Morel", new DateOnly(1994, 5, 5));
        var d7 = Dossier(ines, af, Route.SkillsDevelopment, formavenir, institut, pro1, ext1, NextReference(), now);
        d7.SignedByExternalAssessor = false;
        dossiers.Add(d7);

        // Issue 20: postal addresses (fictitious) for the paper certificates (R15) and the decisions without e-mail;
        // Nadia Haddad and Claire Dubois have no e-mail: their decisions are « à remettre par courrier ou en main propre ».
        Address(elodie, "12 rue de la République", null, "69002", "Lyon");
        Address(julien, "8 cours Émile Zola", "Appartement 21", "69100", "Villeurbanne");
        Address(nadia, "Résidence Les Tilleuls, bât. B", "4 avenue Alsace-Lorraine", "38000", "Grenoble");
        Address(thomas, "27 rue des Docteurs Charcot", null, "42100", "Saint-Étienne");
        Address(claire, "3 montée des Carmes", null, "69005", "Lyon");
        Address(maxime, "41 boulevard des Canuts", null, "69004", "Lyon");
        Address(ines, "6 impasse des Tisserands", null, "69003", "Lyon");
        nadia.Email = null;
        claire.Email = null;
        db.Candidates.AddRange(elodie, julien, nadia, thomas, claire, maxime, ines);
        db.Dossiers.AddRange(dossiers);

        // Documents: fictitious PDFs stored like uploads (server-generated names under data/documents).
        foreach (var dossier in dossiers)
        {
            var candidate = new[] { elodie, julien, nadia, thomas, claire, maxime, ines }.Single(c => c.Id == dossier.CandidateId);
            var kinds = dossier.Route == Route.SkillsDevelopment
                ? (dossier == d7 ? [DocumentKind.Outil1] : new[] { DocumentKind.Outil1, DocumentKind.Outil2 })
                : [DocumentKind.DossierVae];
            foreach (var kind in kinds)
            {
                dossier.Documents.Add(StoreDocument(dossier, candidate, kind, now));
            }
        }

        // The secretariat's completeness check (R6), recorded.
        foreach (var dossier in dossiers)
        {
            var certificate = catalog.Get(dossier.CertificateCode);
            dossier.SectorProfessional = new[] { pro1, pro2 }.Single(e => e.Id == dossier.SectorProfessionalId);
            dossier.ExternalAssessor = new[] { ext1, ext2 }.Single(e => e.Id == dossier.ExternalAssessorId);
            var findings = CompletenessCheck.Check(dossier.ToDomain(), certificate, today);
            dossier.CompletenessCheckedAt = now;
            dossier.CompletenessCheckedBy = "Secrétariat de la CPEF (démonstration)";
            dossier.CompletenessCheckPassed = findings.Count == 0;
            dossier.CompletenessFindings = findings.Count == 0 ? null : string.Join("\n", findings.Select(f => f.ToString()));
        }

        var session = new JurySession
        {
            Id = Guid.NewGuid(),
            Title = DemoSessionTitle,
            Date = today,
            StartTime = new TimeOnly(14, 0),
            Place = "CPEF – salle Jean Monnet, Paris (fictif)",
            VideoLink = "https://visio.exemple.test/jury-demo",
            Status = SessionStatus.Open,
            CreatedAt = now,
        };
        session.Members.AddRange(new[] { amandine, karim, helene, olivier, sophie }.Select(m => new SessionMember { SessionId = session.Id, JuryMemberId = m.Id }));
        var position = 1;
        foreach (var dossier in dossiers.Where(d => d.CompletenessCheckPassed == true))
        {
            session.Agenda.Add(new AgendaItem { Id = Guid.NewGuid(), SessionId = session.Id, DossierId = dossier.Id, Position = position++ });
        }

        var next = new JurySession
        {
            Id = Guid.NewGuid(),
            Title = "Jury paritaire CQP – session suivante (à préparer)",
            Date = today.AddMonths(1),
            StartTime = new TimeOnly(9, 30),
            VideoLink = "https://visio.exemple.test/jury-suivant",
            Status = SessionStatus.Draft,
            CreatedAt = now,
        };
        next.Members.AddRange(new[] { amandine, olivier, sophie }.Select(m => new SessionMember { SessionId = next.Id, JuryMemberId = m.Id }));
        db.Sessions.AddRange(session, next);
        db.AuditEntries.Add(new AuditEntry { At = now, UserName = "système", Action = "Données de démonstration créées", SessionId = session.Id });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Creates the demo accounts if needed and sets a fresh random password on each.</summary>
    private async Task<IReadOnlyList<DemoCredential>> ResetAccountsAsync(CancellationToken cancellationToken)
    {
        var credentials = new List<DemoCredential>();
        credentials.Add(await EnsureAccountAsync($"secretariat@{Domain}", "Secrétariat de la CPEF (démo)", Roles.Secretariat, null, "Secrétariat"));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var members = await db.JuryMembers.Where(m => m.Email.EndsWith("@" + Domain)).OrderBy(m => m.Seat).ThenBy(m => m.LastName).ToListAsync(cancellationToken);
        foreach (var member in members)
        {
            var credential = await EnsureAccountAsync(member.Email, member.FullName, Roles.JuryMember, member.Id, member.Seat.ToFrench());
            if (member.UserId is null)
            {
                member.UserId = (await userManager.FindByEmailAsync(member.Email))!.Id;
            }

            credentials.Add(credential);
        }

        await db.SaveChangesAsync(cancellationToken);
        return credentials;
    }

    private async Task<DemoCredential> EnsureAccountAsync(string email, string displayName, string role, Guid? memberId, string roleLabel)
    {
        var password = PasswordGenerator.NewPassword();
        var user = await userManager.FindByEmailAsync(email);
        if (user is null)
        {
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, JuryMemberId = memberId };
            Check(await userManager.CreateAsync(user, password));
            Check(await userManager.AddToRoleAsync(user, role));
        }
        else
        {
            var token = await userManager.GeneratePasswordResetTokenAsync(user);
            Check(await userManager.ResetPasswordAsync(user, token, password));
            await userManager.SetLockoutEndDateAsync(user, null);
            await userManager.ResetAccessFailedCountAsync(user);
        }

        return new DemoCredential(roleLabel, displayName, email, password);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    private DossierDocument StoreDocument(DossierEntity dossier, Candidate candidate, DocumentKind kind, DateTimeOffset now)
    {
        var bytes = DemoPdf.Create(kind.ToFrench(), [
            "DOCUMENT FICTIF - données de démonstration de CqpJury",
            $"Candidat : {candidate.FullName}",
            $"Dossier : {dossier.Reference} - {catalog.Get(dossier.CertificateCode).Title}",
            $"Parcours : {dossier.Route.ToFrench()}",
            "Ce document remplace, pour la démonstration, le livret réellement rempli.",
        ]);
        Directory.CreateDirectory(paths.Documents);
        var stored = $"{Guid.NewGuid():N}.pdf";
        File.WriteAllBytes(Path.Combine(paths.Documents, stored), bytes);
        return new DossierDocument
        {
            Id = Guid.NewGuid(),
            DossierId = dossier.Id,
            Kind = kind,
            OriginalFileName = $"{kind switch { DocumentKind.Outil1 => "outil-1", DocumentKind.Outil2 => "outil-2", _ => "dossier-vae" }}-{candidate.LastName.ToLowerInvariant()}.pdf",
            StoredFileName = stored,
            SizeBytes = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            UploadedAt = now,
            UploadedBy = "Secrétariat de la CPEF (démonstration)",
        };
    }

    private static void Address(Candidate candidate, string line1, string? line2, string postalCode, string city) =>
        candidate.PostalAddress = new PostalAddress { Line1 = line1, Line2 = line2, PostalCode = postalCode, City = city };

    private static Organisation Org(string name, OrganisationKind kind, string city) =>
        new() { Id = Guid.NewGuid(), Name = name, Kind = kind, City = city };

    private static EvaluatorEntity Evaluator(string last, string first, EvaluatorRole role, DateOnly from) => new()
    {
        Id = Guid.NewGuid(),
        LastName = last,
        FirstName = first,
        Role = role,
        HabilitatedFrom = from,
        Email = $"{Slug(first)}.{Slug(last)}@{Domain}",
    };

    private static JuryMemberEntity Member(string first, string last, Seat seat, string organisation, Guid? organisationId = null) => new()
    {
        Id = Guid.NewGuid(),
        FirstName = first,
        LastName = last,
        Email = $"{Slug(first)}.{Slug(last)}@{Domain}",
        Seat = seat,
        OrganisationName = organisation,
        OrganisationId = organisationId,
    };

    private static Candidate Candidate(string first, string last, DateOnly birth) => new()
    {
        Id = Guid.NewGuid(),
        FirstName = first,
        LastName = last,
        BirthDate = birth,
        Email = $"{Slug(first)}.{Slug(last)}@candidat.{Domain}",
    };

    private static DossierEntity Dossier(
        Candidate candidate, CertificateDefinition certificate, Route route, Organisation? employer, Organisation? training,
        EvaluatorEntity pro, EvaluatorEntity ext, string reference, DateTimeOffset now,
        IReadOnlyCollection<string>? notMastered = null, IReadOnlyCollection<string>? evaluated = null)
    {
        var dossier = new DossierEntity
        {
            Id = Guid.NewGuid(),
            Reference = reference,
            CandidateId = candidate.Id,
            CertificateCode = certificate.Code,
            Route = route,
            EmployerId = employer?.Id,
            TrainingOrganisationId = training?.Id,
            SectorProfessionalId = pro.Id,
            ExternalAssessorId = ext.Id,
            EvaluationDate = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-21),
            SignedBySectorProfessional = true,
            SignedByExternalAssessor = true,
            CreatedAt = now,
        };
        foreach (var competence in certificate.Competences.Where(c => evaluated is null || evaluated.Contains(c.Code)))
        {
            var mastered = notMastered?.Contains(competence.Code) != true;
            var evaluationId = Guid.NewGuid();
            var labels = DemoGrids.ElementsFor(certificate.Code, competence.Code);
            dossier.Evaluations.Add(new CompetenceEvaluationEntity
            {
                Id = evaluationId,
                DossierId = dossier.Id,
                CompetenceCode = competence.Code,
                EvaluatorsSayMastered = mastered,
                Elements = labels.Select((label, i) => new GridElementEntity
                {
                    Id = Guid.NewGuid(),
                    CompetenceEvaluationId = evaluationId,
                    Position = i + 1,
                    Label = label.Label,
                    IsEssential = label.Essential,
                    Status = !mastered && label.Essential && i == 0 ? ElementStatus.NotAcquired
                        : !label.Essential && i == labels.Count - 1 ? ElementStatus.NotImplemented
                        : ElementStatus.Acquired,
                }).ToList(),
            });
        }

        return dossier;
    }

    private static string Slug(string text) =>
        new string(text.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => char.IsAsciiLetter(c))
            .ToArray()).ToLowerInvariant();
}
