using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Juries;
using CqpJury.Domain.Referential;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static CqpJury.Tests.TestSupport.JuryBuilders;

namespace CqpJury.Tests.Domain.Deliberations;

/// <summary>
/// R10.2 / R11 properties: random sequences of proposals, amendments, votes (by panel members and by
/// members outside the panel) and postponements, under <see cref="DecisionRule.Unanimity"/>.
/// </summary>
public class DeliberationProperties
{
    public enum OpKind
    {
        Propose,
        Cast,
        Postpone,
    }

    /// <summary>
    /// One operation. <see cref="Voter"/> indexes the panel members first, then the members outside
    /// the panel (recused, stood aside, stranger); <see cref="Mask"/> chooses the validations.
    /// </summary>
    public sealed record Op(OpKind Kind, int Voter, bool Approve, int Mask);

    /// <summary>Panel and non-panel voters of every scenario: 5 + stranger, or 3 + recused + stood aside + stranger.</summary>
    private const int VoterCount = 6;

    /// <summary>
    /// A random deliberation: a 2+2+1 jury, either without conflict (panel 2+2+1) or with one
    /// recusal and one stand-aside (panel 1+1+1); the competences the evaluators indicated mastered;
    /// and the operations.
    /// </summary>
    public sealed record Scenario(bool SmallPanel, int ValidatableMask, IReadOnlyList<Op> Ops)
    {
        // Both shapes have VoterCount voters.
        public Panel Panel => SmallPanel
            ? Panel.For(Jury221(), [Employee(1).Id], [Employer(0).Id])
            : Panel.For(Jury221(), []);

        public IReadOnlyList<Guid> Voters =>
        [
            .. Panel.Members.Select(m => m.Id),
            .. Panel.Recused.Select(m => m.Id),
            .. Panel.StoodAside.Select(m => m.Id),
            StrangerId(),
        ];

        public override string ToString() =>
            $"Collège {(SmallPanel ? "1+1+1" : "2+2+1")}, maîtrisées {ValidatableMask}, opérations : " +
            string.Join(" ; ", Ops.Select(o => o.Kind switch
            {
                OpKind.Propose => $"Propose({o.Mask})",
                OpKind.Cast => $"Cast(#{o.Voter}, {(o.Approve ? "pour" : "contre")})",
                _ => "Postpone",
            }));
    }

