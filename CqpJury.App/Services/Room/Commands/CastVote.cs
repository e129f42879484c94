using CqpJury.Domain.Deliberations;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>
/// A panel member approves or objects (R11). A repeated or double-clicked identical vote
/// counts once and succeeds; a different second vote in the same round is refused.
/// </summary>
public sealed record CastVote(Guid SessionId, Guid DossierId, VoteChoice Choice, string? Comment = null) : DeliberationCommand(SessionId, DossierId)
{
    public override string Action => "Voter";

    internal override bool ChairOnly => false;

    internal override string? Apply(DeliberationContext deliberation)
    {
        var aggregate = deliberation.Deliberation
            ?? throw new UserFacingException(deliberation.Record is null ? "Aucune proposition n'est soumise au vote." : "Ce dossier est ajourné.");
        var previous = aggregate.Votes.FirstOrDefault(v => v.MemberId == deliberation.MemberId);
        if (previous is not null && previous.Choice == Choice)
        {
            return null; // the same vote again (double click, retry), even if it just decided: already counted
        }

        if (Comment is { Length: > Vote.MaxCommentLength })
        {
            throw new InputValidationException("comment", $"Le commentaire ne peut pas dépasser {Vote.MaxCommentLength} caractères.");
        }

        // R12: the room does not ask the objecting member for a reason yet; until it does, an objection without one is recorded as such.
        var comment = Choice == VoteChoice.Object && string.IsNullOrWhiteSpace(Comment) ? DeliberationReplay.ObjectionReasonNotGiven : Comment;
        aggregate.Cast(deliberation.MemberId, Choice, deliberation.Now, comment);
        var what = Choice == VoteChoice.Approve ? "Vote : approbation" : "Vote : objection";
        return aggregate.State == DeliberationState.Decided ? $"{what} – décision prise {aggregate.Subject.Certificate.DecisionRule.Manner()}" : what;
    }
}
