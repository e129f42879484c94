using CqpJury.Domain.Dossiers;

namespace CqpJury.Tests.Domain.Dossiers;

public class AdmissibilityRuleTests
{
    private static readonly DateOnly RequestDate = new(2025, 6, 30);
    private static readonly AdmissibilityReview Accepted = new(true, "Secrétariat CPEF", new DateOnly(2025, 7, 10));

    private static AdmissibilityFile FileWith(AdmissibilityReview? review, params ActivityPeriod[] activities) =>
        new(RequestDate, activities, review);

    private static ActivityPeriod Period(DateOnly start, DateOnly? end) => new(start, end, "Activité liée au CQP");

    [Fact]
    public void R5_3_Exactly_three_calendar_years_of_activity_is_admissible()
    {
        // 01/07/2022 – 30/06/2025 spans 29/02/2024: 1096 days, three calendar years.
        var file = FileWith(Accepted, Period(new DateOnly(2022, 7, 1), RequestDate));

        Assert.Equal(new ActivityDuration(36, 0), AdmissibilityRule.Duration(file));
        Assert.True(AdmissibilityRule.IsLongEnough(file));
        Assert.Empty(AdmissibilityRule.Check(file));
    }

    [Fact]
    public void R5_3_Three_times_365_days_across_a_leap_year_is_one_day_short_of_three_years()
    {
        // 02/07/2022 – 30/06/2025 = 1095 days = 3 × 365, but 29/02/2024 is in it: one day short.
        var file = FileWith(Accepted, Period(RequestDate.AddDays(-1094), RequestDate));

        Assert.Equal(new ActivityDuration(35, 29), AdmissibilityRule.Duration(file));
        Assert.False(AdmissibilityRule.IsLongEnough(file));
        var finding = Assert.Single(AdmissibilityRule.Check(file));
        Assert.Equal("R5.3", finding.RuleId);
        Assert.Equal(
            "Durée d'activité insuffisante : 2 ans et 11 mois à la date de la demande (30/06/2025), il faut au moins 3 ans.",
            finding.Message);
    }

    [Fact]
    public void R5_3_Three_calendar_years_without_a_leap_day_are_1095_days_and_admissible()
    {
        // 01/01/2021 – 31/12/2023: no 29 February inside, 1095 days, three calendar years.
        var file = new AdmissibilityFile(new DateOnly(2024, 3, 15), [Period(new DateOnly(2021, 1, 1), new DateOnly(2023, 12, 31))], Accepted);

        Assert.Equal(new ActivityDuration(36, 0), AdmissibilityRule.Duration(file));
        Assert.True(AdmissibilityRule.IsLongEnough(file));
    }

