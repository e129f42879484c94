namespace CqpJury.Domain.Juries;

/// <summary>A jury member's seat (R8).</summary>
public enum Seat
{
    /// <summary>collège salariés</summary>
    EmployeeRepresentative,

    /// <summary>collège entreprises</summary>
    EmployerRepresentative,

    /// <summary>expert métier</summary>
    TradeExpert,
}

public static class SeatText
{
    public static string ToFrench(this Seat seat) => seat switch
    {
        Seat.EmployeeRepresentative => "Collège salariés",
        Seat.EmployerRepresentative => "Collège entreprises",
        Seat.TradeExpert => "Expert métier",
        _ => throw new ArgumentOutOfRangeException(nameof(seat)),
    };
}

/// <summary>A jury member as the rules see them: who, and which seat.</summary>
public sealed record JuryMember(Guid Id, string Name, Seat Seat);
