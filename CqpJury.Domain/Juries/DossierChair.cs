namespace CqpJury.Domain.Juries;

/// <summary>
/// R11 (interpretation, docs/rules.md): who chairs the deliberation on one dossier. The session's
/// president when they belong to the dossier's panel; when the president is in conflict, stands
/// aside or is absent (R10.2 forbids them to see the dossier), the panel's expert métier — always
/// in a valid panel (R10.1) — chairs that dossier: puts the proposal, amends it, postpones, writes
/// and signs the decision. The deliberation enforces it (<see cref="Deliberations.OnlyTheDossierChairLeadsRule"/>).
/// No president designated yet (R9): no chair.
/// </summary>
public static class DossierChair
{
    public static JuryMember? For(Panel panel, Guid? presidentId)
    {
        ArgumentNullException.ThrowIfNull(panel);
        if (presidentId is { } id && panel.Members.FirstOrDefault(m => m.Id == id) is { } president)
        {
            return president;
        }

        return presidentId is null ? null : panel.Members.FirstOrDefault(m => m.Seat == Seat.TradeExpert);
    }
}
