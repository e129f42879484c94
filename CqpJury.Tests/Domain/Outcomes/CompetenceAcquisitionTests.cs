using CqpJury.Domain.Outcomes;
using static CqpJury.Tests.TestSupport.DossierBuilders;

namespace CqpJury.Tests.Domain.Outcomes;

public class CompetenceAcquisitionTests
{
    [Fact]
    public void R4_1_Validated_competence_is_held_until_the_day_before_the_fifth_anniversary()
    {
        var acquisition = new CompetenceAcquisition("C3", new DateOnly(2026, 11, 27));

        Assert.Equal(new DateOnly(2031, 11, 26), acquisition.ValidUntil);
        Assert.Equal(5, CompetenceAcquisition.ValidityYears);
    }

    [Fact]
    public void R4_1_Competence_is_held_on_its_last_day_and_not_on_the_fifth_anniversary()
    {
        var acquisition = new CompetenceAcquisition("C3", new DateOnly(2026, 11, 27));

        Assert.True(acquisition.IsHeldOn(new DateOnly(2031, 11, 26)));
        Assert.False(acquisition.IsHeldOn(new DateOnly(2031, 11, 27)));
        Assert.False(acquisition.IsHeldOn(new DateOnly(2040, 1, 1)));
    }

    [Fact]
    public void R4_1_Competence_is_held_from_the_decision_date_and_not_before()
    {
        var acquisition = new CompetenceAcquisition("C3", new DateOnly(2026, 11, 27));

        Assert.True(acquisition.IsHeldOn(new DateOnly(2026, 11, 27)));
        Assert.True(acquisition.IsHeldOn(new DateOnly(2029, 6, 1)));
        Assert.False(acquisition.IsHeldOn(new DateOnly(2026, 11, 26)));
    }

    [Fact]
    public void R4_1_Decision_on_29_February_is_held_until_27_February_five_years_later()
    {
        // The fifth anniversary of 29/02/2024 falls, in a common year, on 28/02/2029 (DateOnly.AddYears).
        var acquisition = new CompetenceAcquisition("C1", new DateOnly(2024, 2, 29));

        Assert.Equal(new DateOnly(2029, 2, 27), acquisition.ValidUntil);
        Assert.True(acquisition.IsHeldOn(new DateOnly(2029, 2, 27)));
        Assert.False(acquisition.IsHeldOn(new DateOnly(2029, 2, 28)));
    }

    [Fact]
    public void R4_1_Validity_can_end_on_29_February_of_a_leap_year()
    {
        var acquisition = new CompetenceAcquisition("C1", new DateOnly(2023, 3, 1));

        Assert.Equal(new DateOnly(2028, 2, 29), acquisition.ValidUntil);
        Assert.True(acquisition.IsHeldOn(new DateOnly(2028, 2, 29)));
        Assert.False(acquisition.IsHeldOn(new DateOnly(2028, 3, 1)));
    }

    [Fact]
    public void R4_1_New_acquisitions_are_the_competences_validated_now_dated_by_the_decision()
    {
        var certificate = Certificate();
        var decisionDate = new DateOnly(2026, 11, 27);
        var earlier = new CompetenceAcquisition("C1", new DateOnly(2024, 3, 15));

        var result = OutcomeCalculator.Compute(certificate, ["C2", "C4"], [earlier], decisionDate);

        Assert.Equal(
            [new CompetenceAcquisition("C2", decisionDate), new CompetenceAcquisition("C4", decisionDate)],
            result.NewAcquisitions(decisionDate));
        Assert.Equal(new DateOnly(2031, 11, 26), result.For("C2").ValidUntil);
        Assert.Equal(new DateOnly(2029, 3, 14), result.For("C1").ValidUntil);
        Assert.Null(result.For("C3").ValidUntil);
    }

    [Fact]
    public void R4_2_Competences_to_decide_exclude_the_ones_still_held()
    {
        var certificate = Certificate();
        var earlier = new[]
        {
            new CompetenceAcquisition("C2", new DateOnly(2023, 6, 20)),
            new CompetenceAcquisition("C5", new DateOnly(2025, 1, 10)),
        };

        var toDecide = OutcomeCalculator.CompetencesToDecide(certificate, earlier, new DateOnly(2026, 11, 27));

        Assert.Equal(["C1", "C3", "C4", "C6"], toDecide.Select(c => c.Code));
    }

