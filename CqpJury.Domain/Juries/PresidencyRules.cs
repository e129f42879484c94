using CqpJury.Domain.Common;

namespace CqpJury.Domain.Juries;

/// <summary>R9: a session has one president, designated once; a designation is never redone.</summary>
public sealed class PresidentIsDesignatedOnceRule(bool alreadyDesignated) : IBusinessRule
{
    public string RuleId => "R9";

    public string Message => "Le président de séance est déjà désigné.";

    public bool IsBroken() => alreadyDesignated;
}

/// <summary>R9: only the members present take part in the designation (propose, accept).</summary>
public sealed class OnlyPresentMembersDesignateRule(Guid memberId, IReadOnlyCollection<Guid> presentMemberIds, bool proposing) : IBusinessRule
{
    public string RuleId => "R9";

    public string Message => proposing
        ? "Seul un membre présent peut proposer un président."
        : "Seul un membre présent peut accepter la proposition.";

    public bool IsBroken() => !presentMemberIds.Contains(memberId);
}

/// <summary>R9: the president is one of the members present.</summary>
public sealed class PresidentIsChosenAmongPresentMembersRule(Guid candidateId, IReadOnlyCollection<Guid> presentMemberIds) : IBusinessRule
{
    public string RuleId => "R9";

    public string Message => "Le président doit être choisi parmi les membres présents.";

    public bool IsBroken() => !presentMemberIds.Contains(candidateId);
}

/// <summary>R9: a member accepts a proposal that exists.</summary>
public sealed class AcceptanceNeedsAProposalRule(Guid? proposedPresidentId) : IBusinessRule
{
    public string RuleId => "R9";

    public string Message => "Aucune proposition de président n'est en cours.";

    public bool IsBroken() => proposedPresidentId is null;
}

/// <summary>
/// R9: the session-wide actions of the presidency (putting a dossier on screen, closing the
/// session) are the designated president's alone. A dossier's own deliberation is led by its chair
/// (R11, <see cref="DossierChair"/>).
/// </summary>
public sealed class ActionReservedToThePresidentRule(Guid? presidentId, Guid memberId) : IBusinessRule
{
    public string RuleId => "R9";

    public string Message => presidentId is null
        ? "Aucun président n'a encore été désigné : cette action lui est réservée."
        : "Cette action est réservée au président de séance.";

    public bool IsBroken() => presidentId != memberId;
}
