using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Deliberations.Events;
using static CqpJury.Tests.TestSupport.JuryBuilders;

namespace CqpJury.Tests.Domain.Deliberations;

/// <summary>R12 (interpretation): an objection within a round carries a short reason, required of the objecting member.</summary>
public class ObjectionReasonTests
{
    private static Deliberation Voting()
    {
        var deliberation = Open111();
        deliberation.Propose(deliberation.Chair.Id, ValidatingAll(deliberation.Subject), At);
        return deliberation;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void R12_An_objection_without_a_reason_is_refused_and_not_counted(string? reason)
    {
        var deliberation = Voting();

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Cast(Employee().Id, VoteChoice.Object, At, reason));

        Assert.Equal(DeliberationError.ObjectionReasonMissing, ex.Error);
        Assert.Equal("R12", ex.RuleId);
        Assert.Equal("Indiquez brièvement le motif de votre objection (il est lu par le collège délibérant, jamais par le candidat).", ex.Message);
        Assert.Empty(deliberation.Votes);
        Assert.DoesNotContain(deliberation.Events, e => e is VoteCast);
        Assert.False(deliberation.IsRoundDefeated);
    }

    [Fact]
    public void R12_An_objection_keeps_its_trimmed_reason_in_the_vote_and_in_its_event()
    {
        var deliberation = Voting();

        deliberation.Cast(Employer().Id, VoteChoice.Object, At, "  Le dossier VAE ne décrit pas la compétence 3.  ");

        Assert.Equal("Le dossier VAE ne décrit pas la compétence 3.", deliberation.Votes[0].Comment);
        var cast = Assert.IsType<VoteCast>(deliberation.Events[^1]);
        Assert.Equal("Le dossier VAE ne décrit pas la compétence 3.", cast.Comment);
    }

    [Fact]
    public void R12_An_approval_needs_no_reason()
    {
        var deliberation = Voting();

        deliberation.Cast(Employee().Id, VoteChoice.Approve, At);

        Assert.Null(deliberation.Votes[0].Comment);
    }

    [Fact]
    public void R12_An_objection_reason_is_short()
    {
        var deliberation = Voting();
        var tooLong = new string('x', Vote.MaxCommentLength + 1);

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Cast(Employee().Id, VoteChoice.Object, At, tooLong));

        Assert.Equal(DeliberationError.CommentTooLong, ex.Error);
        Assert.Equal($"Le commentaire ne peut pas dépasser {Vote.MaxCommentLength} caractères.", ex.Message);
        Assert.Empty(deliberation.Votes);
        deliberation.Cast(Employee().Id, VoteChoice.Object, At, new string('x', Vote.MaxCommentLength));
        Assert.Single(deliberation.Votes);
    }
}
