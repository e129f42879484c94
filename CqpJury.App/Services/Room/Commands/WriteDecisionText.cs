namespace CqpJury.App.Services.Room.Commands;

/// <summary>R13, R14: the chair writes the comments and the jury's answer to the candidate's observations.</summary>
public sealed record WriteDecisionText(Guid SessionId, Guid DossierId, string? Comments, string? ObservationsAnswer) : DeliberationCommand(SessionId, DossierId)
{
    public override string Action => "Rédiger la décision";

    internal override bool ChairOnly => true;

    internal override string? Apply(DeliberationContext deliberation)
    {
        if (Comments is { Length: > 4000 } || ObservationsAnswer is { Length: > 4000 })
        {
            throw new InputValidationException("comments", "Les commentaires et la réponse sont limités à 4000 caractères chacun.");
        }

        deliberation.Required.WriteDecisionText(deliberation.MemberId, Comments, ObservationsAnswer, deliberation.Now);
        return "Commentaires et réponse aux observations enregistrés";
    }
}
