using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CqpJury.Tests.EndToEnd.Accessibility;

/// <summary>
/// Issue 19: what a user reads on a page is French and free of the code's rule numbers. Looks at
/// the page's visible text (and its title), and at what would make the browser speak its own
/// language: a form without <c>novalidate</c> (native « Please fill out this field. » bubbles) or a
/// visible native file input (« Choose File / No file chosen »).
/// </summary>
public static partial class UserTextAudit
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>Words the browser shows by itself when its language is English.</summary>
    private static readonly string[] EnglishWords = ["Choose", "file", "chosen", "Please", "fill", "field", "Close", "Cancel", "Loading"];

    private const string Script = """
        () => JSON.stringify({
            text: document.title + '\n' + document.body.innerText,
            validatingForms: [...document.querySelectorAll('form:not([novalidate])')].map(f => f.outerHTML.slice(0, 120)),
            fileInputs: [...document.querySelectorAll('input[type=file]')]
                .filter(i => { const r = i.getBoundingClientRect(); const s = getComputedStyle(i); return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && s.display !== 'none' && parseFloat(s.opacity) > 0; })
                .map(i => i.outerHTML.slice(0, 120)),
        })
        """;

    /// <summary>What is wrong with the page's words (empty when nothing).</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var seen = System.Text.Json.JsonSerializer.Deserialize<Seen>(await page.EvaluateAsync<string>(Script), Json)!;
        return Check(seen.Text)
            .Concat(seen.ValidatingForms.Select(f => $"form validated by the browser (no novalidate): {f}"))
            .Concat(seen.FileInputs.Select(i => $"visible native file input: {i}"))
            .ToList();
    }

    /// <summary>Rule numbers (R8, R10.1…) and the browser's English words found in <paramref name="text"/>.</summary>
    public static IEnumerable<string> Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match rule in RuleNumber().Matches(text))
        {
            yield return $"rule number « {rule.Value} » in « {Around(text, rule.Index)} »";
        }

        foreach (var word in EnglishWords)
        {
            foreach (Match english in Regex.Matches(text, $@"\b{word}\b", RegexOptions.CultureInvariant))
            {
                yield return $"English word « {word} » in « {Around(text, english.Index)} »";
            }
        }
    }

    private static string Around(string text, int index)
    {
        var start = Math.Max(0, index - 40);
        return text.Substring(start, Math.Min(text.Length - start, 80)).ReplaceLineEndings(" ");
    }

    [GeneratedRegex(@"\bR\d+(\.\d+)?\b", RegexOptions.CultureInvariant)]
    private static partial Regex RuleNumber();

    private sealed record Seen(string Text, string[] ValidatingForms, string[] FileInputs);
}