    private static readonly Gen<bool> Approvals = Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)));

    /// <summary>A vote by anyone (panel member or not), possibly a second vote in the round.</summary>
    private static readonly Gen<Op> Casts =
        from voter in Gen.Choose(0, VoterCount - 1)
        from approve in Approvals
        select new Op(OpKind.Cast, voter, approve, 0);

    /// <summary>
    /// A proposal (or amendment), then votes by the voters in a random order (often all of them,
    /// panel and non-panel alike), then a few more random votes.
    /// </summary>
    private static readonly Gen<IEnumerable<Op>> Rounds =
        from mask in Gen.Choose(0, 63)
        from order in Gen.Shuffle(Enumerable.Range(0, VoterCount))
        from count in Gen.Frequency((2, Gen.Constant(VoterCount)), (1, Gen.Choose(0, VoterCount - 1)))
        from choices in Approvals.ListOf(VoterCount)
        from extraCount in Gen.Choose(0, 2)
        from extra in Casts.ListOf(extraCount)
        select order.Take(count)
            .Select((voter, i) => new Op(OpKind.Cast, voter, choices[i], 0))
            .Concat(extra)
            .Prepend(new Op(OpKind.Propose, 0, false, mask));

    /// <summary>Mostly rounds, sometimes lone votes (possibly before any proposal), rarely a postponement.</summary>
    private static readonly Gen<IEnumerable<Op>> Chunks = Gen.Frequency(
        (8, Rounds),
        (2, Casts.Select(op => (IEnumerable<Op>)[op])),
        (1, Gen.Constant<IEnumerable<Op>>([new Op(OpKind.Postpone, 0, false, 0)])));

    private static Arbitrary<Scenario> Scenarios() =>
        Arb.From(
            from small in Gen.Elements(true, false)
            from validatable in Gen.Choose(0, 63)
            from chunks in Chunks.ListOf()
            select new Scenario(small, validatable, chunks.SelectMany(c => c).ToList()));

    private static IEnumerable<string> CodesIn(int mask) =>
        CompetenceCodes.Where((_, i) => (mask & (1 << i)) != 0);

    /// <summary>
    /// Plays the scenario, checking after every operation that the deliberation is decided exactly
    /// when every panel member approved the current proposal in the current round (the model), and
    /// that votes from outside the panel change nothing.
    /// </summary>
    private static bool Play(Scenario scenario)
    {
        var subject = Subject(DecisionRule.Unanimity, validatable: CodesIn(scenario.ValidatableMask));
        var panel = scenario.Panel;
        var deliberation = Deliberation.Open(subject, panel, PresidentId);
        var voters = scenario.Voters;
        var approvedThisRound = new HashSet<Guid>();
        var votedThisRound = new HashSet<Guid>();
        var proposed = false;
        var postponed = false;

        foreach (var op in scenario.Ops)
        {
            var stateBefore = deliberation.State;
            var votesBefore = deliberation.Votes.Count;
            var eventsBefore = deliberation.Events.Count;
            var terminal = stateBefore is DeliberationState.Decided or DeliberationState.Postponed;

            switch (op.Kind)
            {
                case OpKind.Propose:
                {
                    // A valid proposal: answers every competence, validates only validatable ones (R3).
                    var validations = subject.CompetencesToDecide.ToDictionary(
                        c => c.Code,
                        c => subject.ValidatableCompetences.Contains(c.Code) && CodesIn(op.Mask).Contains(c.Code),
                        StringComparer.Ordinal);
                    try
                    {
                        deliberation.Propose(deliberation.Chair.Id, validations, At);
                        Assert.False(terminal, "proposition acceptée après décision ou ajournement");
                        proposed = true;
                        approvedThisRound.Clear();
                        votedThisRound.Clear();
                    }
                    catch (DeliberationException ex)
                    {
                        Assert.True(terminal, $"proposition valide refusée : {ex.Error}");
                    }

                    break;
                }

                case OpKind.Cast:
                {
                    var voterId = voters[op.Voter];
                    var inPanel = panel.Contains(voterId);
                    var choice = op.Approve ? VoteChoice.Approve : VoteChoice.Object;
                    try
                    {
                        deliberation.Cast(voterId, choice, At, ObjectionReason);
                        Assert.True(inPanel, "vote accepté d'un membre hors du collège délibérant");
                        Assert.False(terminal);
                        Assert.True(proposed);
                        Assert.True(votedThisRound.Add(voterId), "deuxième vote accepté dans le même tour");
                        if (op.Approve)
                        {
                            approvedThisRound.Add(voterId);
                        }
                    }
                    catch (DeliberationException ex)
                    {
                        if (!inPanel)
                        {
                            Assert.Equal(
                                stateBefore switch
                                {
                                    DeliberationState.Decided => DeliberationError.AlreadyDecided,
                                    DeliberationState.Postponed => DeliberationError.Postponed,
                                    _ => DeliberationError.NotInPanel,
                                },
                                ex.Error);
                        }
                        else
                        {
                            Assert.True(terminal || !proposed || votedThisRound.Contains(voterId), $"vote refusé à tort : {ex.Error}");
                        }

                        // A refused vote never counts.
                        Assert.Equal(votesBefore, deliberation.Votes.Count);
                        Assert.Equal(eventsBefore, deliberation.Events.Count);
                        Assert.Equal(stateBefore, deliberation.State);
                    }

                    break;
                }

                default:
                    try
                    {
                        deliberation.Postpone(deliberation.Chair.Id, "Ajourné", At);
                        Assert.False(terminal);
                        postponed = true;
                    }
                    catch (DeliberationException)
                    {
                        Assert.True(terminal);
                    }

                    break;
            }

            // R11: decided exactly when, in the deciding round, every panel member approved.
            var everyoneApproved = proposed && panel.Members.All(m => approvedThisRound.Contains(m.Id));
            if (deliberation.State == DeliberationState.Decided)
            {
                Assert.True(everyoneApproved, "décision sans l'approbation de chaque membre du collège délibérant");
                Assert.Equal(panel.Members.Count, deliberation.Votes.Count);
                Assert.All(deliberation.Votes, v => Assert.Equal(VoteChoice.Approve, v.Choice));
                Assert.All(deliberation.Votes, v => Assert.Equal(deliberation.Decision!.Round, v.Round));
                Assert.Equal(panel.MemberIds, deliberation.Decision!.Approvers.ToHashSet());
                Assert.Equal(deliberation.Round, deliberation.Decision.Round);
            }
            else
            {
                Assert.Null(deliberation.Decision);
                Assert.False(everyoneApproved && !postponed, "chaque membre a approuvé mais aucune décision");
            }

            // Only panel members' votes are ever recorded.
            Assert.All(deliberation.Votes, v => Assert.True(panel.Contains(v.MemberId)));
        }

        return true;
    }

    [Property(MaxTest = 300)]
    public Property R11_Under_unanimity_no_sequence_of_operations_decides_unless_every_panel_member_approved_in_the_deciding_round() =>
        Prop.ForAll(Scenarios(), Play);

    [Property(MaxTest = 300)]
    public Property R10_2_A_vote_from_a_member_outside_the_panel_never_counts() =>
        Prop.ForAll(Scenarios(), scenario =>
        {
            var subject = Subject(DecisionRule.Unanimity, validatable: CodesIn(scenario.ValidatableMask));
            var panel = scenario.Panel;
            var deliberation = Deliberation.Open(subject, panel, PresidentId);
            var outsiders = scenario.Voters.Where(id => !panel.Contains(id)).ToList();
            deliberation.Propose(deliberation.Chair.Id, subject.DefaultProposal, At);

            // Everyone outside the panel approves, interleaved with the panel approving except the last member.
            foreach (var (member, index) in panel.Members.SkipLast(1).Select((m, i) => (m, i)))
            {
                var outsider = outsiders[index % outsiders.Count];
                var ex = Assert.Throws<DeliberationException>(() => deliberation.Cast(outsider, VoteChoice.Approve, At));
                Assert.Equal(DeliberationError.NotInPanel, ex.Error);
                Assert.False(deliberation.Cast(member.Id, VoteChoice.Approve, At));
            }

            foreach (var outsider in outsiders)
            {
                Assert.Throws<DeliberationException>(() => deliberation.Cast(outsider, VoteChoice.Approve, At));
            }

            return deliberation.State == DeliberationState.Voting
                && deliberation.Decision is null
                && deliberation.Votes.Count == panel.Members.Count - 1
                && deliberation.Tally.Pending.SequenceEqual([panel.Members[^1].Id])
                && deliberation.Votes.All(v => panel.Contains(v.MemberId));
        });
}
