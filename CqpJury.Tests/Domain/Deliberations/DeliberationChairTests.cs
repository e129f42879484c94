using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Deliberations.Events;
using CqpJury.Domain.Juries;
using static CqpJury.Tests.TestSupport.JuryBuilders;

namespace CqpJury.Tests.Domain.Deliberations;

/// <summary>R11 (interpretation): only the dossier's chair proposes, amends, postpones, writes and signs; the aggregate enforces it.</summary>
public class DeliberationChairTests
{
    private static Deliberation OpenChairedBy(Guid presidentId, IEnumerable<Guid>? recused = null) =>
        Deliberation.Open(Subject(hasObservations: false), Panel.For(Jury221(), recused ?? []), presidentId);

    [Fact]
    public void R11_The_president_on_the_panel_chairs_the_dossier()
    {
        var deliberation = OpenChairedBy(Employer(1).Id);

        Assert.Equal(Employer(1), deliberation.Chair);
    }

    [Fact]
    public void R11_When_the_president_is_recused_the_expert_chairs_the_dossier()
    {
        var deliberation = OpenChairedBy(Employee(0).Id, recused: [Employee(0).Id, Employer(0).Id]);

        Assert.Equal(Expert(0), deliberation.Chair);
        deliberation.Propose(Expert(0).Id, ValidatingAll(deliberation.Subject), At);
        Assert.Equal(DeliberationState.Voting, deliberation.State);
    }

    [Fact]
    public void R9_A_deliberation_cannot_open_before_a_president_is_designated()
    {
        var ex = Assert.Throws<DeliberationException>(() => Deliberation.Open(Subject(), Panel.For(Jury111(), []), presidentId: null));

        Assert.Equal(DeliberationError.NoChair, ex.Error);
        Assert.Equal("R9", ex.RuleId);
        Assert.Equal("Aucun président n'a encore été désigné : la délibération ne peut pas s'ouvrir.", ex.Message);
    }

    [Fact]
    public void R11_A_panel_member_who_does_not_chair_cannot_put_a_proposal()
    {
        var deliberation = OpenChairedBy(Employer(1).Id);

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Propose(Employee(0).Id, ValidatingAll(deliberation.Subject), At));

        Assert.Equal(DeliberationError.NotChair, ex.Error);
        Assert.Equal("R11", ex.RuleId);
        Assert.Equal("Cette action est réservée à Employeur 2, qui préside la délibération sur ce dossier.", ex.Message);
        Assert.Equal(DeliberationState.Open, deliberation.State);
        Assert.Empty(deliberation.Events);
    }

    [Fact]
    public void R11_A_panel_member_who_does_not_chair_cannot_amend_the_proposal()
    {
        var deliberation = OpenChairedBy(Employer(1).Id);
        deliberation.Propose(Employer(1).Id, ValidatingAll(deliberation.Subject), At);
        deliberation.Cast(Employee(0).Id, VoteChoice.Approve, At);

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Propose(Expert(0).Id, Validating(deliberation.Subject, "C1"), At));

        Assert.Equal(DeliberationError.NotChair, ex.Error);
        Assert.Equal(1, deliberation.Round);
        Assert.Single(deliberation.Votes);
    }

    [Fact]
    public void R11_A_panel_member_who_does_not_chair_cannot_postpone()
    {
        var deliberation = OpenChairedBy(Employer(1).Id);

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Postpone(Employee(1).Id, "Ajourné", At));

        Assert.Equal(DeliberationError.NotChair, ex.Error);
        Assert.Equal(DeliberationState.Open, deliberation.State);
        Assert.Null(deliberation.PostponementReason);
    }

    [Fact]
    public void R11_A_panel_member_who_does_not_chair_cannot_write_or_sign_the_decision()
    {
        var deliberation = OpenChairedBy(Employer(1).Id);
        deliberation.Propose(Employer(1).Id, ValidatingAll(deliberation.Subject), At);
        AllApprove(deliberation);

        var write = Assert.Throws<DeliberationException>(() => deliberation.WriteDecisionText(Employee(0).Id, "Texte", null, At));
        var sign = Assert.Throws<DeliberationException>(() => deliberation.Sign(Employee(0).Id, At));

        Assert.All([write, sign], ex => Assert.Equal(DeliberationError.NotChair, ex.Error));
        Assert.Null(deliberation.Comments);
        Assert.False(deliberation.IsSigned);
        deliberation.Sign(Employer(1).Id, At);
        Assert.Equal(Employer(1).Id, deliberation.Signature!.SignedBy);
    }

    [Fact]
    public void R10_2_A_recused_president_cannot_lead_even_though_they_preside_the_session()
    {
        var deliberation = OpenChairedBy(Employee(0).Id, recused: [Employee(0).Id, Employer(0).Id]);

        var ex = Assert.Throws<DeliberationException>(() => deliberation.Postpone(Employee(0).Id, "Ajourné", At));

        Assert.Equal(DeliberationError.NotInPanel, ex.Error);
        Assert.Equal("R10.2", ex.RuleId);
    }

    [Fact]
    public void R11_Every_panel_member_votes_the_chair_included()
    {
        var deliberation = OpenChairedBy(Employer(1).Id);
        deliberation.Propose(Employer(1).Id, ValidatingAll(deliberation.Subject), At);

        Assert.True(AllApprove(deliberation));
        Assert.Contains(Employer(1).Id, deliberation.Decision!.Approvers);
        Assert.Equal(5, deliberation.Events.OfType<VoteCast>().Count());
    }
}
