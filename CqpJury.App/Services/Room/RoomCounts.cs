namespace CqpJury.App.Services.Room;

/// <summary>The counts the closing confirmation and the closed session's summary say, in French.</summary>
public static class RoomCounts
{
    public static string SignedDecisions(int count) => count <= 1 ? $"{count} décision signée" : $"{count} décisions signées";

    public static string PostponedDossiers(int count) => count <= 1 ? $"{count} dossier ajourné" : $"{count} dossiers ajournés";
}
