using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace CqpJury.Tests.EndToEnd.Accessibility;

/// <summary>One node axe-core flagged: its CSS target and what is wrong with it.</summary>
public sealed record AxeNode(string Target, string Html, string Summary);

/// <summary>One axe-core rule that failed on a page.</summary>
public sealed record AxeViolation(string Id, string? Impact, string Help, string HelpUrl, IReadOnlyList<AxeNode> Nodes)
{
    public bool IsSeriousOrCritical => Impact is "serious" or "critical";
}

/// <summary>
/// Runs axe-core (vendored: axe.min.js next to this file, copied to the test output) on the page
/// as it is now, restricted to the WCAG 2.0/2.1 A and AA rules.
/// </summary>
public static class AxeAudit
{
    private static readonly string ScriptPath = Path.Combine(AppContext.BaseDirectory, "EndToEnd", "Accessibility", "axe.min.js");

    private static readonly Lazy<string> Source = new(() => File.ReadAllText(ScriptPath) + "\n;void 0;");

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private const string RunScript = """
        async () => {
            const result = await axe.run(document, {
                runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
            });
            return JSON.stringify(result.violations.map(v => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({
                    target: n.target.map(t => Array.isArray(t) ? t.join(' >> ') : t).join(', '),
                    html: (n.html || '').slice(0, 300),
                    summary: n.failureSummary || '',
                })),
            })));
        }
        """;

    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!File.Exists(ScriptPath))
        {
            throw new FileNotFoundException($"axe-core is missing from the test output: {ScriptPath} (see EndToEnd/Accessibility/THIRD-PARTY.md).", ScriptPath);
        }

        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            // Evaluated through the DevTools protocol, which the page's CSP does not govern: an injected <script>
            // would be refused by the app's CSP (no inline script without the response's nonce) — and reported.
            await page.EvaluateAsync(Source.Value);
        }

        await SettleAsync(page);
        var json = await page.EvaluateAsync<string>(RunScript);
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, Json) ?? [];
    }

    /// <summary>
    /// Lets the page settle as the user sees it: axe measures colours at one instant, so a button
    /// still fading from its disabled grey, or a message fading in or out, would be measured half
    /// transparent. Snackbars are shown fully opaque; other finite CSS transitions are awaited.
    /// </summary>
    private static async Task SettleAsync(IPage page)
    {
        await page.EvaluateAsync(
            """
            () => {
                if (document.getElementById('axe-settle')) { return; }
                const style = document.createElement('style');
                style.id = 'axe-settle';
                style.textContent = '.mud-snackbar, .mud-snackbar-provider, .mud-snackbar * { transition: none !important; animation: none !important; opacity: 1 !important; }';
                document.head.appendChild(style);
            }
            """);
        for (var pass = 0; pass < 2; pass++)
        {
            await page.WaitForTimeoutAsync(150); // a render batch on its way
            await page.EvaluateAsync(
                """
                () => Promise.race([
                    Promise.all(document.getAnimations()
                        .filter(a => a.effect && a.effect.getComputedTiming().iterations !== Infinity)
                        .map(a => a.finished.catch(() => null))),
                    new Promise(resolve => setTimeout(resolve, 2000)),
                ])
                """);
        }
    }

    /// <summary>Each violation: id, impact, help, URL and every node flagged.</summary>
    public static string Describe(IEnumerable<AxeViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        var text = new StringBuilder();
        foreach (var violation in violations)
        {
            text.Append("  - ").Append(violation.Id).Append(" [").Append(violation.Impact ?? "?").Append("] ")
                .Append(violation.Help).Append(" (").Append(violation.HelpUrl).AppendLine(")");
            foreach (var node in violation.Nodes)
            {
                text.Append("      ").AppendLine(node.Target);
                text.Append("        ").AppendLine(node.Html.ReplaceLineEndings(" "));
                text.Append("        ").AppendLine(node.Summary.ReplaceLineEndings(" / "));
            }
        }

        return text.ToString();
    }
}
