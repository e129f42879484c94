using CqpJury.Domain.Common;

namespace CqpJury.Domain.Juries;

/// <summary>
/// R9: the presidency is designated at each session by the members present. A present member
/// proposes a present member; the designation is made once every member present has accepted
/// (the proposer's proposal counts as their acceptance). A new proposal replaces an earlier one
/// and clears its acceptances.
/// </summary>
public sealed class PresidentDesignation
{
    private readonly HashSet<Guid> _acceptances = [];

    public Guid? ProposedPresidentId { get; private set; }

    public Guid? ProposedBy { get; private set; }

    public Guid? PresidentId { get; private set; }

    public bool IsDesignated => PresidentId is not null;

    public IReadOnlySet<Guid> Acceptances => _acceptances;

    public void Propose(Guid proposerId, Guid candidateId, IReadOnlyCollection<Guid> presentMemberIds)
    {
        ArgumentNullException.ThrowIfNull(presentMemberIds);
        EnsureNotDesignated();
        if (!presentMemberIds.Contains(proposerId))
        {
            throw new BusinessRuleValidationException("R9", "Seul un membre présent peut proposer un président.");
        }

        if (!presentMemberIds.Contains(candidateId))
        {
            throw new BusinessRuleValidationException("R9", "Le président doit être choisi parmi les membres présents.");
        }

        ProposedPresidentId = candidateId;
        ProposedBy = proposerId;
        _acceptances.Clear();
        _acceptances.Add(proposerId);
        Complete(presentMemberIds);
    }

    public void Accept(Guid memberId, IReadOnlyCollection<Guid> presentMemberIds)
    {
        ArgumentNullException.ThrowIfNull(presentMemberIds);
        EnsureNotDesignated();
        if (ProposedPresidentId is null)
        {
            throw new BusinessRuleValidationException("R9", "Aucune proposition de président n'est en cours.");
        }

        if (!presentMemberIds.Contains(memberId))
        {
            throw new BusinessRuleValidationException("R9", "Seul un membre présent peut accepter la proposition.");
        }

        _acceptances.Add(memberId);
        Complete(presentMemberIds);
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

    private void EnsureNotDesignated()
    {
        if (IsDesignated)
        {
            throw new BusinessRuleValidationException("R9", "Le président de séance est déjà désigné.");
        }
    }
}
