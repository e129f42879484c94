using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Outcomes;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Room;

public sealed class RoomDeliberationTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task R11_the_decision_is_recorded_exactly_when_the_last_panel_member_approves()
    {
        var s = await SeedAsync(_factory);
        await s.OpenLeroyVoteAsync();

        var opened = (await s.DossierAsync(Karim, "Leroy")).Deliberation!;
        Assert.Equal(DeliberationState.Voting, opened.State);
        Assert.Equal(1, opened.Round);
        Assert.All(opened.Proposal!.Values, Assert.True);
        Assert.Equal(5, opened.Tally.Count);
        Assert.All(opened.Tally, v => Assert.Equal(VoteStatus.Pending, v.Status));

        foreach (var name in new[] { Amandine, Karim, Helene, Sophie })
        {
            await s.VoteAsync(name, "Leroy", VoteChoice.Approve);
            var during = await s.DossierAsync(Olivier, "Leroy");
            Assert.Equal(DeliberationState.Voting, during.Deliberation!.State);
            Assert.Null(during.Deliberation.DecisionOutcome);
            Assert.Equal(AgendaItemStatus.Deliberating, during.Status);
        }

        await s.VoteAsync(Olivier, "Leroy", VoteChoice.Approve);

        var decided = await s.DossierAsync(Amandine, "Leroy");
        Assert.Equal(DeliberationState.Decided, decided.Deliberation!.State);
        Assert.Equal(AgendaItemStatus.Decided, decided.Status);
        Assert.Equal(DecisionOutcome.Awarded, decided.Deliberation.DecisionOutcome!.Outcome);
        Assert.Equal(_factory.Clock.GetUtcNow(), decided.Deliberation.DecidedAt);
        Assert.All(decided.Deliberation.Tally, v => Assert.Equal(VoteStatus.Approved, v.Status));
        Assert.Equal(VoteChoice.Approve, decided.Deliberation.MyVote);
        Assert.Contains(await s.AuditAsync(), a => a.Action == "Vote : approbation – décision prise à l'unanimité" && a.UserName == "Olivier Garnier");
    }

    [Fact]
    public async Task R11_an_objection_defeats_the_round_without_decision_and_an_amendment_opens_round_two_with_votes_cleared()
    {
        var s = await SeedAsync(_factory);
        await s.OpenLeroyVoteAsync();
        await s.VoteAsync(Amandine, "Leroy", VoteChoice.Approve);
        await s.AsAsync(Karim, room => room.VoteAsync(s.SessionId, s.Dossier("Leroy"), VoteChoice.Object, "La compétence 1 mérite d'être discutée"));
        foreach (var name in new[] { Helene, Sophie, Olivier })
        {
            await s.VoteAsync(name, "Leroy", VoteChoice.Approve);
        }

        var defeated = (await s.DossierAsync(Olivier, "Leroy")).Deliberation!;
        Assert.True(defeated.RoundDefeated);
        Assert.Equal(DeliberationState.Voting, defeated.State);
        Assert.Null(defeated.DecisionOutcome);
        var objection = Assert.Single(defeated.Tally, v => v.Status == VoteStatus.Objected);
        Assert.Equal(s.Member(Karim), objection.MemberId);
        Assert.Equal("La compétence 1 mérite d'être discutée", objection.Comment);

        var amended = (await s.DefaultProposalAsync(Olivier, "Leroy")).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        amended["C1"] = false;
        await s.AsAsync(Olivier, room => room.ProposeAsync(s.SessionId, s.Dossier("Leroy"), amended));

        var round2 = (await s.DossierAsync(Karim, "Leroy")).Deliberation!;
        Assert.Equal(2, round2.Round);
        Assert.False(round2.RoundDefeated);
        Assert.False(round2.Proposal!["C1"]);
        Assert.Equal(DecisionOutcome.PartiallyValidated, round2.ProposalOutcome!.Outcome);
        Assert.All(round2.Tally, v => Assert.Equal(VoteStatus.Pending, v.Status));
        Assert.Null(round2.MyVote);
        Assert.Contains(await s.AuditAsync(), a => a.Action == "Proposition modifiée (tour 2)");
    }

    [Fact]
    public async Task R10_2_a_vote_from_a_recused_member_is_refused_and_audited()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAllWithPresidentAsync(Olivier);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => s.VoteAsync(Helene, "Fontaine", VoteChoice.Approve));

        Assert.Equal("Vous ne participez pas à la délibération sur ce dossier (conflit d'intérêts ou retrait) : cette action vous est refusée.", refused.Message);
        var entry = Assert.Single(await s.AuditAsync(), a => a.Action == "Refus : Voter");
        Assert.Equal(s.Dossier("Fontaine"), entry.DossierId);
        Assert.Equal(s.SessionId, entry.SessionId);
        Assert.Equal("Hélène Marchand", entry.UserName);
        Assert.Empty(await s.FactsAsync("Fontaine"));
    }

    [Fact]
    public async Task R11_a_repeated_identical_vote_is_counted_once_without_error()
    {
        var s = await SeedAsync(_factory);
        await s.OpenLeroyVoteAsync();

        await s.VoteAsync(Amandine, "Leroy", VoteChoice.Approve);
        await s.VoteAsync(Amandine, "Leroy", VoteChoice.Approve);

        var facts = await s.FactsAsync("Leroy");
        Assert.Single(facts, f => f.Kind == DeliberationEventKind.VoteCast && f.ActorMemberId == s.Member(Amandine));
        var tally = (await s.DossierAsync(Olivier, "Leroy")).Deliberation!.Tally;
        Assert.Single(tally, v => v.Status == VoteStatus.Approved);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public async Task R12_an_objection_without_a_reason_is_refused_in_French_and_nothing_is_recorded(string? reason)
    {
        var s = await SeedAsync(_factory);
        await s.OpenLeroyVoteAsync();
        var factsBefore = (await s.FactsAsync("Leroy")).Count;

        var refused = await Assert.ThrowsAsync<UserFacingException>(() =>
            s.AsAsync(Karim, room => room.VoteAsync(s.SessionId, s.Dossier("Leroy"), VoteChoice.Object, reason)));

        Assert.Equal("Indiquez brièvement le motif de votre objection (il est lu par le collège délibérant, jamais par le candidat).", refused.Message);
        Assert.Equal(factsBefore, (await s.FactsAsync("Leroy")).Count);
        var karim = (await s.DossierAsync(Karim, "Leroy")).Deliberation!;
        Assert.Null(karim.MyVote);
        Assert.All(karim.Tally, v => Assert.Equal(VoteStatus.Pending, v.Status));

        // Given a reason, the same member objects, and every panel member reads it with the objection.
        await s.VoteAsync(Karim, "Leroy", VoteChoice.Object);
        var objection = Assert.Single((await s.DossierAsync(Amandine, "Leroy")).Deliberation!.Tally, v => v.Status == VoteStatus.Objected);
        Assert.Equal(RoomScenario.ObjectionReason, objection.Comment);
    }

    [Fact]
    public async Task R11_a_different_second_vote_in_the_same_round_is_refused_in_French()
    {
        var s = await SeedAsync(_factory);
        await s.OpenLeroyVoteAsync();
        await s.VoteAsync(Amandine, "Leroy", VoteChoice.Approve);

        var refused = await Assert.ThrowsAsync<UserFacingException>(() => s.VoteAsync(Amandine, "Leroy", VoteChoice.Object));

        Assert.Equal("Vous avez déjà voté pour cette proposition.", refused.Message);
        Assert.Equal(VoteChoice.Approve, (await s.DossierAsync(Amandine, "Leroy")).Deliberation!.MyVote);
    }

    [Fact]
    public async Task R11_the_deciding_vote_repeated_by_a_double_click_is_counted_once_without_error()
    {
        var s = await SeedAsync(_factory);
        await s.OpenLeroyVoteAsync();
        foreach (var name in new[] { Amandine, Karim, Helene, Sophie, Olivier })
        {
            await s.VoteAsync(name, "Leroy", VoteChoice.Approve);
        }

        // The same click delivered twice (the last approval): it must count once and not show an error.
        var repeated = await Record.ExceptionAsync(() => s.VoteAsync(Olivier, "Leroy", VoteChoice.Approve));

        Assert.Null(repeated);
        Assert.Single(await s.FactsAsync("Leroy"), f => f.Kind == DeliberationEventKind.VoteCast && f.ActorMemberId == s.Member(Olivier));
        Assert.Equal(DeliberationState.Decided, (await s.DossierAsync(Olivier, "Leroy")).Deliberation!.State);
    }

    [Fact]
    public async Task R3_proposing_to_validate_a_competence_the_evaluators_did_not_find_mastered_is_refused_in_French()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAllWithPresidentAsync(Olivier);
        await s.DeclareNoLinkAsync("Mercier", Everyone);
        var view = await s.DossierAsync(Olivier, "Mercier");
        Assert.False(view.Content!.Competences.Single(c => c.Code == "C5").MayBeValidated);
        var proposal = (await s.DefaultProposalAsync(Olivier, "Mercier")).ToDictionary(kv => kv.Key, _ => true, StringComparer.Ordinal);

        var refused = await Assert.ThrowsAsync<UserFacingException>(() =>
            s.AsAsync(Olivier, room => room.ProposeAsync(s.SessionId, s.Dossier("Mercier"), proposal)));

        Assert.Equal("La compétence 5 ne peut pas être validée : les évaluateurs ne l'ont pas indiquée maîtrisée.", refused.Message);
        Assert.Empty(await s.FactsAsync("Mercier"));
        var after = await s.DossierAsync(Olivier, "Mercier");
        Assert.Null(after.Deliberation);
        Assert.Equal(AgendaItemStatus.Pending, after.Status);
    }

    [Fact]
    public async Task R3_the_preview_shows_the_outcome_of_the_default_proposal_and_refuses_an_invalid_one()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAllWithPresidentAsync(Olivier);
        await s.DeclareNoLinkAsync("Mercier", Olivier);
        var proposal = await s.DefaultProposalAsync(Olivier, "Mercier");

        var outcome = await s.AsAsync(Olivier, room => room.PreviewAsync(s.SessionId, s.Dossier("Mercier"), proposal));
        proposal["C5"] = true;
        var refused = await Assert.ThrowsAsync<UserFacingException>(() =>
            s.AsAsync(Olivier, room => room.PreviewAsync(s.SessionId, s.Dossier("Mercier"), proposal)));
        var undeclared = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            s.AsAsync(Karim, room => room.PreviewAsync(s.SessionId, s.Dossier("Mercier"), proposal)));

        Assert.Equal(DecisionOutcome.PartiallyValidated, outcome.Outcome);
        Assert.Contains("compétence 5", refused.Message, StringComparison.Ordinal);
        Assert.Equal("Vous ne participez pas à la délibération sur ce dossier.", undeclared.Message);
    }

    [Fact]
    public async Task R4_the_chairs_preview_comes_from_the_dossier_shown_to_the_chair_and_reads_nothing_again()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAllWithPresidentAsync(Olivier);
        await s.DeclareNoLinkAsync("Mercier", Olivier);
        var proposal = await s.DefaultProposalAsync(Olivier, "Mercier");
        var (_, chairs) = await s.AsAsync(Olivier, room => room.GetRoomAndDossierAsync(s.SessionId, s.Dossier("Mercier")));
        var (_, karims) = await s.AsAsync(Karim, room => room.GetRoomAndDossierAsync(s.SessionId, s.Dossier("Mercier"))); // not declared yet

        using var sql = new SqlCommandLog(_factory);
        var outcome = chairs!.PreviewOutcome(proposal);
        proposal["C5"] = true;
        var refused = Assert.Throws<UserFacingException>(() => chairs.PreviewOutcome(proposal));
        var withoutContent = Assert.Throws<AccessDeniedException>(() => karims!.PreviewOutcome(proposal));

        Assert.Equal(DecisionOutcome.PartiallyValidated, outcome.Outcome);
        Assert.Contains("compétence 5", refused.Message, StringComparison.Ordinal);
        Assert.Equal("Vous ne participez pas à la délibération sur ce dossier.", withoutContent.Message);
        Assert.Empty(sql.Commands);
    }

    [Fact]
    public async Task R13_R14_the_decision_is_signed_only_with_an_answer_to_the_observations_and_the_right_password_and_never_changes_after()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAllWithPresidentAsync(Olivier);
        await DecideAsync(s, "Dubois");

        var unanswered = await Assert.ThrowsAsync<UserFacingException>(() =>
            s.AsAsync(Olivier, room => room.SignAsync(s.SessionId, s.Dossier("Dubois"), s.Password(Olivier))));
        Assert.Equal("Le candidat a formulé des observations : la réponse du jury doit figurer dans la décision avant la signature.", unanswered.Message);
        Assert.True((await s.DossierAsync(Olivier, "Dubois")).Deliberation!.NeedsObservationsAnswer);

        await s.AsAsync(Olivier, room => room.WriteDecisionTextAsync(s.SessionId, s.Dossier("Dubois"),
            "Dossier solide.", "Le jury a examiné vos observations ; l'évaluation de la compétence 2 est maintenue."));
        var wrong = await Assert.ThrowsAsync<InputValidationException>(() =>
            s.AsAsync(Olivier, room => room.SignAsync(s.SessionId, s.Dossier("Dubois"), "pas-le-bon-mot-de-passe")));
        Assert.Equal("Mot de passe incorrect : la décision n'a pas été signée.", wrong.Message);
        Assert.Equal("password", Assert.Single(wrong.Errors).Field);
        Assert.Null((await s.DossierAsync(Olivier, "Dubois")).Deliberation!.SignedAt);

        var notChair = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            s.AsAsync(Karim, room => room.SignAsync(s.SessionId, s.Dossier("Dubois"), s.Password(Karim))));
        Assert.Equal("Cette action est réservée au président de séance pour ce dossier.", notChair.Message);

        await s.AsAsync(Olivier, room => room.SignAsync(s.SessionId, s.Dossier("Dubois"), s.Password(Olivier)));

        var signed = await s.DossierAsync(Amandine, "Dubois");
        Assert.Equal(AgendaItemStatus.DecisionSigned, signed.Status);
        Assert.Equal("Olivier Garnier", signed.Deliberation!.SignedByName);
        Assert.Equal(_factory.Clock.GetUtcNow(), signed.Deliberation.SignedAt);
        Assert.Equal("Le jury a examiné vos observations ; l'évaluation de la compétence 2 est maintenue.", signed.Deliberation.ObservationsAnswer);
        Assert.Equal("Dossier solide.", signed.Deliberation.Comments);
        var rewrite = await Assert.ThrowsAsync<UserFacingException>(() =>
            s.AsAsync(Olivier, room => room.WriteDecisionTextAsync(s.SessionId, s.Dossier("Dubois"), "Autre texte", "Autre réponse")));
        Assert.Equal("La décision est signée : elle ne peut plus être modifiée.", rewrite.Message);
        Assert.Equal("Dossier solide.", (await s.DossierAsync(Olivier, "Dubois")).Deliberation!.Comments);
        Assert.Contains(await s.AuditAsync(), a => a.Action == "Décision signée" && a.DossierId == s.Dossier("Dubois") && a.UserName == "Olivier Garnier");
    }

    [Fact]
    public async Task Closing_is_refused_while_dossiers_are_pending_then_closes_once_all_are_signed_or_postponed_and_the_session_becomes_read_only()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAllWithPresidentAsync(Olivier);
        var references = (await s.RoomAsync(Olivier)).Agenda.Select(a => a.Reference).ToList();

        var early = await Assert.ThrowsAsync<UserFacingException>(() => s.AsAsync(Olivier, room => room.CloseSessionAsync(s.SessionId)));
        Assert.StartsWith("La session ne peut pas encore être clôturée : ", early.Message, StringComparison.Ordinal);
        Assert.All(references, r => Assert.Contains(r, early.Message, StringComparison.Ordinal));

        await DecideAsync(s, "Leroy");
        await s.AsAsync(Olivier, room => room.SignAsync(s.SessionId, s.Dossier("Leroy"), s.Password(Olivier)));
        foreach (var candidate in new[] { "Fontaine", "Mercier", "Haddad", "Perrin" })
        {
            await s.DeclareNoLinkAsync(candidate, Olivier);
            await s.AsAsync(Olivier, room => room.PostponeAsync(s.SessionId, s.Dossier(candidate), "Temps insuffisant"));
        }

        var leroyRef = (await s.DossierAsync(Olivier, "Leroy")).Reference;
        var duboisRef = (await s.DossierAsync(Olivier, "Dubois")).Reference;
        var stillOne = await Assert.ThrowsAsync<UserFacingException>(() => s.AsAsync(Olivier, room => room.CloseSessionAsync(s.SessionId)));
        Assert.Contains(duboisRef, stillOne.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(leroyRef, stillOne.Message, StringComparison.Ordinal);

        await s.DeclareNoLinkAsync("Dubois", Olivier);
        await s.AsAsync(Olivier, room => room.PostponeAsync(s.SessionId, s.Dossier("Dubois"), "Temps insuffisant"));
        Assert.True((await s.RoomAsync(Olivier)).CanClose);
        await s.AsAsync(Olivier, room => room.CloseSessionAsync(s.SessionId));

        var closed = await s.RoomAsync(Karim);
        Assert.Equal(SessionStatus.Closed, closed.Status);
        Assert.True(closed.IsClosed);
        Assert.Equal("Olivier Garnier", (await s.SessionAsync()).ClosedBy);
        var vote = await Assert.ThrowsAsync<AccessDeniedException>(() => s.VoteAsync(Karim, "Leroy", VoteChoice.Approve));
        var declare = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            s.AsAsync(Karim, room => room.DeclareConflictAsync(s.SessionId, s.Dossier("Mercier"), true, null)));
        await s.AsAsync(Olivier, room => room.CloseSessionAsync(s.SessionId)); // closing again (a double click) changes nothing
        Assert.All(new[] { vote, declare }, e => Assert.Equal("La session est clôturée : elle est en lecture seule.", e.Message));
        Assert.Single(await s.AuditAsync(), a => a.Action == "Clôture de la session");
        Assert.Equal(AgendaItemStatus.DecisionSigned, (await s.DossierAsync(Karim, "Leroy")).Status);
        Assert.Contains(await s.AuditAsync(), a => a.Action == "Clôture de la session" && a.SessionId == s.SessionId);
    }

    /// <summary>Everyone declares no link, the president's default proposal is approved by the whole (2+2+1) panel.</summary>
    private static async Task DecideAsync(RoomScenario s, string candidate)
    {
        await s.DeclareNoLinkAsync(candidate, Everyone);
        var proposal = await s.DefaultProposalAsync(Olivier, candidate);
        await s.AsAsync(Olivier, room => room.ProposeAsync(s.SessionId, s.Dossier(candidate), proposal));
        foreach (var name in Everyone)
        {
            await s.VoteAsync(name, candidate, VoteChoice.Approve);
        }

        Assert.Equal(DeliberationState.Decided, (await s.DossierAsync(Olivier, candidate)).Deliberation!.State);
    }
}
