using CqpJury.Domain.Juries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CqpJury.Tests.TestSupport.JuryBuilders;

namespace CqpJury.Tests.Domain.Juries;

/// <summary>
/// R8 / R10.1 properties over random present members (0–3 per college, 0–2 experts) and random
/// conflict sets.
/// </summary>
public class ParityRestorationProperties
{
    /// <summary>A random sitting: how many present per seat, and which of them are in conflict.</summary>
    public sealed record Sitting(int Employees, int Employers, int Experts, IReadOnlyList<bool> ConflictMask)
    {
        public IReadOnlyList<JuryMember> Present => Jury(Employees, Employers, Experts);

        public IReadOnlyList<Guid> Conflicted =>
            Present.Where((_, i) => ConflictMask[i]).Select(m => m.Id).ToList();

        public override string ToString() =>
            $"{Employees}+{Employers}+{Experts}, en conflit : [{string.Join(", ", Present.Where((_, i) => ConflictMask[i]).Select(m => m.Name))}]";
    }

    private static Arbitrary<Sitting> Sittings() =>
        Arb.From(
            from employees in Gen.Choose(0, 3)
            from employers in Gen.Choose(0, 3)
            from experts in Gen.Choose(0, 2)
            from mask in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true))).ListOf(employees + employers + experts)
            select new Sitting(employees, employers, experts, mask.ToList()));

    private static (int Employees, int Employers, int Experts) Counts(IEnumerable<JuryMember> members)
    {
        var list = members.ToList();
        return (
            list.Count(m => m.Seat == Seat.EmployeeRepresentative),
            list.Count(m => m.Seat == Seat.EmployerRepresentative),
            list.Count(m => m.Seat == Seat.TradeExpert));
    }

    private static bool IsR8Shape(IEnumerable<JuryMember> members) =>
        Counts(members) is (1, 1, 1) or (2, 2, 1);

    [Property(MaxTest = 500)]
    public Property R8_R10_1_A_panel_declared_valid_has_the_composition_1_1_1_or_2_2_1() =>
        Prop.ForAll(Sittings(), sitting =>
        {
            var assessment = ParityRestoration.Assess(sitting.Present, sitting.Conflicted);
            var members = assessment.Panel.Members;

            // Valid exactly when the panel is 1+1+1 or 2+2+1 with one expert, in agreement with R8.
            return assessment.IsValid == IsR8Shape(members)
                && assessment.IsValid == JuryComposition.IsValid(members)
                && assessment.IsValid == assessment.Panel.IsValid
                && (!assessment.IsValid || (assessment.Proposals.Count == 0 && !assessment.MustPostpone));
        });

    [Property(MaxTest = 500)]
    public Property R10_1_Every_stand_aside_proposal_removes_exactly_one_member_of_the_larger_college_and_gives_a_valid_panel() =>
        Prop.ForAll(Sittings(), sitting =>
        {
            var assessment = ParityRestoration.Assess(sitting.Present, sitting.Conflicted);
            var panel = assessment.Panel;
            var (employees, employers, _) = Counts(panel.Members);

            foreach (var proposal in assessment.Proposals)
            {
                var resulting = proposal.ResultingPanel;
                var largerSeat = employees > employers ? Seat.EmployeeRepresentative : Seat.EmployerRepresentative;

                Assert.NotEqual(employees, employers);
                Assert.Equal(largerSeat, proposal.Member.Seat);
                Assert.True(resulting.IsValid, $"{proposal.Member.Name} : collège délibérant résultant invalide");
                Assert.True(IsR8Shape(resulting.Members));
                Assert.Contains(proposal.Member, panel.Members);
                Assert.Equal(panel.Members.Where(m => m != proposal.Member), resulting.Members);
                Assert.Equal(panel.StoodAside.Append(proposal.Member), resulting.StoodAside);
                Assert.Equal(panel.Recused, resulting.Recused);
            }

            return assessment.Proposals.Select(p => p.Member.Id).Distinct().Count() == assessment.Proposals.Count;
        });

    [Property(MaxTest = 500)]
    public Property R10_1_The_dossier_must_be_postponed_exactly_when_the_panel_is_invalid_and_nothing_can_be_proposed() =>
        Prop.ForAll(Sittings(), sitting =>
        {
            var assessment = ParityRestoration.Assess(sitting.Present, sitting.Conflicted);

            return assessment.MustPostpone == (assessment.Proposals.Count == 0 && !assessment.Panel.IsValid);
        });

    [Property(MaxTest = 500)]
    public Property R10_1_Every_college_member_whose_standing_aside_would_restore_parity_is_proposed() =>
        Prop.ForAll(Sittings(), sitting =>
        {
            var assessment = ParityRestoration.Assess(sitting.Present, sitting.Conflicted);
            if (assessment.IsValid)
            {
                return assessment.Proposals.Count == 0;
            }

            var curing = assessment.Panel.Members
                .Where(m => m.Seat != Seat.TradeExpert)
                .Where(m => JuryComposition.IsValid(assessment.Panel.Members.Where(other => other != m)))
                .Select(m => m.Id);

            return curing.SequenceEqual(assessment.Proposals.Select(p => p.Member.Id));
        });

    [Property(MaxTest = 500)]
    public Property R10_The_panel_is_the_present_members_minus_those_in_conflict() =>
        Prop.ForAll(Sittings(), sitting =>
        {
            var panel = ParityRestoration.Assess(sitting.Present, sitting.Conflicted).Panel;
            var conflicted = sitting.Conflicted.ToHashSet();

            return panel.Members.SequenceEqual(sitting.Present.Where(m => !conflicted.Contains(m.Id)))
                && panel.Recused.SequenceEqual(sitting.Present.Where(m => conflicted.Contains(m.Id)))
                && panel.Recused.All(m => panel.IsExcluded(m.Id) && !panel.Contains(m.Id))
                && panel.Members.All(m => !panel.IsExcluded(m.Id));
        });
}
