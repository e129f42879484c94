using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.Playwright;

namespace CqpJury.Tests.EndToEnd.Accessibility;

/// <summary>
/// The pages audited in one run: which route (template) each check covered, in which state, and
/// what axe-core found. At the end it says which routable pages were never checked.
/// </summary>
public sealed class PageAuditLog(Action<string> output)
{
    /// <summary>
    /// Violations known and not fixed in this change, each with the reason: listed in the output,
    /// never failing. Keep this list short and remove an entry as soon as its cause is fixed.
    /// </summary>
    private static readonly (string Rule, string HtmlFragment, string Why)[] KnownExceptions =
    [
    ];

    private readonly List<(string Route, string State, string Url, IReadOnlyList<AxeViolation> Violations)> _checks = [];
    private readonly List<string> _known = [];
    private readonly List<string> _wording = [];

    /// <summary>Every page of the app: the templates of the components with a <see cref="RouteAttribute"/>.</summary>
    public static IReadOnlySet<string> RoutablePages { get; } = typeof(CqpJury.App.Components.App).Assembly.GetTypes()
        .Where(t => typeof(IComponent).IsAssignableFrom(t))
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
        .Select(r => r.Template)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public IReadOnlySet<string> Covered => _checks.Select(c => c.Route).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Runs axe-core on the page as it is, recorded against <paramref name="route"/> (a template of <see cref="RoutablePages"/>).</summary>
    public async Task CheckAsync(IPage page, string route, string state)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!RoutablePages.Contains(route))
        {
            throw new ArgumentException($"« {route} » is not a route of the app.", nameof(route));
        }

        var violations = new List<AxeViolation>();
        foreach (var violation in await AxeAudit.RunAsync(page))
        {
            var nodes = violation.Nodes.Where(n => !KnownExceptions.Any(k => k.Rule == violation.Id && n.Html.Contains(k.HtmlFragment, StringComparison.Ordinal))).ToList();
            if (nodes.Count < violation.Nodes.Count)
            {
                var why = KnownExceptions.First(k => k.Rule == violation.Id).Why;
                _known.Add($"{route} [{state}]: {violation.Id} [{violation.Impact}] on {violation.Nodes.Count - nodes.Count} node(s) – {why}");
            }

            if (nodes.Count > 0)
            {
                violations.Add(violation with { Nodes = nodes });
            }
        }

        _checks.Add((route, state, page.Url, violations));
        _wording.AddRange((await UserTextAudit.FindAsync(page)).Select(w => $"{route} [{state}]: {w}"));
        var serious = violations.Count(v => v.IsSeriousOrCritical);
        output($"{(serious == 0 ? "ok  " : "FAIL")} {route}  [{state}]  {page.Url}  ({serious} serious/critical, {violations.Count - serious} minor/moderate: {string.Join(", ", violations.Select(v => $"{v.Id}:{v.Impact}"))})");
    }

    public IReadOnlySet<string> Missing => RoutablePages.Except(Covered, StringComparer.OrdinalIgnoreCase).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The serious and critical violations, page by page (empty when there are none).</summary>
    public string SeriousViolations()
    {
        var text = new StringBuilder();
        foreach (var check in _checks)
        {
            var serious = check.Violations.Where(v => v.IsSeriousOrCritical).ToList();
            if (serious.Count > 0)
            {
                text.Append(check.Route).Append(" [").Append(check.State).Append("] ").AppendLine(check.Url);
                text.Append(AxeAudit.Describe(serious));
            }
        }

        return text.ToString();
    }

    /// <summary>Minor and moderate findings, for the log only.</summary>
    public string OtherViolations()
    {
        var text = new StringBuilder();
        foreach (var check in _checks)
        {
            var other = check.Violations.Where(v => !v.IsSeriousOrCritical).ToList();
            if (other.Count > 0)
            {
                text.Append(check.Route).Append(" [").Append(check.State).Append("] ").AppendLine(check.Url);
                text.Append(AxeAudit.Describe(other));
            }
        }

        return text.ToString();
    }

    /// <summary>Issue 19: rule numbers, the browser's English words and browser-validated forms met on the pages checked.</summary>
    public IReadOnlyList<string> Wording => _wording.Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The known exceptions met during the run (see <see cref="KnownExceptions"/>).</summary>
    public IReadOnlyList<string> Known => _known.Distinct(StringComparer.Ordinal).ToList();

    public string Summary() => string.Join(
        Environment.NewLine,
        _checks.Select(c => $"{c.Route} – {c.State}").Distinct(StringComparer.Ordinal));
}
