using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace CqpJury.App.Services.OfficialDocuments;

/// <summary>
/// Verification codes printed on official documents: 12 Crockford base-32 characters (no I, L,
/// O, U: nothing to misread), 60 random bits, shown as XXXX-XXXX-XXXX.
/// </summary>
public static partial class VerificationCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New()
    {
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return $"{chars[..4]}-{chars[4..8]}-{chars[8..]}";
    }

    /// <summary>The canonical form of a typed code (case, spaces, dashes and look-alike letters tolerated), or null when malformed.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40)
        {
            return null;
        }

        var compact = new string(typed.ToUpperInvariant().Where(c => c is not (' ' or '-')).ToArray())
            .Replace('I', '1').Replace('L', '1').Replace('O', '0');
        return Format().IsMatch(compact) ? $"{compact[..4]}-{compact[4..8]}-{compact[8..]}" : null;
    }

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{12}$")]
    private static partial Regex Format();
}