    [Fact]
    public void R5_3_One_day_less_than_three_calendar_years_is_refused()
    {
        var file = FileWith(Accepted, Period(new DateOnly(2022, 7, 2), RequestDate));

        var finding = Assert.Single(AdmissibilityRule.Check(file));
        Assert.StartsWith("Durée d'activité insuffisante : ", finding.Message, StringComparison.Ordinal);
        Assert.EndsWith("à la date de la demande (30/06/2025), il faut au moins 3 ans.", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R5_3_Whole_calendar_years_in_separate_periods_add_up_to_three_years()
    {
        // 2019, then 2021 and 2022: three calendar years, although 2020's leap day lies in the gap.
        var file = FileWith(Accepted,
            Period(new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31)),
            Period(new DateOnly(2021, 1, 1), new DateOnly(2022, 12, 31)));

        Assert.Equal(new ActivityDuration(36, 0), AdmissibilityRule.Duration(file));
        Assert.Empty(AdmissibilityRule.Check(file));
    }

    [Fact]
    public void R5_3_Leftover_days_of_separate_periods_make_a_month_per_30_days()
    {
        // 17 months and 15 days, then 18 months and 15 days: 35 months and 30 days = 36 months.
        var file = FileWith(Accepted,
            Period(new DateOnly(2020, 1, 1), new DateOnly(2021, 6, 15)),
            Period(new DateOnly(2022, 1, 1), new DateOnly(2023, 7, 15)));

        Assert.Equal(new ActivityDuration(36, 0), AdmissibilityRule.Duration(file));
        Assert.True(AdmissibilityRule.IsLongEnough(file));
    }

    [Fact]
    public void R5_3_Insufficient_duration_is_shown_in_years_and_months()
    {
        // 01/01/2023 – 30/06/2025: 912 days = 2 years and 182 days.
        var file = FileWith(Accepted, Period(new DateOnly(2023, 1, 1), RequestDate));

        var finding = Assert.Single(AdmissibilityRule.Check(file));

        Assert.Equal(
            "Durée d'activité insuffisante : 2 ans et 6 mois à la date de la demande (30/06/2025), il faut au moins 3 ans.",
            finding.Message);
    }

    [Fact]
    public void R5_3_Insufficient_duration_never_reads_as_twelve_months()
    {
        // Two days short of three calendar years (35 months and 28 days). The message must not
        // read "2 ans et 12 mois", which a user reads as three years while being refused.
        var file = FileWith(Accepted, Period(RequestDate.AddDays(-1093), RequestDate));

        var finding = Assert.Single(AdmissibilityRule.Check(file));

        Assert.DoesNotContain("12 mois", finding.Message, StringComparison.Ordinal);
        Assert.Contains("2 ans et 11 mois", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R5_3_Overlapping_periods_are_counted_once()
    {
        var file = FileWith(Accepted,
            Period(new DateOnly(2020, 1, 1), new DateOnly(2021, 12, 31)),
            Period(new DateOnly(2021, 1, 1), new DateOnly(2022, 12, 31)),
            Period(new DateOnly(2021, 6, 1), new DateOnly(2021, 6, 30)));

        // One stretch, 01/01/2020 – 31/12/2022: three calendar years, not six.
        Assert.Equal(new ActivityDuration(36, 0), AdmissibilityRule.Duration(file));
    }

    [Fact]
    public void R5_3_Overlapping_periods_do_not_reach_three_years_by_double_counting()
    {
        // Two jobs held at the same time for two years: 4 years if summed, 2 years in fact.
        var file = FileWith(Accepted,
            Period(new DateOnly(2023, 7, 1), RequestDate),
            Period(new DateOnly(2023, 7, 1), RequestDate));

        var finding = Assert.Single(AdmissibilityRule.Check(file));
        Assert.Equal("R5.3", finding.RuleId);
        Assert.Contains("Durée d'activité insuffisante", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R5_3_Separate_and_adjacent_periods_add_up()
    {
        var file = FileWith(Accepted,
            Period(new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31)),
            Period(new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31)),
            Period(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31)));

        // 2019–2020 (adjacent, one stretch) and 2023.
        Assert.Equal(new ActivityDuration(36, 0), AdmissibilityRule.Duration(file));
        Assert.Empty(AdmissibilityRule.Check(file));
    }

    [Fact]
    public void R5_3_Open_ended_period_runs_to_the_request_date()
    {
        var file = FileWith(Accepted, Period(new DateOnly(2022, 7, 1), null));

        Assert.Equal(new ActivityDuration(36, 0), AdmissibilityRule.Duration(file));
        Assert.Empty(AdmissibilityRule.Check(file));
    }

    [Fact]
    public void R5_3_Activity_after_the_request_date_is_ignored()
    {
        var file = FileWith(Accepted,
            Period(new DateOnly(2023, 6, 30), new DateOnly(2027, 12, 31)),
            Period(new DateOnly(2025, 7, 1), null),
            Period(new DateOnly(2026, 1, 1), new DateOnly(2030, 1, 1)));

        // Only 30/06/2023 – 30/06/2025 counts.
        Assert.Equal(new ActivityDuration(24, 1), AdmissibilityRule.Duration(file));
        var finding = Assert.Single(AdmissibilityRule.Check(file));
        Assert.Contains("Durée d'activité insuffisante", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R5_3_File_without_activity_has_no_activity_days()
    {
        var file = FileWith(Accepted);

        Assert.Equal(new ActivityDuration(0, 0), AdmissibilityRule.Duration(file));
        var finding = Assert.Single(AdmissibilityRule.Check(file));
        Assert.Contains("0 jour à la date de la demande", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R5_3_Missing_admissibility_file_is_a_finding()
    {
        var finding = Assert.Single(AdmissibilityRule.Check(null));

        Assert.Equal("R5.3", finding.RuleId);
        Assert.Equal("Le dossier de recevabilité VAE n'a pas été reçu.", finding.Message);
    }

    [Fact]
    public void R5_3_File_not_yet_reviewed_by_the_secretariat_is_a_finding()
    {
        var file = FileWith(null, Period(new DateOnly(2018, 1, 1), null));

        var finding = Assert.Single(AdmissibilityRule.Check(file));

        Assert.Equal("R5.3", finding.RuleId);
        Assert.Equal("La recevabilité n'a pas encore été examinée par le secrétariat de la CPEF.", finding.Message);
    }

    [Fact]
    public void R5_3_File_refused_by_the_secretariat_is_a_finding_naming_who_and_when()
    {
        var file = FileWith(new AdmissibilityReview(false, "Mme Leroy", new DateOnly(2025, 7, 3)), Period(new DateOnly(2018, 1, 1), null));

        var finding = Assert.Single(AdmissibilityRule.Check(file));

        Assert.Equal("R5.3", finding.RuleId);
        Assert.Equal("La demande a été déclarée non recevable par le secrétariat (Mme Leroy, le 03/07/2025).", finding.Message);
    }

    [Fact]
    public void R5_3_Evaluation_before_the_acceptance_is_a_finding()
    {
        var file = FileWith(Accepted, Period(new DateOnly(2018, 1, 1), null));

        var finding = Assert.Single(AdmissibilityRule.Check(file, evaluationDate: new DateOnly(2025, 7, 9)));

        Assert.Equal("R5.3", finding.RuleId);
        Assert.Equal(
            "L'évaluation (09/07/2025) a eu lieu avant l'acceptation de la recevabilité (10/07/2025).",
            finding.Message);
    }

    [Fact]
    public void R5_3_Evaluation_on_or_after_the_acceptance_is_fine()
    {
        var file = FileWith(Accepted, Period(new DateOnly(2018, 1, 1), null));

        Assert.Empty(AdmissibilityRule.Check(file, evaluationDate: new DateOnly(2025, 7, 10)));
        Assert.Empty(AdmissibilityRule.Check(file, evaluationDate: new DateOnly(2025, 9, 1)));
    }

    [Fact]
    public void R5_3_Insufficient_duration_and_missing_review_are_both_reported()
    {
        var file = FileWith(null, Period(new DateOnly(2024, 1, 1), null));

        var findings = AdmissibilityRule.Check(file);

        Assert.Equal(2, findings.Count);
        Assert.All(findings, f => Assert.Equal("R5.3", f.RuleId));
        Assert.Contains(findings, f => f.Message.StartsWith("Durée d'activité insuffisante : 1 an et 6 mois", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Message.Contains("pas encore été examinée", StringComparison.Ordinal));
    }
}
