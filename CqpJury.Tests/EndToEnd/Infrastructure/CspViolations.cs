using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Playwright;
using Xunit.Sdk;

namespace CqpJury.Tests.EndToEnd.Infrastructure;

/// <summary>
/// Every end-to-end test runs with the app's real CSP and fails on any CSP violation its browser reports
/// in the console (issue 23): <see cref="BrowserFixture"/> listens to every context's console, and
/// <see cref="NoCspViolationAttribute"/>, on the end-to-end collection, checks after each test.
/// </summary>
public static class CspViolations
{
    private static readonly ConcurrentQueue<string> Seen = new();

    /// <summary>Listens to the console of every page of <paramref name="context"/>.</summary>
    public static void Watch(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Console += (_, message) =>
        {
            if (IsViolation(message.Text))
            {
                Seen.Enqueue($"{message.Page?.Url}: {message.Text}");
            }
        };
    }

    /// <summary>Chromium's words for a CSP violation in the console.</summary>
    public static bool IsViolation(string text) =>
        text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
        || text.Contains("Content-Security-Policy", StringComparison.OrdinalIgnoreCase);

    public static void Clear() => Seen.Clear();

    public static IReadOnlyList<string> Take()
    {
        var all = new List<string>();
        while (Seen.TryDequeue(out var item))
        {
            all.Add(item);
        }

        return all;
    }
}

/// <summary>Fails a test whose browser reported a CSP violation (set on <see cref="EndToEndGroup"/>: every end-to-end test).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NoCspViolationAttribute : BeforeAfterTestAttribute
{
    public override void Before(MethodInfo methodUnderTest) => CspViolations.Clear();

    public override void After(MethodInfo methodUnderTest)
    {
        var violations = CspViolations.Take();
        if (violations.Count > 0)
        {
            throw new XunitException($"The browser reported {violations.Count} CSP violation(s):{Environment.NewLine}{string.Join(Environment.NewLine, violations.Distinct())}");
        }
    }
}
