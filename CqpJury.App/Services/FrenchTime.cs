using CqpJury.Domain.Common;

namespace CqpJury.App.Services;

/// <summary>
/// Times and "today" as French users read them (Europe/Paris), whatever the server's own time
/// zone is (often UTC in containers). Falls back to UTC if tzdata is missing. The one place
/// where instants become French wall-clock times.
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

    /// <summary>"dd/MM/yyyy HH:mm:ss", Paris time.</summary>
    public static string DateTime(DateTimeOffset at) => Format(at, "dd/MM/yyyy HH:mm:ss");

    /// <summary>Paris time with a custom pattern, e.g. "dd/MM/yyyy 'à' HH:mm".</summary>
    public static string Format(DateTimeOffset at, string pattern) => ToFrench(at).ToString(pattern, FrenchFormat.Culture);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
        catch (InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
