using System.Globalization;

namespace CqpJury.Domain.Common;

/// <summary>How dates and inserted names appear in the domain's and the app's French messages.</summary>
public static class FrenchFormat
{
    private const string Vowels = "aàâäeéèêëiîïoôöuùûüæœ";

    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("fr-FR");

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", Culture);

    /// <summary>« de » before a name: « de Bruno », « d'Olivier », « d'Hélène » (see <see cref="Elide"/>).</summary>
    public static string Of(string name) => Elide("de", name);

    /// <summary>« que » before a name: « que Bruno », « qu'Olivier ».</summary>
    public static string That(string name) => Elide("que", name);

    /// <summary>
    /// A short word (« de », « que », « le », « la », « je », « ne », « se ») followed by a name or
    /// a word, elided before a vowel sound: « d'Olivier », « qu'Émilie ». A simple written rule,
    /// not a dictionary: elided before a vowel (accented or not), before « h » + vowel (treated
    /// as mute: « d'Hélène », « d'Hugo » — the aspirated h of a few names is not known here), and
    /// before « y » + consonant (« d'Yves », but « de Yann »).
    /// </summary>
    public static string Elide(string word, string next)
    {
        ArgumentException.ThrowIfNullOrEmpty(word);
        ArgumentNullException.ThrowIfNull(next);
        var trimmed = next.TrimStart();
        return StartsWithVowelSound(trimmed) && word[^1] is 'e' or 'a'
            ? string.Concat(word.AsSpan(0, word.Length - 1), "'", trimmed)
            : word + " " + trimmed;
    }

    private static bool StartsWithVowelSound(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        var first = char.ToLower(text[0], Culture);
        var second = text.Length > 1 ? char.ToLower(text[1], Culture) : '\0';
        return first switch
        {
            'h' => Vowels.Contains(second, StringComparison.Ordinal) || second == 'y',
            'y' => second != '\0' && !Vowels.Contains(second, StringComparison.Ordinal),
            _ => Vowels.Contains(first, StringComparison.Ordinal),
        };
    }
}
