using CqpJury.Domain.Common;

namespace CqpJury.Domain.Juries;

/// <summary>
/// R9: the presidency is designated at each session by the members present. A present member
/// proposes a present member; the designation is made once every member present has accepted
/// (the proposer's proposal counts as their acceptance). A new proposal replaces an earlier one
/// and clears its acceptances. Once designated, the president stays for the session.
/// </summary>
public sealed class PresidentDesignation
{
    private readonly HashSet<Guid> _acceptances = [];

    /// <param name="designatedPresidentId">The president already designated for the session, if any.</param>
    public PresidentDesignation(Guid? designatedPresidentId = null)
    {
        PresidentId = designatedPresidentId;
    }

    /// <summary>
    /// A designation still pending, rebuilt from stored facts: the latest proposal and the acceptances
    /// recorded after it (they were checked when made). Whether it completes is then decided by
    /// <see cref="Complete"/> with the members present now.
    /// </summary>
    public static PresidentDesignation Pending(Guid proposedBy, Guid candidateId, IEnumerable<Guid> acceptances)
    {
        var designation = new PresidentDesignation { ProposedPresidentId = candidateId, ProposedBy = proposedBy };
        designation._acceptances.Add(proposedBy);
        designation._acceptances.UnionWith(acceptances);
        return designation;
    }

    public Guid? ProposedPresidentId { get; private set; }

    public Guid? ProposedBy { get; private set; }

    public Guid? PresidentId { get; private set; }

    public bool IsDesignated => PresidentId is not null;

    public IReadOnlySet<Guid> Acceptances => _acceptances;

    public void Propose(Guid proposerId, Guid candidateId, IReadOnlyCollection<Guid> presentMemberIds)
    {
        ArgumentNullException.ThrowIfNull(presentMemberIds);
        BusinessRule.Check(new PresidentIsDesignatedOnceRule(IsDesignated));
        BusinessRule.Check(new OnlyPresentMembersDesignateRule(proposerId, presentMemberIds, proposing: true));
        BusinessRule.Check(new PresidentIsChosenAmongPresentMembersRule(candidateId, presentMemberIds));

        ProposedPresidentId = candidateId;
        ProposedBy = proposerId;
        _acceptances.Clear();
        _acceptances.Add(proposerId);
        Complete(presentMemberIds);
    }

    public void Accept(Guid memberId, IReadOnlyCollection<Guid> presentMemberIds)
    {
        EnsureMayAccept(memberId, presentMemberIds);
        _acceptances.Add(memberId);
        Complete(presentMemberIds);
    }

    /// <summary>R9: refuses an acceptance that <see cref="Accept"/> would refuse, without accepting anything.</summary>
    public void EnsureMayAccept(Guid memberId, IReadOnlyCollection<Guid> presentMemberIds)
    {
        ArgumentNullException.ThrowIfNull(presentMemberIds);
        BusinessRule.Check(new PresidentIsDesignatedOnceRule(IsDesignated));
        BusinessRule.Check(new AcceptanceNeedsAProposalRule(ProposedPresidentId));
        BusinessRule.Check(new OnlyPresentMembersDesignateRule(memberId, presentMemberIds, proposing: false));
    }

    /// <summary>The present members who have not yet accepted the current proposal.</summary>
    public IReadOnlyList<Guid> AwaitedFrom(IEnumerable<Guid> presentMemberIds) =>
        ProposedPresidentId is null ? [] : presentMemberIds.Where(id => !_acceptances.Contains(id)).ToList();

    /// <summary>
    /// Re-evaluates the proposal when presence changes (a member leaving no longer holds it up).
    /// Returns true when the designation just completed.
    /// </summary>
    public bool Complete(IReadOnlyCollection<Guid> presentMemberIds)
    {
        ArgumentNullException.ThrowIfNull(presentMemberIds);
        if (IsDesignated || ProposedPresidentId is not { } candidate || !presentMemberIds.Contains(candidate))
        {
            return false;
        }

        if (presentMemberIds.Count > 0 && presentMemberIds.All(_acceptances.Contains))
        {
            PresidentId = candidate;
            return true;
        }

        return false;
    }

    /// <summary>R9: refuses a session-wide presidency action (dossier on screen, closing) to anyone but the president.</summary>
    public void EnsurePresident(Guid memberId) => BusinessRule.Check(new ActionReservedToThePresidentRule(PresidentId, memberId));
}
