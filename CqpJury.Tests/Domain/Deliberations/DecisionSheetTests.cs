using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Deliberations.Events;
using static CqpJury.Tests.TestSupport.JuryBuilders;

namespace CqpJury.Tests.Domain.Deliberations;

public class DecisionSheetTests
{
    private static readonly Guid President = Expert().Id;
    private static readonly DateTimeOffset SignedAt = At.AddHours(2);

    [Fact]
    public void R14_Signing_before_the_decision_is_refused()
    {
        var deliberation = Open111();
        deliberation.Propose(President, ValidatingAll(deliberation.Subject), At);

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Sign(President, SignedAt));

        Assert.Equal(DeliberationError.NotDecided, ex.Error);
        Assert.False(deliberation.IsSigned);
        Assert.Null(deliberation.Signature);
    }

    [Fact]
    public void R14_Writing_the_decision_text_before_the_decision_is_refused()
    {
        var deliberation = Open111();

        var ex = Assert.Throws<DeliberationException>(() => deliberation.WriteDecisionText(President, "Bravo", null, At));

        Assert.Equal(DeliberationError.NotDecided, ex.Error);
        Assert.Null(deliberation.Comments);
    }

    [Fact]
    public void R14_Signing_a_postponed_dossier_is_refused()
    {
        var deliberation = Open111();
        deliberation.Postpone(President, "Ajourné", At);

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Sign(President, SignedAt));

        Assert.Equal(DeliberationError.NotDecided, ex.Error);
    }

    [Fact]
    public void R14_Without_candidate_observations_the_president_signs_the_decision()
    {
        var deliberation = Decided111();

        deliberation.Sign(President, SignedAt);

        Assert.True(deliberation.IsSigned);
        Assert.Equal(new Signature(President, SignedAt), deliberation.Signature);
        Assert.Equal(new DecisionSigned(deliberation.Subject.DossierId, SignedAt, 1, President), deliberation.Events[^1]);
    }

    [Fact]
    public void R13_Signing_is_refused_while_the_candidates_observations_are_unanswered()
    {
        var deliberation = Decided111(hasObservations: true);

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Sign(President, SignedAt));

        Assert.Equal(DeliberationError.ObservationsNotAnswered, ex.Error);
        Assert.Equal("R13", ex.RuleId);
        Assert.Equal(
            "Le candidat a formulé des observations : la réponse du jury doit figurer dans la décision avant la signature.",
            ex.Message);
        Assert.False(deliberation.IsSigned);
    }

    [Fact]
    public void R13_A_blank_answer_does_not_count_as_an_answer()
    {
        var deliberation = Decided111(hasObservations: true);
        deliberation.WriteDecisionText(President, "Commentaire", "   ", At);

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Sign(President, SignedAt));

        Assert.Equal(DeliberationError.ObservationsNotAnswered, ex.Error);
        Assert.Null(deliberation.ObservationsAnswer);
    }

    [Fact]
    public void R13_Once_the_observations_are_answered_the_decision_is_signed_with_the_answer_kept()
    {
        var deliberation = Decided111(hasObservations: true);

        deliberation.WriteDecisionText(President, "  Candidat investi.  ", "  Le jury a examiné vos observations.  ", At);
        deliberation.Sign(President, SignedAt);

        Assert.True(deliberation.IsSigned);
        Assert.Equal("Le jury a examiné vos observations.", deliberation.ObservationsAnswer);
        Assert.Equal("Candidat investi.", deliberation.Comments);
        Assert.Contains(
            new DecisionTextWritten(deliberation.Subject.DossierId, At, 1, President, "Candidat investi.", "Le jury a examiné vos observations."),
            deliberation.Events);
    }

    [Fact]
    public void R14_The_decision_text_may_be_rewritten_until_signed()
    {
        var deliberation = Decided111();

        deliberation.WriteDecisionText(President, "Premier jet", null, At);
        deliberation.WriteDecisionText(President, "Version finale", null, At);

        Assert.Equal("Version finale", deliberation.Comments);
    }

    [Fact]
    public void R14_A_signed_decision_text_cannot_be_changed()
    {
        var deliberation = Decided111(hasObservations: true);
        deliberation.WriteDecisionText(President, "Commentaire", "Réponse", At);
        deliberation.Sign(President, SignedAt);

        var ex = Assert.Throws<DeliberationException>(() => deliberation.WriteDecisionText(President, "Autre", "Autre réponse", At));

        Assert.Equal(DeliberationError.AlreadySigned, ex.Error);
        Assert.Equal("R14", ex.RuleId);
        Assert.Equal("La décision est signée : elle ne peut plus être modifiée.", ex.Message);
        Assert.Equal("Commentaire", deliberation.Comments);
        Assert.Equal("Réponse", deliberation.ObservationsAnswer);
    }

    [Fact]
    public void R14_A_signed_decision_cannot_be_signed_again()
    {
        var deliberation = Decided111();
        deliberation.Sign(President, SignedAt);

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Sign(Employee().Id, SignedAt.AddMinutes(5)));

        Assert.Equal(DeliberationError.AlreadySigned, ex.Error);
        Assert.Equal(new Signature(President, SignedAt), deliberation.Signature);
        Assert.Single(deliberation.Events.OfType<DecisionSigned>());
    }

    [Fact]
    public void R14_A_signed_decision_keeps_its_outcome_and_refuses_new_votes()
    {
        var deliberation = Decided111();
        var decision = deliberation.Decision;
        deliberation.Sign(President, SignedAt);

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Cast(Employee().Id, VoteChoice.Object, At, ObjectionReason));

        Assert.Equal(DeliberationError.AlreadyDecided, ex.Error);
        Assert.Same(decision, deliberation.Decision);
    }
}
