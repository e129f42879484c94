using CqpJury.Domain.Common;

namespace CqpJury.Domain.Juries;

/// <summary>R10.1: a named member of the larger college stands aside for this dossier.</summary>
public sealed record StandAsideProposal(JuryMember Member, Panel ResultingPanel)
{
    public string Description =>
        $"{Member.Name} ({Member.Seat.ToFrench().ToLower(FrenchFormat.Culture)}) se retire pour ce dossier afin de rétablir la parité.";
}

/// <summary>What the room may do with a dossier's panel.</summary>
public sealed record PanelAssessment(
    Panel Panel,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<StandAsideProposal> Proposals,
    bool MustPostpone)
{
    public bool IsValid => Findings.Count == 0;
}

/// <summary>
/// R10.1 (interpretation): when recusals break parity, propose that a member of the other college
/// stands aside for that dossier; when the expert is recused or absent, or parity cannot be
/// restored, the dossier is postponed (ajourné).
/// </summary>
public static class ParityRestoration
{
    public static PanelAssessment Assess(
        IEnumerable<JuryMember> presentMembers,
        IEnumerable<Guid> conflictedMemberIds,
        IEnumerable<Guid>? stoodAsideMemberIds = null)
    {
        var panel = Panel.For(presentMembers, conflictedMemberIds, stoodAsideMemberIds);
        return Assess(panel);
    }

    public static PanelAssessment Assess(Panel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var findings = panel.Findings;
        if (findings.Count == 0)
        {
            return new PanelAssessment(panel, findings, [], MustPostpone: false);
        }

        var proposals = new List<StandAsideProposal>();
        var members = panel.Members;
        var experts = members.Count(m => m.Seat == Seat.TradeExpert);
        var employees = members.Where(m => m.Seat == Seat.EmployeeRepresentative).ToList();
        var employers = members.Where(m => m.Seat == Seat.EmployerRepresentative).ToList();

        // Only a surplus in one college can be cured, by one member of that college standing aside,
        // and only when the expert is there and the smaller college still has someone.
        if (experts == 1 && employees.Count > 0 && employers.Count > 0 && employees.Count != employers.Count)
        {
            var larger = employees.Count > employers.Count ? employees : employers;
            var surplus = Math.Abs(employees.Count - employers.Count);
            if (surplus == 1)
            {
                foreach (var candidate in larger)
                {
                    var resulting = panel with
                    {
                        Members = members.Where(m => m.Id != candidate.Id).ToList(),
                        StoodAside = [.. panel.StoodAside, candidate],
                    };
                    if (resulting.IsValid)
                    {
                        proposals.Add(new StandAsideProposal(candidate, resulting));
                    }
                }
            }
        }

        var augmented = findings.ToList();
        if (proposals.Count == 0)
        {
            augmented.Add(new Finding("R10.1", experts == 0
                ? "L'expert métier est absent ou en conflit d'intérêts : le dossier doit être ajourné."
                : "La parité ne peut pas être rétablie pour ce dossier : il doit être ajourné."));
        }
        else
        {
            augmented.Add(new Finding("R10.1",
                "La parité peut être rétablie si un membre du collège en surnombre se retire pour ce dossier."));
        }

        return new PanelAssessment(panel, augmented, proposals, MustPostpone: proposals.Count == 0);
    }
}
