using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Deliberations;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Room;

public sealed class RoomConflictTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task R10_2_a_member_with_a_known_conflict_gets_no_content_no_panel_no_deliberation_and_no_candidate_name()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAllWithPresidentAsync();

        var view = await s.DossierAsync(Helene, "Fontaine");
        var agenda = (await s.RoomAsync(Helene)).Agenda.Single(a => a.DossierId == s.Dossier("Fontaine"));
        var seenByKarim = (await s.RoomAsync(Karim)).Agenda.Single(a => a.DossierId == s.Dossier("Fontaine"));

        Assert.Equal(Participation.Recused, view.Participation);
        Assert.True(view.IsExcluded);
        Assert.Null(view.Content);
        Assert.Null(view.Panel);
        Assert.Null(view.Deliberation);
        Assert.Null(view.Prompt);
        Assert.StartsWith("Conflit d'intérêts connu du secrétariat", view.ExclusionReason, StringComparison.Ordinal);
        Assert.DoesNotContain("Fontaine", view.ExclusionReason!, StringComparison.OrdinalIgnoreCase);
        Assert.True(agenda.IAmExcluded);
        Assert.DoesNotContain("Fontaine", agenda.Label, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Élodie", agenda.Label, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("FONTAINE", seenByKarim.Label, StringComparison.Ordinal);
        Assert.False(seenByKarim.IAmExcluded);
    }

    [Fact]
    public async Task R10_a_member_who_has_not_declared_is_asked_about_the_employer_and_training_organisation_and_sees_the_content_once_they_declare_no_link()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAsync(Everyone);

        var before = await s.DossierAsync(Amandine, "Fontaine");
        await s.DeclareNoLinkAsync("Fontaine", Amandine);
        var after = await s.DossierAsync(Amandine, "Fontaine");

        Assert.Equal(Participation.MustDeclare, before.Participation);
        Assert.NotNull(before.Prompt);
        Assert.Equal("Formavenir Conseil (fictif)", before.Prompt.EmployerName);
        Assert.Equal("Institut Fictif de Formation Continue", before.Prompt.TrainingOrganisationName);
        Assert.Null(before.Content);
        Assert.Null(before.Panel);
        Assert.Null(before.Deliberation);

        Assert.Equal(Participation.Participant, after.Participation);
        Assert.NotNull(after.Content);
        Assert.Equal("FONTAINE Élodie", after.Content.CandidateName);
        Assert.Equal(6, after.Content.Competences.Count);
        Assert.NotNull(after.Panel);
        Assert.Contains(await s.AuditAsync(), a => a.Action == "Déclaration d'absence de lien" && a.DossierId == s.Dossier("Fontaine"));
    }

    [Fact]
    public async Task R10_a_declared_conflict_excludes_the_member_and_cannot_be_withdrawn()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAsync(Everyone);

        await s.AsAsync(Karim, room => room.DeclareConflictAsync(s.SessionId, s.Dossier("Leroy"), true, "Ancien collègue du candidat"));
        var withdraw = await Assert.ThrowsAsync<UserFacingException>(() =>
            s.AsAsync(Karim, room => room.DeclareConflictAsync(s.SessionId, s.Dossier("Leroy"), false, null)));
        var view = await s.DossierAsync(Karim, "Leroy");

        Assert.Equal("Vous avez déclaré un lien avec ce dossier : cette déclaration ne peut pas être retirée.", withdraw.Message);
        Assert.Equal(Participation.Recused, view.Participation);
        Assert.Null(view.Content);
        Assert.Contains(await s.AuditAsync(), a => a.Action == "Déclaration d'un conflit d'intérêts" && a.Details == "Ancien collègue du candidat");
    }

    [Fact]
    public async Task R10_a_known_conflict_cannot_be_cleared_by_the_member()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAsync(Everyone);

        var refused = await Assert.ThrowsAsync<UserFacingException>(() =>
            s.AsAsync(Helene, room => room.DeclareConflictAsync(s.SessionId, s.Dossier("Fontaine"), false, null)));

        Assert.StartsWith("Un conflit d'intérêts connu du secrétariat est enregistré pour vous sur ce dossier", refused.Message, StringComparison.Ordinal);
        Assert.Equal(Participation.Recused, (await s.DossierAsync(Helene, "Fontaine")).Participation);
    }

    [Fact]
    public async Task R10_1_a_known_conflict_breaking_parity_offers_two_named_stand_asides_and_the_president_applying_one_restores_a_valid_panel()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAllWithPresidentAsync(Olivier);
        await s.DeclareNoLinkAsync("Fontaine", Amandine, Karim, Olivier, Sophie);

        var broken = (await s.DossierAsync(Olivier, "Fontaine")).Panel!;
        var proposal = await s.DefaultProposalAsync(Olivier, "Fontaine");
        var notParity = await Assert.ThrowsAsync<UserFacingException>(() =>
            s.AsAsync(Olivier, room => room.ProposeAsync(s.SessionId, s.Dossier("Fontaine"), proposal)));
        var notChair = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            s.AsAsync(Karim, room => room.ApplyStandAsideAsync(s.SessionId, s.Dossier("Fontaine"), s.Member(Amandine))));

        Assert.False(broken.IsValid);
        Assert.False(broken.MustPostpone);
        Assert.Equal([s.Member(Helene)], broken.Recused.Select(m => m.Id));
        Assert.Equal(2, broken.Proposals.Count);
        Assert.Equal(new[] { s.Member(Amandine), s.Member(Karim) }.Order(), broken.Proposals.Select(p => p.MemberId).Order());
        Assert.Contains(broken.Proposals, p => p.Description.Contains("Amandine Roux", StringComparison.Ordinal));
        Assert.Contains(broken.Proposals, p => p.Description.Contains("Karim Benali", StringComparison.Ordinal));
        Assert.StartsWith("Le collège délibérant n'est pas paritaire", notParity.Message, StringComparison.Ordinal);
        Assert.Equal("Cette action est réservée au président de séance pour ce dossier.", notChair.Message);

        await s.AsAsync(Olivier, room => room.ApplyStandAsideAsync(s.SessionId, s.Dossier("Fontaine"), s.Member(Amandine)));

        var restored = (await s.DossierAsync(Olivier, "Fontaine")).Panel!;
        Assert.True(restored.IsValid);
        Assert.Empty(restored.Proposals);
        Assert.Equal(new[] { s.Member(Karim), s.Member(Olivier), s.Member(Sophie) }.Order(), restored.Members.Select(m => m.Id).Order());
        Assert.Equal([s.Member(Amandine)], restored.StoodAside.Select(m => m.Id));
        var amandine = await s.DossierAsync(Amandine, "Fontaine");
        Assert.Equal(Participation.StoodAside, amandine.Participation);
        Assert.Null(amandine.Content);
        // Issue 19: the member reads who decided, not « Vous vous êtes retiré(e) ».
        Assert.Equal(
            "Olivier Garnier, qui préside ce dossier, a décidé votre retrait pour rétablir la parité du collège délibérant : vous ne participez ni à la délibération ni au vote.",
            amandine.ExclusionReason);
        Assert.Contains(await s.AuditAsync(), a => a.Action == "Retrait d'un membre pour rétablir la parité" && a.Details == "Amandine Roux");

        // The restored panel deliberates; the recused and the stood-aside members still see nothing of it.
        await s.AsAsync(Olivier, room => room.ProposeAsync(s.SessionId, s.Dossier("Fontaine"), proposal));
        await s.VoteAsync(Karim, "Fontaine", VoteChoice.Approve);
        var helene = await s.DossierAsync(Helene, "Fontaine");
        Assert.Null(helene.Content);
        Assert.Null(helene.Deliberation);
        Assert.Null((await s.DossierAsync(Amandine, "Fontaine")).Deliberation);
        Assert.Equal(3, (await s.DossierAsync(Sophie, "Fontaine")).Deliberation!.Tally.Count);
        var standAside = await Assert.ThrowsAsync<AccessDeniedException>(() => s.VoteAsync(Amandine, "Fontaine", VoteChoice.Approve));
        Assert.Contains("cette action vous est refusée", standAside.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R10_1_when_the_expert_is_recused_the_dossier_must_be_postponed_and_the_president_postpones_it()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAllWithPresidentAsync(Olivier);
        await s.DeclareNoLinkAsync("Perrin", Olivier);

        var panel = (await s.DossierAsync(Olivier, "Perrin")).Panel!;
        var sophie = await s.DossierAsync(Sophie, "Perrin");
        var noReason = await Assert.ThrowsAsync<InputValidationException>(() =>
            s.AsAsync(Olivier, room => room.PostponeAsync(s.SessionId, s.Dossier("Perrin"), "  ")));

        Assert.Equal(Participation.Recused, sophie.Participation);
        Assert.True(panel.MustPostpone);
        Assert.False(panel.IsValid);
        Assert.Empty(panel.Proposals);
        Assert.Contains(panel.Findings, f => f.Message == "L'expert métier est absent ou en conflit d'intérêts : le dossier doit être ajourné.");
        Assert.Equal("Indiquez le motif de l'ajournement.", noReason.Message);
        Assert.Equal("reason", Assert.Single(noReason.Errors).Field);

        await s.AsAsync(Olivier, room => room.PostponeAsync(s.SessionId, s.Dossier("Perrin"), "Expert métier en conflit d'intérêts"));

        var agenda = (await s.RoomAsync(Karim)).Agenda.Single(a => a.DossierId == s.Dossier("Perrin"));
        Assert.Equal(AgendaItemStatus.Postponed, agenda.Status);
        var after = await s.DossierAsync(Olivier, "Perrin");
        Assert.Equal(AgendaItemStatus.Postponed, after.Status);
        Assert.Equal("Expert métier en conflit d'intérêts", after.Deliberation!.PostponementReason);
        var again = await Assert.ThrowsAsync<UserFacingException>(() =>
            s.AsAsync(Olivier, room => room.ProposeAsync(s.SessionId, s.Dossier("Perrin"), new Dictionary<string, bool>())));
        Assert.Equal("Ce dossier est ajourné : il ne peut plus être délibéré dans cette séance.", again.Message);
        Assert.Contains(await s.AuditAsync(), a => a.Action == "Dossier ajourné : Expert métier en conflit d'intérêts" && a.DossierId == s.Dossier("Perrin"));
    }

    [Fact]
    public async Task R10_the_vote_cannot_open_until_every_present_member_has_answered_the_conflict_question()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAllWithPresidentAsync(Olivier);
        await s.DeclareNoLinkAsync("Leroy", Olivier, Amandine, Karim);
        var proposal = await s.DefaultProposalAsync(Olivier, "Leroy");

        var refused = await Assert.ThrowsAsync<UserFacingException>(() =>
            s.AsAsync(Olivier, room => room.ProposeAsync(s.SessionId, s.Dossier("Leroy"), proposal)));

        Assert.StartsWith("Chaque membre présent doit d'abord déclarer ses liens d'intérêts pour ce dossier. En attente : ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Hélène Marchand", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Sophie Lambert", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await s.FactsAsync("Leroy"));
    }
    [Fact]
    public async Task R10_2_when_the_president_is_recused_the_expert_chairs_the_dossier_and_the_president_is_refused()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAllWithPresidentAsync(Helene);
        await s.DeclareNoLinkAsync("Fontaine", Amandine, Karim, Olivier, Sophie);

        var panel = (await s.DossierAsync(Sophie, "Fontaine")).Panel!;
        var byPresident = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            s.AsAsync(Helene, room => room.ApplyStandAsideAsync(s.SessionId, s.Dossier("Fontaine"), s.Member(Karim))));
        await s.AsAsync(Sophie, room => room.ApplyStandAsideAsync(s.SessionId, s.Dossier("Fontaine"), s.Member(Karim)));
        var proposal = await s.DefaultProposalAsync(Sophie, "Fontaine");
        await s.AsAsync(Sophie, room => room.ProposeAsync(s.SessionId, s.Dossier("Fontaine"), proposal));

        Assert.Equal(s.Member(Sophie), panel.ChairId);
        Assert.Contains("conflit d'intérêts ou retrait", byPresident.Message, StringComparison.Ordinal);
        Assert.Contains(await s.AuditAsync(), a => a.Action == "Refus : Rétablir la parité (retrait d'un membre)" && a.UserName == "Hélène Marchand");
        var deliberation = (await s.DossierAsync(Amandine, "Fontaine")).Deliberation!;
        Assert.Equal("Sophie Lambert", deliberation.ChairName);
        Assert.Equal(DeliberationState.Voting, deliberation.State);
        Assert.Equal(new[] { s.Member(Amandine), s.Member(Olivier), s.Member(Sophie) }.Order(), deliberation.Tally.Select(v => v.MemberId).Order());
    }
}
