namespace CqpJury.App.Services.Organisations;

/// <summary>
/// SIRET numbers: 14 digits (spaces tolerated on input and removed) whose Luhn checksum is valid.
/// La Poste's establishments (SIREN 356 000 000) are also accepted under INSEE's documented
/// exception: the sum of the 14 digits is a multiple of 5.
/// </summary>
public static class SiretNumber
{
    public const string LengthMessage = "Le SIRET doit comporter 14 chiffres.";
    public const string ChecksumMessage = "Ce SIRET n'est pas valide (clé de contrôle).";

    private const string LaPosteSiren = "356000000";

    /// <summary>The input without spaces (ordinary, non-breaking, narrow non-breaking); null when blank.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        return new string(input.Where(c => !char.IsWhiteSpace(c) && c != '\u00A0' && c != '\u202F').ToArray());
    }

    /// <summary>Null when <paramref name="normalized"/> is a valid SIRET; otherwise the French reason.</summary>
    public static string? Problem(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (normalized.Length != 14 || !normalized.All(char.IsAsciiDigit))
        {
            return LengthMessage;
        }

        return HasValidChecksum(normalized) ? null : ChecksumMessage;
    }

    public static bool HasValidChecksum(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        if (digits.StartsWith(LaPosteSiren, StringComparison.Ordinal) && digits.Sum(c => c - '0') % 5 == 0)
        {
            return true;
        }

        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }
}
