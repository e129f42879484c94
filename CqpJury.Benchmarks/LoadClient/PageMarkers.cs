using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CqpJury.Benchmarks.LoadClient;

/// <summary>
/// What blazor.web.js reads in a prerendered page to start the circuit: the server components' start markers
/// (<c>&lt;!--Blazor:{"type":"server","prerenderId":…,"key":…,"sequence":…,"descriptor":…}--&gt;</c>, in sequence
/// order), the persisted component state (<c>&lt;!--Blazor-Server-Component-State:…--&gt;</c>); and the sign-in
/// form's fields (hidden inputs with the antiforgery token, the form's handler name).
/// </summary>
public static partial class PageMarkers
{
    /// <summary>The start markers of the page's server components, ordered by their sequence (end markers have no type).</summary>
    public static IReadOnlyList<JsonObject> ServerComponents(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return [.. ComponentComment().Matches(html)
            .Select(m => JsonNode.Parse(m.Groups["json"].Value) as JsonObject)
            .OfType<JsonObject>()
            .Where(o => (string?)o["type"] == "server")
            .OrderBy(o => (int?)o["sequence"] ?? 0)];
    }

    /// <summary>
    /// blazor.web.js's first <c>UpdateRootComponents</c> batch: one "add" per server component, SSR component ids
    /// 1, 2… in order, each with its marker (the comment's JSON).
    /// </summary>
    public static string AddOperations(IReadOnlyList<JsonObject> markers, int batchId = 1)
    {
        ArgumentNullException.ThrowIfNull(markers);
        var operations = new JsonArray();
        for (var i = 0; i < markers.Count; i++)
        {
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = markers[i].DeepClone() });
        }

        return new JsonObject { ["batchId"] = batchId, ["operations"] = operations }.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The persisted component state of the page ("" when it has none), as blazor.web.js passes it to the circuit.</summary>
    public static string ApplicationState(string html) =>
        StateComment().Match(html ?? "") is { Success: true } m ? m.Groups["state"].Value : "";

    /// <summary>The named inputs of the page's first POST form (hidden fields included), decoded.</summary>
    public static Dictionary<string, string> FormFields(string html, out Dictionary<string, string> nameById)
    {
        ArgumentNullException.ThrowIfNull(html);
        nameById = new Dictionary<string, string>(StringComparer.Ordinal);
        var form = PostForm().Match(html);
        if (!form.Success)
        {
            throw new LoadClientException("The sign-in page has no POST form.");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in Input().Matches(form.Value))
        {
            var attributes = Attribute().Matches(input.Value).ToDictionary(a => a.Groups["name"].Value, a => WebUtility.HtmlDecode(a.Groups["value"].Value), StringComparer.OrdinalIgnoreCase);
            if (attributes.TryGetValue("name", out var name))
            {
                fields[name] = attributes.GetValueOrDefault("value", "");
                if (attributes.TryGetValue("id", out var id))
                {
                    nameById[id] = name;
                }
            }
        }

        return fields;
    }

    /// <summary>The text of the element with that id (an error message), tags removed; null when absent.</summary>
    public static string? TextOfId(string html, string id)
    {
        var m = Regex.Match(html ?? "", $"id=\"{Regex.Escape(id)}\"[^>]*>(?<text>.*?)</", RegexOptions.Singleline);
        return m.Success ? WebUtility.HtmlDecode(m.Groups["text"].Value).Trim() : null;
    }

    [GeneratedRegex(@"<!--Blazor:(?<json>\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex ComponentComment();

    [GeneratedRegex(@"<!--\s*Blazor-Server-Component-State:(?<state>[a-zA-Z0-9+/=]+)\s*-->")]
    private static partial Regex StateComment();

    [GeneratedRegex(@"<form[^>]*method=""post""[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();

    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Input();

    [GeneratedRegex(@"(?<name>[a-zA-Z_:.-]+)=""(?<value>[^""]*)""")]
    private static partial Regex Attribute();
}
