using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Privacy;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>
/// R16: a convened member accepts the session's confidentiality commitment, once (recorded with its
/// text's version, and journaled); only then does the room show them the session's dossiers.
/// Accepting again changes nothing.
/// </summary>
public sealed record AcceptConfidentiality(Guid SessionId) : RoomCommand(SessionId)
{
    public override string Action => "Accepter l'engagement de confidentialité";

    public const string JournalAction = "Engagement de confidentialité accepté";

    internal override RoomCommandAccess Access => RoomCommandAccess.ConvenedMember;

    internal override async Task<RoomChange?> ExecuteAsync(RoomCommandContext context)
    {
        if (context.State.Session.Status == SessionStatus.Draft)
        {
            throw context.Refusal("La session n'est pas encore ouverte par le secrétariat : la salle de délibération n'est pas accessible.");
        }

        if (await context.Db.ConfidentialityAcceptances.AnyAsync(c => c.SessionId == SessionId && c.JuryMemberId == context.MemberId, context.CancellationToken))
        {
            return null; // already accepted (another page, a double click)
        }

        context.Db.ConfidentialityAcceptances.Add(new ConfidentialityAcceptance
        {
            SessionId = SessionId,
            JuryMemberId = context.MemberId,
            AcceptedAt = context.Now,
            TextVersion = ConfidentialityCommitment.Version,
        });
        return new RoomChange(JournalAction, null) { MemberId = context.MemberId, Details = $"Version {ConfidentialityCommitment.Version} du texte." };
    }
}

/// <summary>R16: a convened member refuses the confidentiality commitment: journaled; they stay outside the room.</summary>
public sealed record DeclineConfidentiality(Guid SessionId) : RoomCommand(SessionId)
{
    public override string Action => "Refuser l'engagement de confidentialité";

    public const string JournalAction = "Engagement de confidentialité refusé";

    internal override RoomCommandAccess Access => RoomCommandAccess.ConvenedMember;

    internal override RoomChange? Execute(RoomCommandContext context) =>
        new(JournalAction, null) { MemberId = context.MemberId, Details = "Le membre reste hors de la salle." };
}
