using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace CqpJury.Tests.EndToEnd.Infrastructure;

/// <summary>The five demo members, each signed in on their own browser context and present in the session room.</summary>
public sealed class Jury : IAsyncDisposable
{
    public const string Amandine = "Amandine";
    public const string Karim = "Karim";
    public const string Helene = "Hélène";
    public const string Olivier = "Olivier";
    public const string Sophie = "Sophie";

    public static readonly string[] Everyone = [Amandine, Karim, Helene, Olivier, Sophie];

    private readonly Dictionary<string, MemberScreen> _screens = new(StringComparer.Ordinal);

    private Jury(string screenshots)
    {
        Screenshots = screenshots;
    }

    public string Screenshots { get; }

    public MemberScreen this[string firstName] => _screens[firstName];

    public IEnumerable<MemberScreen> All => Everyone.Where(_screens.ContainsKey).Select(n => _screens[n]);

    /// <summary>
    /// Opens one context per member, signs each in and enters the room: all at once (members
    /// arriving at the same moment) when <paramref name="simultaneously"/>, else one after the other.
    /// </summary>
    internal static Task<Jury> OpenAsync(IBrowser browser, string baseUrl, DemoSession demo, string testName, bool simultaneously, params string[] firstNames) =>
        OpenAsync(browser, _ => baseUrl, demo, testName, simultaneously, firstNames);

    /// <summary>As above, each member on the app instance <paramref name="baseUrlOf"/> gives for their first name.</summary>
    internal static async Task<Jury> OpenAsync(IBrowser browser, Func<string, string> baseUrlOf, DemoSession demo, string testName, bool simultaneously, params string[] firstNames)
    {
        var screenshots = Path.Combine(AppContext.BaseDirectory, "e2e-screenshots", Slug(testName));
        if (Directory.Exists(screenshots))
        {
            Directory.Delete(screenshots, recursive: true);
        }

        var jury = new Jury(screenshots);
        try
        {
            foreach (var name in firstNames.Length == 0 ? Everyone : firstNames)
            {
                jury._screens[name] = await MemberScreen.OpenAsync(browser, baseUrlOf(name), demo.Member(name), screenshots);
            }

            if (simultaneously)
            {
                await Task.WhenAll(jury._screens.Values.Select(s => s.SignInAndEnterAsync(demo.SessionId)));
            }
            else
            {
                foreach (var screen in jury._screens.Values)
                {
                    await screen.SignInAndEnterAsync(demo.SessionId);
                }
            }

            return jury;
        }
        catch
        {
            await jury.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="check"/> on each named screen (every screen when none named) at the same time.</summary>
    public Task EachAsync(Func<MemberScreen, Task> check, params string[] firstNames) =>
        Task.WhenAll((firstNames.Length == 0 ? All : firstNames.Select(n => _screens[n])).Select(check));

    public Task ShotAllAsync(string step) => EachAsync(s => s.ShotAsync(step));

    /// <summary>Runs the scenario; when it fails, every screen is photographed ("failure") before the error goes on.</summary>
    public async Task ScreenshotOnFailureAsync(Func<Task> scenario, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        try
        {
            await scenario();
        }
        catch
        {
            foreach (var screen in All)
            {
                try
                {
                    await screen.ShotAsync("failure");
                    var presence = await screen.ByTestId("presence").InnerTextAsync(new LocatorInnerTextOptions { Timeout = 1_000 });
                    log?.Invoke($"{screen.Name} sees: {presence.ReplaceLineEndings(" | ")}");
                    var dossier = await screen.Page.Locator("[data-testid=dossier]").EvaluateAllAsync<string[]>(
                        "items => items.map(d => d.getAttribute('data-dossier') + ' ' + d.getAttribute('data-participation'))");
                    var messages = await screen.Page.Locator(".mud-snackbar").AllInnerTextsAsync();
                    log?.Invoke($"{screen.Name} dossier: {string.Join(", ", dossier)}; messages: {string.Join(" / ", messages)}");
                }
                catch (PlaywrightException)
                {
                    // a closed page: nothing to show
                }
            }

            throw;
        }
    }

    public void PointAt(string baseUrl)
    {
        foreach (var screen in _screens.Values)
        {
            screen.BaseUrl = baseUrl;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var screen in _screens.Values)
        {
            await screen.DisposeAsync();
        }
    }

    private static string Slug(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-')
            {
                builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
