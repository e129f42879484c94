using CqpJury.App.Services;
using CqpJury.App.Services.Statistics;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Statistics.StatisticsHistory;
using Route = CqpJury.Domain.Dossiers.Route;

namespace CqpJury.Tests.Integration.Statistics;

/// <summary>
/// Issue 24: every figure of the statistics page on <see cref="StatisticsHistory"/>, counted by hand
/// from the table in its summary (signed decisions and postponements only; one count per dossier).
/// </summary>
public sealed class StatisticsServiceTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    private string? _secretariat;

    private async Task<StatisticsReport> ComputeAsync(StatisticsFilter filter)
    {
        _secretariat ??= (await _factory.CreateSecretariatAsync()).Email;
        return await _factory.AsUserAsync(_secretariat, sp => sp.GetRequiredService<StatisticsService>().ComputeAsync(filter));
    }

    [Fact]
    public async Task Totals_count_signed_decisions_and_postponements_once_per_dossier_and_never_drafts()
    {
        await SeedAsync(_factory);

        var report = await ComputeAsync(new StatisticsFilter());

        // D1 D4 D6 D11 awarded; D2 D5 D7 D12 partial; D3 not validated; D8 postponed. D4's postponement
        // is followed by its decision; D9 (unsigned) and D10 (voting) are drafts.
        Assert.Equal(new OutcomeCounts(Awarded: 4, PartiallyValidated: 4, NotValidated: 1, Postponed: 1), report.Totals);
        Assert.Equal(10, report.Totals.Presented);
        Assert.Equal(9, report.Totals.Decided);
    }

    [Fact]
    public async Task Outcomes_per_CQP_and_per_route()
    {
        await SeedAsync(_factory);

        var report = await ComputeAsync(new StatisticsFilter());

        Assert.Equal(
            [new OutcomeRow("CQP Assistant(e) de formation", new(2, 3, 0, 1)), new OutcomeRow("CQP Conseiller(ère) commercial(e) en formation", new(2, 1, 1, 0))],
            report.ByCertificate);
        Assert.Equal(
            [new OutcomeRow("Parcours de développement des compétences", new(2, 3, 1, 0)), new OutcomeRow("Validation des acquis de l'expérience (VAE)", new(2, 1, 0, 1))],
            report.ByRoute);
    }

    [Fact]
    public async Task A_session_filter_counts_a_dossier_postponed_there_as_postponed_even_if_decided_later()
    {
        var history = await SeedAsync(_factory);

        var report = await ComputeAsync(new StatisticsFilter(SessionId: history.Sessions[S1].Id));

        Assert.Equal(new OutcomeCounts(1, 1, 1, 1), report.Totals); // D1, D2, D3, and D4 postponed there
    }

    [Fact]
    public async Task Period_CQP_and_route_filters_combine()
    {
        await SeedAsync(_factory);

        var year2025 = await ComputeAsync(new StatisticsFilter(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)));
        var afIn2025 = await ComputeAsync(new StatisticsFilter(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), "CQP-AF"));
        var vae = await ComputeAsync(new StatisticsFilter(Route: Route.Vae));
        var ccf = await ComputeAsync(new StatisticsFilter(CertificateCode: "CQP-CCF"));

        Assert.Equal(new OutcomeCounts(3, 3, 1, 0), year2025.Totals); // D1 D4 D6 / D2 D5 D7 / D3
        Assert.Equal(new OutcomeCounts(2, 2, 0, 0), afIn2025.Totals); // D1 D6 / D2 D5
        Assert.Equal(new OutcomeCounts(2, 1, 0, 1), vae.Totals); // D4 D11 / D2 / D8
        Assert.Equal(new OutcomeCounts(2, 1, 1, 0), ccf.Totals); // D4 D11 / D7 / D3
        Assert.Single(ccf.ByCertificate);
        Assert.Equal(6, ccf.ByCompetence.Count);
    }

    [Fact]
    public async Task Outcomes_over_time_by_month_and_by_quarter_with_empty_periods_between()
    {
        await SeedAsync(_factory);

        var months = await ComputeAsync(new StatisticsFilter());
        var quarters = await ComputeAsync(new StatisticsFilter(Grouping: StatisticsGrouping.Quarter));

        Assert.Equal(15, months.ByPeriod.Count); // January 2025 to March 2026
        Assert.Equal(new DateOnly(2025, 1, 1), months.ByPeriod[0].Start);
        Assert.Equal("janvier 2025", months.ByPeriod[0].Label);
        Assert.Equal(new OutcomeCounts(1, 1, 1, 0), months.ByPeriod[0].Counts);
        Assert.Equal(new OutcomeCounts(1, 1, 0, 0), months.ByPeriod[5].Counts); // June 2025: D4, D5
        Assert.Equal(OutcomeCounts.Zero, months.ByPeriod[6].Counts);
        Assert.Equal(new OutcomeCounts(1, 1, 0, 0), months.ByPeriod[10].Counts); // November 2025: D6, D7
        Assert.Equal(new OutcomeCounts(1, 1, 0, 1), months.ByPeriod[14].Counts); // March 2026: D11, D12, D8
        Assert.Equal("mars 2026", months.ByPeriod[14].Label);

        Assert.Equal(["1er trimestre 2025", "2e trimestre 2025", "3e trimestre 2025", "4e trimestre 2025", "1er trimestre 2026"], quarters.ByPeriod.Select(p => p.Label));
        Assert.Equal([3, 2, 0, 2, 3], quarters.ByPeriod.Select(p => p.Counts.Presented));
    }

    [Fact]
    public async Task R3_R4_2_per_competence_presented_validated_mastered_and_declined_although_mastered()
    {
        await SeedAsync(_factory);

        var report = await ComputeAsync(new StatisticsFilter());
        (int Presented, int Validated, int Mastered, int Declined, int Discrepancies) Row(string certificate, string code)
        {
            var row = report.ByCompetence.Single(c => c.CertificateCode == certificate && c.CompetenceCode == code);
            return (row.Presented, row.Validated, row.Mastered, row.DeclinedAlthoughMastered, row.Discrepancies);
        }

        Assert.Equal(12, report.ByCompetence.Count);
        // CQP-AF decisions: D1 (all), D2 (all, C5 not mastered), D5 (all, C2 declined), D6 (C5 only), D12 (C2–C6, C6 not mastered).
        Assert.Equal((3, 3, 3, 0, 0), Row("CQP-AF", "C1"));
        Assert.Equal((4, 3, 4, 1, 0), Row("CQP-AF", "C2"));
        Assert.Equal((4, 4, 4, 0, 0), Row("CQP-AF", "C3"));
        Assert.Equal((5, 4, 4, 0, 0), Row("CQP-AF", "C5"));
        Assert.Equal((4, 3, 3, 0, 0), Row("CQP-AF", "C6"));
        // CQP-CCF decisions: D3 (none mastered), D4 (all), D7 (C3, C4 discrepancies), D11 (C2 held).
        Assert.Equal((4, 3, 3, 0, 0), Row("CQP-CCF", "C1"));
        Assert.Equal((3, 2, 2, 0, 0), Row("CQP-CCF", "C2"));
        Assert.Equal((4, 2, 2, 0, 1), Row("CQP-CCF", "C3"));
        Assert.Equal((4, 2, 2, 0, 1), Row("CQP-CCF", "C4"));
        Assert.Equal(0.75, report.ByCompetence.Single(c => c.CertificateCode == "CQP-AF" && c.CompetenceCode == "C2").ValidationRate);
        Assert.Equal(0.25, report.ByCompetence.Single(c => c.CertificateCode == "CQP-AF" && c.CompetenceCode == "C2").DeclinedShare);
    }

    [Fact]
    public async Task R2_2_evaluator_discrepancies_R4_2_returning_candidates_and_the_median_delay()
    {
        await SeedAsync(_factory);

        var report = await ComputeAsync(new StatisticsFilter());

        Assert.Equal(2, report.DiscrepancyCompetences); // D7's C3 and C4
        Assert.Equal(1, report.DiscrepancyDossiers);
        Assert.Equal(3, report.ReturningDecisions); // D6, D11 (C2 held; C1 expired), D12
        Assert.Equal(2, report.ReturningAwarded); // D6, D11
        // Days from the completeness check to the signature: 31 10 20 197 45 60 15 25 5 → 5 10 15 20 [25] 31 45 60 197.
        Assert.Equal(25, report.MedianDaysToDecision);
        Assert.Equal(9, report.DecisionsWithCheck);
    }

    [Fact]
    public async Task An_empty_selection_has_no_figure_and_no_period()
    {
        await SeedAsync(_factory);

        var report = await ComputeAsync(new StatisticsFilter(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)));

        Assert.True(report.IsEmpty);
        Assert.Empty(report.ByPeriod);
        Assert.Null(report.MedianDaysToDecision);
        Assert.All(report.ByCompetence, c => Assert.Equal(0, c.Presented));
    }

    [Fact]
    public async Task A_period_ending_before_it_starts_is_refused_in_French()
    {
        var ex = await Assert.ThrowsAsync<InputValidationException>(() =>
            ComputeAsync(new StatisticsFilter(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1))));

        Assert.Equal("La date de fin de la période précède sa date de début.", ex.Message);
    }

    [Fact]
    public async Task R16_Only_the_secretariat_may_read_the_figures()
    {
        await SeedAsync(_factory);
        var (_, email, _) = await _factory.CreateMemberWithAccountAsync("Jeanne", "Membre", Seat.TradeExpert);

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _factory.AsUserAsync(email, sp => sp.GetRequiredService<StatisticsService>().ComputeAsync(new StatisticsFilter())));
        await _factory.AnonymousAsync(async sp =>
            await Assert.ThrowsAsync<AccessDeniedException>(() => sp.GetRequiredService<StatisticsService>().ExportXlsxAsync(new StatisticsFilter())));

        Assert.Equal("Cette action est réservée au secrétariat de la CPEF.", ex.Message);
    }

    public void Dispose() => _factory.Dispose();
}