    [Fact]
    public void R4_2_Competence_whose_five_years_ran_out_is_to_decide_again()
    {
        var certificate = Certificate();
        var earlier = new[] { new CompetenceAcquisition("C2", new DateOnly(2021, 6, 15)) };

        var lastHeldDay = OutcomeCalculator.CompetencesToDecide(certificate, earlier, new DateOnly(2026, 6, 14));
        var expired = OutcomeCalculator.CompetencesToDecide(certificate, earlier, new DateOnly(2026, 6, 15));

        Assert.DoesNotContain(lastHeldDay, c => c.Code == "C2");
        Assert.Contains(expired, c => c.Code == "C2");
        Assert.Equal(6, expired.Count);
    }

    [Fact]
    public void R4_2_Holding_is_judged_on_the_decision_date_not_today()
    {
        var certificate = Certificate();
        // Long expired today, but held on a decision date in 2012.
        var longAgo = new[] { new CompetenceAcquisition("C4", new DateOnly(2010, 1, 10)) };
        // Not yet validated today, but expired on a decision date in 2046.
        var future = new[] { new CompetenceAcquisition("C4", new DateOnly(2040, 1, 10)) };

        Assert.DoesNotContain(OutcomeCalculator.CompetencesToDecide(certificate, longAgo, new DateOnly(2012, 1, 1)), c => c.Code == "C4");
        Assert.DoesNotContain(OutcomeCalculator.CompetencesToDecide(certificate, future, new DateOnly(2044, 12, 31)), c => c.Code == "C4");
        Assert.Contains(OutcomeCalculator.CompetencesToDecide(certificate, future, new DateOnly(2046, 1, 1)), c => c.Code == "C4");
    }

    [Fact]
    public void R4_2_Acquisition_after_the_decision_date_is_not_held_on_that_date()
    {
        var certificate = Certificate();
        var earlier = new[] { new CompetenceAcquisition("C1", new DateOnly(2027, 1, 15)) };

        Assert.Contains(OutcomeCalculator.CompetencesToDecide(certificate, earlier, new DateOnly(2026, 11, 27)), c => c.Code == "C1");
        Assert.Empty(OutcomeCalculator.HeldOn(earlier, new DateOnly(2026, 11, 27)));
    }

    [Fact]
    public void R4_2_Latest_validation_of_a_competence_is_the_one_held()
    {
        var older = new CompetenceAcquisition("C1", new DateOnly(2022, 5, 1));
        var newer = new CompetenceAcquisition("C1", new DateOnly(2025, 5, 1));
        var expired = new CompetenceAcquisition("C2", new DateOnly(2019, 5, 1));

        var held = OutcomeCalculator.HeldOn([older, newer, expired], new DateOnly(2026, 11, 27));

        Assert.Equal(["C1"], held.Keys);
        Assert.Equal(newer, held["C1"]);
        Assert.Equal(new DateOnly(2030, 4, 30), held["C1"].ValidUntil);
    }

    [Fact]
    public void R4_2_Expired_competence_counts_as_not_validated_and_may_be_validated_again()
    {
        var certificate = Certificate();
        var decisionDate = new DateOnly(2026, 11, 27);
        var expired = new CompetenceAcquisition("C1", new DateOnly(2020, 10, 1));

        var notRevalidated = OutcomeCalculator.Compute(certificate, ["C2"], [expired], decisionDate);
        var revalidated = OutcomeCalculator.Compute(certificate, ["C1"], [expired], decisionDate);

        Assert.Equal(CompetenceStanding.NotValidated, notRevalidated.For("C1").Standing);
        Assert.Equal(CompetenceStanding.ValidatedNow, revalidated.For("C1").Standing);
        Assert.Equal(new DateOnly(2031, 11, 26), revalidated.For("C1").ValidUntil);
    }

    [Fact]
    public void R4_2_Earlier_validations_may_be_absent()
    {
        var certificate = Certificate();

        Assert.Equal(6, OutcomeCalculator.CompetencesToDecide(certificate, [], JuryDay).Count);
        Assert.Empty(OutcomeCalculator.HeldOn(null!, JuryDay));
    }
}
