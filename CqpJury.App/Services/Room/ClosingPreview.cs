using CqpJury.App.Services.Mail;

namespace CqpJury.App.Services.Room;

/// <summary>
/// What closing the session does, said to the president before they confirm it (closing cannot be
/// undone): one French sentence per line, shown as a list by the room's confirmation
/// (CloseConfirmation). Built on the server by <see cref="RoomQueries.PreviewClosingAsync"/> from the
/// same state as the room. <see cref="Mail"/> says what closing sends, to whom (issue 20: R14, R15, R17).
/// </summary>
public sealed record ClosingPreview(IReadOnlyList<string> Lines, ClosingMailPreview? Mail = null)
{
    /// <summary>The lines every closing has: the signed decisions and the postponed dossiers (counts), the official documents, read-only after.</summary>
    public static ClosingPreview Of(int signedDecisions, int postponedDossiers) => new(
    [
        $"{RoomCounts.SignedDecisions(signedDecisions)} : elles sont définitives ;",
        $"{RoomCounts.PostponedDossiers(postponedDossiers)} (un dossier ajourné peut être inscrit à une prochaine session) ;",
        "les documents officiels (fiches de décision, procès-verbal, feuille d'émargement, certificats et attestations) pourront ensuite être émis ;",
        "plus aucune modification ne sera possible : la session passe en lecture seule pour tous les membres.",
    ]);
}
