using CqpJury.Domain.Outcomes;
using CqpJury.Domain.Privacy;

namespace CqpJury.Tests.Domain.Privacy;

/// <summary>R16, R4.1: when a candidate's erasure must be refused, and why (in French).</summary>
public class ErasureRetentionTests
{
    private static readonly DateOnly JuryDate = new(2026, 12, 10);

    [Fact]
    public void R16_a_dossier_on_a_session_not_yet_closed_keeps_the_candidate()
    {
        var found = ErasureRetention.Retentions([new PendingHearing("D-2026-0001", "Jury de décembre", JuryDate)], [], [], new DateOnly(2026, 11, 27));

        var retention = Assert.Single(found);
        Assert.Equal("le dossier D-2026-0001 est à l'ordre du jour de la session « Jury de décembre » du 10/12/2026, qui n'est pas clôturée", retention.Message);
    }

    [Theory]
    [InlineData(DecisionOutcome.PartiallyValidated, "la validation partielle décidée par le jury du 10/12/2026 (dossier D-2026-0001) compte pour le CQP pendant cinq ans, jusqu'au 09/12/2031 inclus")]
    [InlineData(DecisionOutcome.Awarded, "la décision du jury du 10/12/2026 (dossier D-2026-0001, délivrance du CQP) est conservée cinq ans, durée pendant laquelle une validation partielle compte, jusqu'au 09/12/2031 inclus")]
    [InlineData(DecisionOutcome.NotValidated, "la décision du jury du 10/12/2026 (dossier D-2026-0001, non validation) est conservée cinq ans, durée pendant laquelle une validation partielle compte, jusqu'au 09/12/2031 inclus")]
    public void R4_1_a_decision_keeps_the_candidate_until_the_last_day_it_counts_and_no_longer(DecisionOutcome outcome, string reason)
    {
        RecordedDecision[] decisions = [new("D-2026-0001", JuryDate, outcome)];

        var lastDay = ErasureRetention.Retentions([], decisions, [], new DateOnly(2031, 12, 9));
        var after = ErasureRetention.Retentions([], decisions, [], new DateOnly(2031, 12, 10));

        Assert.Equal(reason, Assert.Single(lastDay).Message);
        Assert.Empty(after);
    }

    [Fact]
    public void R4_1_a_competence_validated_by_an_earlier_jury_keeps_the_candidate_while_it_is_held()
    {
        RecordedEarlierValidation[] earlier = [new("D-2026-0002", "C3", new DateOnly(2024, 3, 1))];

        var held = ErasureRetention.Retentions([], [], earlier, new DateOnly(2029, 2, 28));
        var expired = ErasureRetention.Retentions([], [], earlier, new DateOnly(2029, 3, 1));

        Assert.Equal("la compétence C3 validée le 01/03/2024 par un jury antérieur (dossier D-2026-0002) compte encore jusqu'au 28/02/2029 inclus", Assert.Single(held).Message);
        Assert.Empty(expired);
    }

    [Fact]
    public void R16_the_refusal_names_every_retention_and_nothing_applies_without_facts()
    {
        var found = ErasureRetention.Retentions(
            [new PendingHearing("D-2026-0003", "Jury de janvier", new DateOnly(2027, 1, 14))],
            [new RecordedDecision("D-2026-0001", JuryDate, DecisionOutcome.PartiallyValidated)],
            [],
            new DateOnly(2026, 12, 20));

        var message = ErasureRetention.RefusalMessage(found);

        Assert.Equal(2, found.Count);
        Assert.StartsWith("Effacement refusé : une durée de conservation s'applique encore — le dossier D-2026-0003", message, StringComparison.Ordinal);
        Assert.Contains(" ; la validation partielle décidée par le jury du 10/12/2026", message, StringComparison.Ordinal);
        Assert.Empty(ErasureRetention.Retentions([], [], [], new DateOnly(2026, 12, 20)));
    }
}
