namespace CqpJury.App.Services.Room.Commands;

/// <summary>The chair postpones the dossier (ajourné): no decision in this session (R10.1, R11).</summary>
public sealed record Postpone(Guid SessionId, Guid DossierId, string Reason) : DeliberationCommand(SessionId, DossierId)
{
    public override string Action => "Ajourner le dossier";

    internal override bool ChairOnly => true;

    internal override string? Apply(DeliberationContext deliberation)
    {
        var text = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim();
        if (text is null)
        {
            throw new InputValidationException("reason", "Indiquez le motif de l'ajournement.");
        }

        if (text.Length > 2000)
        {
            throw new InputValidationException("reason", "Le motif ne peut pas dépasser 2000 caractères.");
        }

        if (deliberation.Deliberation is { } aggregate)
        {
            aggregate.Postpone(deliberation.MemberId, text, deliberation.Now);
        }
        else if (deliberation.Record is not null)
        {
            throw new UserFacingException("Ce dossier est déjà ajourné.");
        }
        else
        {
            deliberation.PostponeWithoutDeliberation(text, deliberation.Now);
        }

        return "Dossier ajourné : " + text;
    }
}
