using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Sessions;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Sessions;

public sealed class SessionAdminServiceTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task R8_A_2_1_1_jury_is_reported_as_not_paritaire()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var sessionId = await data.CreateSessionAsync();
        await data.ConveneAsync(sessionId, await data.AddJuryAsync(2, 1, 1));

        var details = await data.GetAsync(sessionId);

        var finding = Assert.Single(details.CompositionFindings);
        Assert.Equal("R8", finding.RuleId);
        Assert.Equal("Le jury n'est pas paritaire : 2 représentant(s) du collège salariés pour 1 du collège entreprises.", finding.Message);
        Assert.Contains(details.OpeningBlockers, b => b.StartsWith("R8 : Le jury n'est pas paritaire", StringComparison.Ordinal));
    }

    [Fact]
    public async Task R8_A_2_2_1_jury_has_no_finding_and_shows_as_valid_in_the_list()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var sessionId = await data.CreateSessionAsync();
        await data.ConveneAsync(sessionId, await data.AddJuryAsync(2, 2, 1));

        var details = await data.GetAsync(sessionId);
        var summary = Assert.Single(await data.AsSecretariatAsync(s => s.ListAsync()));

        Assert.Empty(details.CompositionFindings);
        Assert.Equal(5, details.Members.Count);
        Assert.True(summary.CompositionIsValid);
        Assert.Equal(5, summary.MemberCount);
    }

    [Fact]
    public async Task R6_An_incomplete_dossier_is_refused_with_its_findings_and_the_agenda_is_unchanged()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var sessionId = await data.CreateSessionAsync();
        var dossier = await data.AddCompleteDossierAsync();
        await _factory.WithDbAsync(async db =>
        {
            await db.Documents.Where(d => d.DossierId == dossier.Id && d.Kind == DocumentKind.Outil2).ExecuteDeleteAsync();
            await db.Dossiers.Where(d => d.Id == dossier.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.SignedByExternalAssessor, false));
        });
        var before = await data.SessionRowAsync(sessionId);

        var ex = await Assert.ThrowsAsync<InputValidationException>(() =>
            data.AsSecretariatAsync(s => s.AddDossierAsync(sessionId, dossier.Id, before.ConcurrencyStamp)));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("DossierId", error.Field);
        Assert.StartsWith("Ce dossier est incomplet et ne peut pas être inscrit : ", error.Message, StringComparison.Ordinal);
        Assert.Contains("R6 : Document manquant : Outil 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("R7 : L'évaluation n'est pas signée", error.Message, StringComparison.Ordinal);
        Assert.Empty(await data.AgendaRowsAsync(sessionId));
        Assert.Equal(before.ConcurrencyStamp, (await data.SessionRowAsync(sessionId)).ConcurrencyStamp);
    }

    [Theory]
    [InlineData(Route.SkillsDevelopment)]
    [InlineData(Route.Vae)]
    public async Task R6_A_complete_dossier_is_put_on_the_agenda_and_audited(Route route)
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var sessionId = await data.CreateSessionAsync();
        var dossier = await data.AddCompleteDossierAsync(route);

        await data.AddToAgendaAsync(sessionId, dossier.Id);

        var row = Assert.Single(await data.AgendaRowsAsync(sessionId));
        Assert.Equal(dossier.Id, row.DossierId);
        Assert.Equal(1, row.Position);
        var journal = await data.AsSecretariatAsync(s => s.AuditAsync(sessionId));
        Assert.Contains(journal, l => l.Action == "Inscription d'un dossier à l'ordre du jour" && l.DossierReference == dossier.Reference);
        Assert.Contains(journal, l => l.Action == "Création de la session" && l.UserName == "Secrétariat Test");
    }

    [Fact]
    public async Task A_dossier_already_on_another_open_or_draft_session_is_refused()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var first = await data.CreateSessionAsync("Jury de décembre");
        var second = await data.CreateSessionAsync("Jury de janvier", new DateOnly(2027, 1, 14));
        var dossier = await data.AddCompleteDossierAsync();
        await data.AddToAgendaAsync(first, dossier.Id);

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => data.AddToAgendaAsync(second, dossier.Id));

        Assert.Equal($"Le dossier {dossier.Reference} est déjà inscrit à la session « Jury de décembre » du 10/12/2026.", ex.Message);
        Assert.Empty(await data.AgendaRowsAsync(second));
    }

    [Fact]
    public async Task Reordering_and_removing_keep_positions_contiguous()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var sessionId = await data.CreateSessionAsync();
        var a = await data.AddCompleteDossierAsync(reference: "D-A");
        var b = await data.AddCompleteDossierAsync(reference: "D-B");
        var c = await data.AddCompleteDossierAsync(Route.Vae, reference: "D-C");
        foreach (var d in new[] { a, b, c })
        {
            await data.AddToAgendaAsync(sessionId, d.Id);
        }

        var stamp = (await data.GetAsync(sessionId)).ConcurrencyStamp;
        await data.AsSecretariatAsync(s => s.MoveDossierAsync(sessionId, c.Id, AgendaMove.Up, stamp));
        Assert.Equal(["D-A", "D-C", "D-B"], (await data.GetAsync(sessionId)).Agenda.Select(l => l.Reference));

        stamp = (await data.GetAsync(sessionId)).ConcurrencyStamp;
        await data.AsSecretariatAsync(s => s.RemoveDossierAsync(sessionId, a.Id, stamp));

        var rows = await data.AgendaRowsAsync(sessionId);
        Assert.Equal([c.Id, b.Id], rows.Select(r => r.DossierId));
        Assert.Equal([1, 2], rows.Select(r => r.Position));

        stamp = (await data.GetAsync(sessionId)).ConcurrencyStamp;
        var ex = await Assert.ThrowsAsync<InputValidationException>(() =>
            data.AsSecretariatAsync(s => s.MoveDossierAsync(sessionId, c.Id, AgendaMove.Up, stamp)));
        Assert.Equal("Ce dossier est déjà le premier de l'ordre du jour.", ex.Message);
    }

    [Fact]
    public async Task Opening_is_refused_with_every_finding_when_R8_fails_and_the_agenda_is_empty()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var sessionId = await data.CreateSessionAsync();
        await data.ConveneAsync(sessionId, await data.AddJuryAsync(1, 0, 1));
        var stamp = (await data.GetAsync(sessionId)).ConcurrencyStamp;
        data.OnSessionDay();

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => data.AsSecretariatAsync(s => s.OpenAsync(sessionId, stamp)));

        var messages = ex.Errors.Select(e => e.Message).ToList();
        Assert.Contains("R8 : Le jury doit comprendre au moins un représentant du collège entreprises.", messages);
        Assert.Contains("L'ordre du jour est vide : inscrivez au moins un dossier complet.", messages);
        Assert.Equal(SessionStatus.Draft, (await data.SessionRowAsync(sessionId)).Status);
    }

    [Fact]
    public async Task Opening_is_refused_when_a_dossier_on_the_agenda_is_no_longer_complete()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var sessionId = await data.CreateSessionAsync();
        await data.ConveneAsync(sessionId, await data.AddJuryAsync(1, 1, 1));
        var dossier = await data.AddCompleteDossierAsync();
        await data.AddToAgendaAsync(sessionId, dossier.Id);
        await _factory.WithDbAsync(db => db.Documents.Where(d => d.DossierId == dossier.Id && d.Kind == DocumentKind.Outil1).ExecuteDeleteAsync());
        var stamp = (await data.GetAsync(sessionId)).ConcurrencyStamp;
        data.OnSessionDay();

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => data.AsSecretariatAsync(s => s.OpenAsync(sessionId, stamp)));

        var error = Assert.Single(ex.Errors);
        Assert.StartsWith($"Le dossier {dossier.Reference} n'est plus complet : R6 : Document manquant : Outil 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Draft, (await data.SessionRowAsync(sessionId)).Status);
    }

    [Fact]
    public async Task A_valid_session_opens_and_its_agenda_and_members_can_no_longer_be_edited()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var sessionId = await data.CreateSessionAsync();
        var jury = await data.AddJuryAsync(1, 1, 1);
        await data.ConveneAsync(sessionId, jury);
        var dossier = await data.AddCompleteDossierAsync();
        await data.AddToAgendaAsync(sessionId, dossier.Id);
        var other = await data.AddCompleteDossierAsync(Route.Vae);
        var stamp = (await data.GetAsync(sessionId)).ConcurrencyStamp;
        data.OnSessionDay();

        await data.AsSecretariatAsync(s => s.OpenAsync(sessionId, stamp));

        var opened = await data.GetAsync(sessionId);
        Assert.Equal(SessionStatus.Open, opened.Status);
        Assert.NotEqual(stamp, opened.ConcurrencyStamp);
        var addDossier = await Assert.ThrowsAsync<UserFacingException>(() =>
            data.AsSecretariatAsync(s => s.AddDossierAsync(sessionId, other.Id, opened.ConcurrencyStamp)));
        Assert.Equal("La session est ouverte : sa composition et son ordre du jour ne peuvent plus être modifiés.", addDossier.Message);
        var removeDossier = await Assert.ThrowsAsync<UserFacingException>(() =>
            data.AsSecretariatAsync(s => s.RemoveDossierAsync(sessionId, dossier.Id, opened.ConcurrencyStamp)));
        Assert.Equal(SessionAdminService.LockedOpenMessage, removeDossier.Message);
        var removeMember = await Assert.ThrowsAsync<UserFacingException>(() =>
            data.AsSecretariatAsync(s => s.RemoveMemberAsync(sessionId, jury[0].Id, opened.ConcurrencyStamp)));
        Assert.Equal(SessionAdminService.LockedOpenMessage, removeMember.Message);
        Assert.Single(await data.AgendaRowsAsync(sessionId));
        var journal = await data.AsSecretariatAsync(s => s.AuditAsync(sessionId));
        Assert.Equal("Ouverture de la session", journal[^1].Action);
    }

    [Fact]
    public async Task R10_A_member_whose_organisation_is_the_candidates_employer_is_flagged()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var employer = EntityBuilders.Employer("Transports Lumière SA");
        var sessionId = await data.CreateSessionAsync();
        var dossier = await data.AddCompleteDossierAsync(employer: employer);
        var employerRep = EntityBuilders.Member("Bruno", "Carrel", Seat.EmployerRepresentative, employer.Id);
        var jury = await data.AddMembersAsync(
            EntityBuilders.Member("Anne", "Salis", Seat.EmployeeRepresentative),
            employerRep,
            EntityBuilders.Member("Eve", "Expert", Seat.TradeExpert));
        await data.ConveneAsync(sessionId, jury);
        await data.AddToAgendaAsync(sessionId, dossier.Id);

        var line = Assert.Single((await data.GetAsync(sessionId)).Agenda);

        var conflict = Assert.Single(line.Conflicts);
        Assert.Equal(employerRep.Id, conflict.MemberId);
        Assert.Equal("Bruno Carrel appartient à l'entreprise du candidat (Transports Lumière SA).", Assert.Single(conflict.Reasons));
        Assert.True(line.PanelIsInvalid);
        Assert.True(line.MustPostpone);
    }

    [Fact]
    public async Task R10_A_declared_link_with_the_training_organisation_is_flagged_and_parity_restoration_is_proposed()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var training = EntityBuilders.TrainingOrganisation("Institut Boréal");
        var sessionId = await data.CreateSessionAsync();
        var dossier = await data.AddCompleteDossierAsync(trainingOrganisation: training);
        var jury = await data.AddJuryAsync(2, 2, 1);
        var linked = jury[0];
        await _factory.WithDbAsync(async db =>
        {
            db.MemberLinks.Add(new MemberOrganisationLink
            {
                Id = Guid.NewGuid(),
                JuryMemberId = linked.Id,
                OrganisationId = training.Id,
                Description = "ancien formateur vacataire",
            });
            await db.SaveChangesAsync();
        });
        await data.ConveneAsync(sessionId, jury);
        await data.AddToAgendaAsync(sessionId, dossier.Id);

        var line = Assert.Single((await data.GetAsync(sessionId)).Agenda);

        var conflict = Assert.Single(line.Conflicts);
        Assert.Equal(linked.Id, conflict.MemberId);
        Assert.Equal(
            $"{linked.FullName} a un lien déclaré avec l'organisme de formation du candidat (Institut Boréal) : ancien formateur vacataire.",
            Assert.Single(conflict.Reasons));
        Assert.True(line.PanelIsInvalid);
        Assert.False(line.MustPostpone);
        Assert.Equal(2, line.ParityProposals.Count);
        Assert.All(line.ParityProposals, p => Assert.StartsWith("Parité rétablie si Employeur Numéro", p, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Creating_with_bad_input_lists_every_error_and_creates_nothing()
    {
        var data = await SessionTestData.CreateAsync(_factory);

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => data.AsSecretariatAsync(s => s.CreateAsync(new SessionInput
        {
            Title = "  ",
            Date = new DateOnly(2026, 11, 26),
            VideoLink = "visio.exemple.fr/jury",
        })));

        Assert.Contains(ex.Errors, e => e.Field == "Title" && e.Message == "Le titre est obligatoire.");
        Assert.Contains(ex.Errors, e => e.Field == "Date" && e.Message == "La date de la session ne peut pas être dans le passé.");
        Assert.Contains(ex.Errors, e => e.Field == "VideoLink" && e.Message == "Le lien de visioconférence doit être une adresse web (https://…).");
        Assert.Empty(await data.AsSecretariatAsync(s => s.ListAsync()));
    }

    [Fact]
    public async Task A_session_needs_a_place_or_a_video_link_and_accepts_a_link_alone()
    {
        var data = await SessionTestData.CreateAsync(_factory);

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => data.AsSecretariatAsync(s => s.CreateAsync(new SessionInput
        {
            Title = "Jury",
            Date = SessionTestData.SessionDate,
        })));
        var id = await data.AsSecretariatAsync(s => s.CreateAsync(new SessionInput
        {
            Title = "Jury en ligne",
            Date = SessionTestData.SessionDate,
            VideoLink = "https://visio.exemple.fr/jury-decembre",
        }));

        Assert.Equal("Indiquez un lieu ou un lien de visioconférence.", Assert.Single(ex.Errors).Message);
        var summary = Assert.Single(await data.AsSecretariatAsync(s => s.ListAsync()));
        Assert.Equal(id, summary.Id);
        Assert.Null(summary.Place);
    }

    [Fact]
    public async Task A_change_based_on_a_stale_version_is_refused()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var sessionId = await data.CreateSessionAsync();
        var jury = await data.AddJuryAsync(1, 1, 1);
        var stale = (await data.GetAsync(sessionId)).ConcurrencyStamp;
        await data.AsSecretariatAsync(s => s.AddMemberAsync(sessionId, jury[0].Id, stale));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            data.AsSecretariatAsync(s => s.AddMemberAsync(sessionId, jury[1].Id, stale)));

        Assert.Single((await data.GetAsync(sessionId)).Members);
    }

    [Fact]
    public async Task A_jury_member_calling_the_secretariat_service_is_refused()
    {
        var data = await SessionTestData.CreateAsync(_factory);
        var sessionId = await data.CreateSessionAsync();
        var (_, email, _) = await _factory.CreateMemberWithAccountAsync("Léa", "Durand", Seat.TradeExpert);

        var list = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _factory.AsUserAsync(email, sp => sp.GetRequiredService<SessionAdminService>().ListAsync()));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _factory.AsUserAsync(email, sp => sp.GetRequiredService<SessionAdminService>().AuditAsync(sessionId)));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _factory.AsUserAsync(email, sp => sp.GetRequiredService<SessionAdminService>().CreateAsync(new SessionInput
            {
                Title = "Session pirate",
                Date = SessionTestData.SessionDate,
                Place = "Ailleurs",
            })));

        Assert.Equal("Cette action est réservée au secrétariat de la CPEF.", list.Message);
        Assert.Single(await data.AsSecretariatAsync(s => s.ListAsync()));
    }

    public void Dispose() => _factory.Dispose();
}
