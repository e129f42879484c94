namespace CqpJury.App.Services.Members;

/// <summary>
/// Times and "today" as French users read them (Europe/Paris), whatever the server's own time
/// zone is (often UTC in containers). Falls back to the server's zone if tzdata is missing.
/// </summary>
public static class FrenchTime
{
    public static TimeZoneInfo Zone { get; } = FindZone();

    public static DateTimeOffset ToFrench(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(ToFrench(clock.GetUtcNow()).DateTime);
    }

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Local;
        }
        catch (InvalidTimeZoneException)
        {
            return TimeZoneInfo.Local;
        }
    }
}
