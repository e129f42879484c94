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
    private readonly List<FieldError> _errors = [];

    public IReadOnlyList<FieldError> Errors => _errors;

    public void Error(string path, string message) => _errors.Add(new FieldError(path, message));

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
            if (!seen.Add(property.Name))
            {
                Error(Child(path, property.Name), $"Propriété « {property.Name} » présente deux fois.");
            }
            else if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                var hint = allowed.FirstOrDefault(a => string.Equals(a, property.Name, StringComparison.OrdinalIgnoreCase));
                Error(Child(path, property.Name), hint is null
                    ? $"Propriété inconnue « {property.Name} » (propriétés admises : {string.Join(", ", allowed)})."
                    : $"Propriété inconnue « {property.Name} » : vouliez-vous écrire « {hint} » ? (les noms respectent les majuscules)");
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

    public string? String(JsonElement obj, string path, string name, bool required, int maxLength)
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

        var text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            if (required)
            {
                Error(at, "La valeur ne doit pas être vide.");
            }

            return null;
        }

        if (text.Length > maxLength)
        {
            Error(at, $"Texte trop long : {text.Length} caractères (au plus {maxLength}).");
            return null;
        }

        return text;
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

        var text = value.GetString()!;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Error(at, $"Date invalide « {text} » : format attendu AAAA-MM-JJ (par exemple 2026-10-15).");
        return null;
    }

    /// <summary>One of <paramref name="allowed"/> (JSON value → code value).</summary>
    public T? Enum<T>(JsonElement obj, string path, string name, bool required, string what, IReadOnlyDictionary<string, T> allowed)
        where T : struct
    {
        var text = String(obj, path, name, required, 100);
        if (text is null)
        {
            return null;
        }

        if (allowed.TryGetValue(text, out var value))
        {
            return value;
        }

        Error(Child(path, name), $"{what} inconnu « {text} » (valeurs admises : {string.Join(", ", allowed.Keys)}).");
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
