using System.Globalization;

namespace CqpJury.App.Data.Entities;

/// <summary>
/// A postal address (R15: an awarded certificate is sent on paper; a candidate without an e-mail
/// gets the decision by post or by hand). Owned by <see cref="Candidate"/>, stored as columns of
/// the Candidates table. Checked by the dossier validator: in France the postal code has 5 digits;
/// each line holds at most 38 characters, as a window envelope's address block (NF Z10-011).
/// </summary>
public sealed class PostalAddress
{
    public const string DefaultCountry = "France";

    /// <summary>Number and street (or the recipient's complement when <see cref="Line2"/> holds the street).</summary>
    public string Line1 { get; set; } = string.Empty;

    /// <summary>Optional second line (building, "BP", lieu-dit).</summary>
    public string? Line2 { get; set; }

    public string PostalCode { get; set; } = string.Empty;

    public string City { get; set; } = string.Empty;

    public string Country { get; set; } = DefaultCountry;

    public bool IsInFrance => IsFrance(Country);

    /// <summary>
    /// The address block's lines after the recipient's name, as La Poste writes them: the street
    /// lines, then postal code and city in capitals, then the country in capitals only abroad.
    /// </summary>
    public IReadOnlyList<string> Lines()
    {
        var lines = new List<string> { Line1 };
        if (!string.IsNullOrWhiteSpace(Line2))
        {
            lines.Add(Line2);
        }

        lines.Add($"{PostalCode} {City.ToUpper(CultureInfo.GetCultureInfo("fr-FR"))}".Trim());
        if (!IsInFrance)
        {
            lines.Add(Country.ToUpper(CultureInfo.GetCultureInfo("fr-FR")));
        }

        return lines;
    }

    /// <summary>Blank or « France » (any case).</summary>
    public static bool IsFrance(string? country) =>
        string.IsNullOrWhiteSpace(country) || string.Equals(country.Trim(), DefaultCountry, StringComparison.OrdinalIgnoreCase);
}
