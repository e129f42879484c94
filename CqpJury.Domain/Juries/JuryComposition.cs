using CqpJury.Domain.Common;

namespace CqpJury.Domain.Juries;

/// <summary>
/// R8: a jury has 3 to 5 members: 1 or 2 from the collège salariés, the same number from the
/// collège entreprises, and exactly one expert métier (valid sizes 1+1+1 and 2+2+1).
/// </summary>
public static class JuryComposition
{
    public const int MinPerCollege = 1;
    public const int MaxPerCollege = 2;

    public static IReadOnlyList<Finding> Check(IEnumerable<JuryMember> members) => Check(members, "Le jury");

    /// <param name="subject">How the group is named in messages ("Le jury", "Le collège délibérant").</param>
    public static IReadOnlyList<Finding> Check(IEnumerable<JuryMember> members, string subject)
    {
        ArgumentNullException.ThrowIfNull(members);
        var list = members.DistinctBy(m => m.Id).ToList();
        var employees = list.Count(m => m.Seat == Seat.EmployeeRepresentative);
        var employers = list.Count(m => m.Seat == Seat.EmployerRepresentative);
        var experts = list.Count(m => m.Seat == Seat.TradeExpert);
        var findings = new List<Finding>();

        if (experts == 0)
        {
            findings.Add(new Finding("R8", $"{subject} doit comprendre un expert métier."));
        }
        else if (experts > 1)
        {
            findings.Add(new Finding("R8", $"{subject} ne peut comprendre qu'un seul expert métier ({experts} présents)."));
        }

        if (employees < MinPerCollege)
        {
            findings.Add(new Finding("R8", $"{subject} doit comprendre au moins un représentant du collège salariés."));
        }

        if (employers < MinPerCollege)
        {
            findings.Add(new Finding("R8", $"{subject} doit comprendre au moins un représentant du collège entreprises."));
        }

        if (employees > MaxPerCollege || employers > MaxPerCollege)
        {
            findings.Add(new Finding("R8", $"{subject} comprend au plus {MaxPerCollege} représentants par collège."));
        }

        if (employees != employers && employees >= MinPerCollege && employers >= MinPerCollege)
        {
            findings.Add(new Finding("R8",
                $"{subject} n'est pas paritaire : {employees} représentant(s) du collège salariés pour {employers} du collège entreprises."));
        }

        return findings;
    }

    public static bool IsValid(IEnumerable<JuryMember> members) => Check(members).Count == 0;
}
