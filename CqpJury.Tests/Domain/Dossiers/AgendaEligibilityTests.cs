using CqpJury.Domain.Dossiers;

namespace CqpJury.Tests.Domain.Dossiers;

public class AgendaEligibilityTests
{
    private static readonly Guid Earlier = Guid.NewGuid();
    private static readonly Guid Later = Guid.NewGuid();

    private static Hearing In(Guid session, bool closed, HearingOutcome outcome) =>
        new(session, session == Earlier ? "Jury de décembre" : "Jury de janvier", session == Earlier ? new DateOnly(2026, 12, 10) : new DateOnly(2027, 1, 14), closed, outcome);

    [Fact]
    public void R12_A_dossier_with_no_hearing_may_go_on_an_agenda()
    {
        Assert.Empty(AgendaEligibility.ForAgenda([], Later));
        Assert.Empty(AgendaEligibility.ForDeliberation([], Later));
    }

    [Fact]
    public void R12_A_signed_decision_keeps_the_dossier_off_any_other_agenda_and_says_why_in_French()
    {
        Hearing[] hearings = [In(Earlier, closed: true, HearingOutcome.DecisionSigned)];

        var finding = Assert.Single(AgendaEligibility.ForAgenda(hearings, Later));

        Assert.Equal("R12", finding.RuleId);
        Assert.StartsWith("Le dossier a déjà fait l'objet d'une décision signée (session « Jury de décembre » du 10/12/2026) : cette décision est définitive", finding.Message, StringComparison.Ordinal);
        Assert.Contains("nouveau dossier", finding.Message, StringComparison.Ordinal);
        Assert.True(AgendaEligibility.IsDecided(hearings));
    }

    [Fact]
    public void R12_A_dossier_signed_in_another_session_is_never_deliberated_again()
    {
        Hearing[] hearings = [In(Earlier, closed: false, HearingOutcome.DecisionSigned), In(Later, closed: false, HearingOutcome.Pending)];

        Assert.Equal("R12", Assert.Single(AgendaEligibility.ForDeliberation(hearings, Later)).RuleId);
        Assert.Empty(AgendaEligibility.ForDeliberation(hearings, Earlier));
    }

    [Fact]
    public void R12_A_postponed_dossier_of_a_closed_session_may_go_on_a_later_agenda_and_keeps_its_history()
    {
        Hearing[] hearings = [In(Earlier, closed: true, HearingOutcome.Postponed)];

        Assert.Empty(AgendaEligibility.ForAgenda(hearings, Later));
        Assert.Empty(AgendaEligibility.ForDeliberation(hearings, Later));
        Assert.Equal(Earlier, Assert.Single(AgendaEligibility.Postponements(hearings, Later)).SessionId);
        Assert.False(AgendaEligibility.IsDecided(hearings));
    }

    [Fact]
    public void R6_A_dossier_pending_on_a_session_not_closed_is_not_put_on_a_second_agenda()
    {
        Hearing[] hearings = [In(Earlier, closed: false, HearingOutcome.Pending)];

        var finding = Assert.Single(AgendaEligibility.ForAgenda(hearings, Later));

        Assert.Equal("Le dossier est déjà inscrit à la session « Jury de décembre » du 10/12/2026.", finding.Message);
        Assert.Equal("Le dossier est déjà inscrit à l'ordre du jour de cette session.", Assert.Single(AgendaEligibility.ForAgenda(hearings, Earlier)).Message);
    }
}
