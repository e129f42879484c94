using CqpJury.Domain.Juries;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>
/// The chair puts a proposal to the vote (R3, R4, R11): per competence validated or not. The
/// first proposal opens the deliberation and freezes the panel, which must then be valid (R10.1)
/// and every present member must have answered the conflict question (R10). A later proposal is
/// an amendment: a new round, votes cleared.
/// </summary>
public sealed record ProposeDecision(Guid SessionId, Guid DossierId, IReadOnlyDictionary<string, bool> Validations) : DeliberationCommand(SessionId, DossierId)
{
    public override string Action => "Soumettre une proposition au vote";

    internal override bool ChairOnly => true;

    internal override string? Apply(DeliberationContext deliberation)
    {
        if (deliberation.Deliberation is null)
        {
            if (deliberation.Record is not null)
            {
                throw new UserFacingException("Ce dossier est ajourné : il ne peut plus être délibéré dans cette séance.");
            }

            var awaiting = deliberation.State.AwaitingDeclaration(deliberation.Dossier).ToList();
            if (awaiting.Count > 0)
            {
                throw new UserFacingException("Chaque membre présent doit d'abord déclarer ses liens d'intérêts pour ce dossier. En attente : " +
                    string.Join(", ", awaiting.Select(m => m.FullName)) + ".");
            }

            if (!deliberation.Panel.IsValid)
            {
                throw new UserFacingException("Le collège délibérant n'est pas paritaire : " + string.Join(" ", ParityRestoration.Assess(deliberation.Panel).Findings.Select(f => f.Message)));
            }

            deliberation.Open(deliberation.Now);
        }

        deliberation.Required.Propose(deliberation.MemberId, Validations, deliberation.Now);
        return deliberation.Required.Round == 1 ? "Ouverture de la délibération et proposition soumise au vote" : $"Proposition modifiée (tour {deliberation.Required.Round})";
    }
}
