using System.Globalization;

namespace CqpJury.Domain.Common;

/// <summary>How dates appear in the domain's French messages.</summary>
public static class FrenchFormat
{
    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("fr-FR");

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", Culture);
}
