using CqpJury.Domain.Common;

namespace CqpJury.Domain.Juries;

/// <summary>
/// R10: the members who deliberate on one dossier: those present, minus those in conflict of
/// interest with the candidate's employer or training organisation, minus those who stood aside
/// to restore parity (R10.1).
/// </summary>
public sealed record Panel(
    IReadOnlyList<JuryMember> Members,
    IReadOnlyList<JuryMember> Recused,
    IReadOnlyList<JuryMember> StoodAside)
{
    public static Panel For(
        IEnumerable<JuryMember> presentMembers,
        IEnumerable<Guid> conflictedMemberIds,
        IEnumerable<Guid>? stoodAsideMemberIds = null)
    {
        ArgumentNullException.ThrowIfNull(presentMembers);
        ArgumentNullException.ThrowIfNull(conflictedMemberIds);
        var present = presentMembers.DistinctBy(m => m.Id).ToList();
        var conflicted = conflictedMemberIds.ToHashSet();
        var asides = (stoodAsideMemberIds ?? []).ToHashSet();
        var recused = present.Where(m => conflicted.Contains(m.Id)).ToList();
        var stoodAside = present.Where(m => !conflicted.Contains(m.Id) && asides.Contains(m.Id)).ToList();
        var members = present.Where(m => !conflicted.Contains(m.Id) && !asides.Contains(m.Id)).ToList();
        return new Panel(members, recused, stoodAside);
    }

    public IReadOnlySet<Guid> MemberIds => Members.Select(m => m.Id).ToHashSet();

    public bool Contains(Guid memberId) => Members.Any(m => m.Id == memberId);

    /// <summary>R10.2: a member in conflict (or standing aside) cannot see the content nor vote.</summary>
    public bool IsExcluded(Guid memberId) => Recused.Any(m => m.Id == memberId) || StoodAside.Any(m => m.Id == memberId);

    /// <summary>R10.1: the panel must itself satisfy R8.</summary>
    public IReadOnlyList<Finding> Findings => JuryComposition.Check(Members, "Le collège délibérant");

    public bool IsValid => Findings.Count == 0;
}
