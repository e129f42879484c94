using System.Globalization;
using System.Text.Json;

namespace CqpJury.App.Services.Dossiers;

/// <summary>
/// Reads typed values out of a <see cref="JsonElement"/> tree and collects every problem with its
/// JSON path ("$.dossiers[2].evaluations[0].elements[1].status") and a French message. Never throws
/// on bad input: a value that cannot be read is returned as null and reported.
/// </summary>
internal sealed class ImportJsonReader
{
    /// <summary>Beyond this many errors, one more line says how many were left out (a hostile file cannot fill the page).</summary>
    public const int MaxErrors = 500;

    private readonly List<FieldError> _errors = [];
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private int _omitted;

    /// <summary>The errors, the last one counting those left out beyond <see cref="MaxErrors"/>.</summary>
    public IReadOnlyList<FieldError> Errors => _omitted == 0
        ? _errors
        : [.. _errors, new FieldError("$", $"… et {_omitted} autre{(_omitted > 1 ? "s" : string.Empty)} erreur{(_omitted > 1 ? "s" : string.Empty)} non affichée{(_omitted > 1 ? "s" : string.Empty)} : corrigez d'abord celles-ci.")];

    /// <summary>The paths reported so far (the dossier validator does not report them a second time).</summary>
    public IReadOnlySet<string> Reported => _reported;

    public void Error(string path, string message)
    {
        _reported.Add(path);
        if (_errors.Count < MaxErrors)
        {
            _errors.Add(new FieldError(path, message));
        }
        else
        {
            _omitted++;
        }
    }

    /// <summary>Checks that <paramref name="element"/> is an object with only <paramref name="allowed"/> properties, each once.</summary>
    public bool Object(JsonElement element, string path, params string[] allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Error(path, $"Type incorrect : un objet {{ … }} est attendu (trouvé : {KindText(element.ValueKind)}).");
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!TryGetName(property, out var name))
            {
                Error(path, InvalidUnicode);
                return false;
            }

            if (!seen.Add(name))
            {
                Error(Child(path, Shown(name)), $"Propriété {DossierValidator.Quote(name)} présente deux fois.");
            }
            else if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                var hint = allowed.FirstOrDefault(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
                Error(Child(path, Shown(name)), hint is null
                    ? $"Propriété inconnue {DossierValidator.Quote(name)} (propriétés admises : {string.Join(", ", allowed)})."
                    : $"Propriété inconnue {DossierValidator.Quote(name)} : vouliez-vous écrire « {hint} » ? (les noms respectent les majuscules)");
            }
        }

        return true;
    }

    /// <summary>The property, or null when absent or JSON null (reported when <paramref name="required"/>).</summary>
    public JsonElement? Property(JsonElement obj, string path, string name, bool required)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        if (required)
        {
            Error(Child(path, name), "Champ obligatoire manquant.");
        }

        return null;
    }

    /// <summary>
    /// The text, trimmed (possibly empty: whether it may be is the dossier validator's business,
    /// like its length), or null when absent or not a string (reported).
    /// </summary>
    public string? String(JsonElement obj, string path, string name, bool required)
    {
        if (Property(obj, path, name, required) is not { } value)
        {
            return null;
        }

        var at = Child(path, name);
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(at, $"Type incorrect : une chaîne de caractères est attendue (trouvé : {KindText(value.ValueKind)}).");
            return null;
        }

        return Text(value, at)?.Trim();
    }

    public bool? Bool(JsonElement obj, string path, string name, bool required)
    {
        if (Property(obj, path, name, required) is not { } value)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Error(Child(path, name), $"Type incorrect : true ou false est attendu (trouvé : {KindText(value.ValueKind)}).");
        return null;
    }

    public int? Integer(JsonElement obj, string path, string name, bool required)
    {
        if (Property(obj, path, name, required) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        Error(Child(path, name), $"Type incorrect : un nombre entier est attendu (trouvé : {KindText(value.ValueKind)}).");
        return null;
    }

    /// <summary>An ISO date "yyyy-MM-dd".</summary>
    public DateOnly? Date(JsonElement obj, string path, string name, bool required)
    {
        if (Property(obj, path, name, required) is not { } value)
        {
            return null;
        }

        var at = Child(path, name);
        if (value.ValueKind != JsonValueKind.String)
        {
            Error(at, $"Type incorrect : une date « AAAA-MM-JJ » entre guillemets est attendue (trouvé : {KindText(value.ValueKind)}).");
            return null;
        }

        var text = Text(value, at);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Error(at, $"Date invalide {DossierValidator.Quote(text)} : format attendu AAAA-MM-JJ (par exemple 2026-10-15).");
        return null;
    }

    /// <summary>One of <paramref name="allowed"/> (JSON value → code value).</summary>
    public T? Enum<T>(JsonElement obj, string path, string name, bool required, string what, IReadOnlyDictionary<string, T> allowed)
        where T : struct
    {
        var text = String(obj, path, name, required);
        if (text is null)
        {
            return null;
        }

        if (allowed.TryGetValue(text, out var value))
        {
            return value;
        }

        Error(Child(path, name), $"{what} inconnu {DossierValidator.Quote(text)} (valeurs admises : {string.Join(", ", allowed.Keys)}).");
        return null;
    }

    /// <summary>The array's items (empty when absent and optional, or when not an array — reported).</summary>
    public IReadOnlyList<JsonElement> Array(JsonElement obj, string path, string name, bool required)
    {
        if (Property(obj, path, name, required) is not { } value)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(Child(path, name), $"Type incorrect : une liste [ … ] est attendue (trouvé : {KindText(value.ValueKind)}).");
            return [];
        }

        return value.EnumerateArray().ToList();
    }

    public static string Child(string path, string name) => $"{path}.{name}";

    private const string InvalidUnicode =
        "Texte invalide : il contient un caractère Unicode incomplet (une moitié de paire de substitution, par exemple \\udfff) : corrigez ce texte dans le fichier.";

    /// <summary>
    /// The string value, or null (reported) when it holds a lone UTF-16 surrogate: System.Text.Json
    /// reads "\udfff" as valid JSON text but refuses to make a .NET string of it.
    /// </summary>
    private string? Text(JsonElement value, string at)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            Error(at, InvalidUnicode);
            return null;
        }
    }

    private static bool TryGetName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = string.Empty;
            return false;
        }
    }

    /// <summary>A property name as it appears in a path: shortened, control characters shown.</summary>
    private static string Shown(string name) => DossierValidator.Quote(name)[2..^2];

    public static string Item(string path, int index) => $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]";

    private static string KindText(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "objet",
        JsonValueKind.Array => "liste",
        JsonValueKind.String => "chaîne de caractères",
        JsonValueKind.Number => "nombre",
        JsonValueKind.True or JsonValueKind.False => "booléen",
        JsonValueKind.Null => "null",
        _ => "valeur absente",
    };
}
