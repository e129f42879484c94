using System.Text.Json;
using Microsoft.Playwright;

namespace CqpJury.Tests.EndToEnd.Accessibility;

/// <summary>
/// Moves the focus with Tab / Shift+Tab only (never a click) and checks, at every step, that the
/// element holding the focus shows it (an outline or a box shadow on a visible box).
/// </summary>
internal static class KeyboardFocus
{
    private const int MaxSteps = 120;

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Tabs to the element with <paramref name="testId"/> (the first one in the page).</summary>
    public static Task<int> TabToAsync(IPage page, string testId, Action<string>? log = null) =>
        TabToAsync(page, page.Locator($"[data-testid={testId}]").First, testId, log);

    /// <summary>
    /// Presses Tab (or Shift+Tab when <paramref name="target"/> comes before the focus in the page)
    /// until <paramref name="target"/> or an element inside it has the focus, failing when a step
    /// shows no focus indicator; returns the number of key presses.
    /// </summary>
    public static async Task<int> TabToAsync(IPage page, ILocator target, string name, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(target);
        await target.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        var where = await target.EvaluateAsync<string>(
            """
            t => {
                const a = document.activeElement;
                if (a && a !== document.body && (t === a || t.contains(a))) { return 'here'; }
                if (!a || a === document.body) { return 'after'; }
                return (a.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING) ? 'after' : 'before';
            }
            """);
        if (where == "here")
        {
            var here = await StateAsync(page);
            Assert.True(here.Visible, $"No visible focus on {here} ({name} already focused)");
            return 0;
        }

        var key = where == "after" ? "Tab" : "Shift+Tab";
        var path = new List<string>();
        for (var step = 1; step <= MaxSteps; step++)
        {
            await page.Keyboard.PressAsync(key);
            var focus = await StateAsync(page);
            path.Add(focus.ToString());
            Assert.True(focus.Visible, $"No visible focus on {focus} (after {step} × {key} towards {name}): {string.Join(" → ", path)}");
            if (await target.EvaluateAsync<bool>("t => t === document.activeElement || t.contains(document.activeElement)"))
            {
                log?.Invoke($"{name}: {step} × {key}, every step with a visible focus");
                return step;
            }
        }

        Assert.Fail($"{name} not reached with {MaxSteps} × {key}: {string.Join(" → ", path)}");
        return MaxSteps;
    }

    /// <summary>The focused element as seen: what it is and whether its focus indicator shows.</summary>
    public static async Task<FocusState> StateAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return JsonSerializer.Deserialize<FocusState>(await page.EvaluateAsync<string>(FocusScript), Json)!;
    }

    /// <summary>
    /// MudBlazor check boxes keep the real &lt;input&gt; transparent over the drawn box: the ring is
    /// shown by the visible wrapper (the icon button around it), so that is what is measured then.
    /// </summary>
    private const string FocusScript = """
        () => {
            const e = document.activeElement;
            if (!e || e === document.body) {
                return JSON.stringify({ tag: 'BODY', testId: '', name: '', visible: false, shownBy: '' });
            }
            let shown = e;
            if (e.classList.contains('mud-checkbox-input') || e.classList.contains('mud-radio-input') || e.classList.contains('mud-switch-input')) {
                shown = e.closest('.mud-icon-button') || e.parentElement;
            }
            const s = getComputedStyle(shown);
            const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
            const shadow = s.boxShadow && s.boxShadow !== 'none';
            const box = shown.getBoundingClientRect();
            let opaque = true;
            for (let n = shown; n && n.nodeType === 1; n = n.parentElement) {
                if (parseFloat(getComputedStyle(n).opacity) === 0) { opaque = false; break; }
            }
            const label = e.getAttribute('aria-label') || (e.labels && e.labels[0] ? e.labels[0].textContent : '') || e.textContent || e.value || '';
            return JSON.stringify({
                tag: e.tagName,
                testId: e.getAttribute('data-testid') || '',
                name: label.trim().replace(/\s+/g, ' ').slice(0, 60),
                visible: (outline || shadow) && opaque && box.width > 0 && box.height > 0,
                shownBy: shown === e ? '' : shown.tagName + '.' + [...shown.classList].slice(0, 2).join('.'),
            });
        }
        """;

    public sealed record FocusState(string Tag, string TestId, string Name, bool Visible, string ShownBy)
    {
        public override string ToString() =>
            $"{Tag}{(TestId.Length > 0 ? $"[{TestId}]" : "")} « {Name} »{(ShownBy.Length > 0 ? $" (ring shown by {ShownBy})" : "")}";
    }
}
