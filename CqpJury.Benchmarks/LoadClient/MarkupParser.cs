using System.Net;
using System.Text.RegularExpressions;

namespace CqpJury.Benchmarks.LoadClient;

/// <summary>
/// The elements of a markup frame (static HTML the Razor compiler emits as one MarkupString, e.g. a constant
/// <c>&lt;div data-testid="panel-valid"&gt;</c>), parsed as far as the mirror needs: elements with their attributes,
/// nested as written, and their text; comments dropped, void elements and self-closed tags closed at once. Not a
/// full HTML parser: the server's own markup is well formed.
/// </summary>
public static partial class MarkupParser
{
    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    };

    /// <summary>Appends the nodes of <paramref name="html"/> to <paramref name="container"/>.</summary>
    public static void ParseInto(string html, MirrorContainer container)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(container);
        var open = new Stack<MirrorContainer>();
        open.Push(container);
        var at = 0;
        foreach (Match tag in Tag().Matches(html))
        {
            AddText(open.Peek(), html[at..tag.Index]);
            at = tag.Index + tag.Length;
            if (tag.Groups["comment"].Success)
            {
                continue;
            }

            var name = tag.Groups["name"].Value;
            if (tag.Groups["close"].Success)
            {
                // Up to the matching open element (an unmatched end tag is ignored, as a browser would).
                if (open.OfType<MirrorElement>().Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    while (open.Pop() is not MirrorElement { } e || !string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
                    {
                    }
                }

                continue;
            }

            var element = new MirrorElement(name.ToLowerInvariant()) { Parent = open.Peek() };
            foreach (Match attribute in Attribute().Matches(tag.Groups["attributes"].Value))
            {
                var value = attribute.Groups["dq"].Success ? attribute.Groups["dq"].Value
                    : attribute.Groups["sq"].Success ? attribute.Groups["sq"].Value
                    : attribute.Groups["bare"].Success ? attribute.Groups["bare"].Value : "";
                element.Attributes[attribute.Groups["name"].Value] = WebUtility.HtmlDecode(value);
            }

            open.Peek().Children.Add(element);
            if (!tag.Groups["self"].Success && !VoidElements.Contains(name))
            {
                open.Push(element);
            }
        }

        AddText(open.Peek(), html[at..]);
    }

    private static void AddText(MirrorContainer parent, string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            parent.Children.Add(new MirrorText(WebUtility.HtmlDecode(text)) { Parent = parent });
        }
    }

    [GeneratedRegex(@"(?<comment><!--.*?-->)|<(?<close>/)?(?<name>[a-zA-Z][a-zA-Z0-9:-]*)(?<attributes>(?:[^>""']|""[^""]*""|'[^']*')*?)(?<self>/)?>", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?<name>[^\s=/>""']+)(?:\s*=\s*(?:""(?<dq>[^""]*)""|'(?<sq>[^']*)'|(?<bare>[^\s>]+)))?")]
    private static partial Regex Attribute();
}
