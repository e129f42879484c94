using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.EndToEnd.Infrastructure;

/// <summary>
/// One jury member's browser (its own context: own cookies, own circuit) on the session room.
/// Records everything the server sent to this browser over its WebSocket (the circuit's render
/// batches), so that a test can prove what never reached it (R10.2).
/// </summary>
public sealed class MemberScreen : IAsyncDisposable
{
    private readonly StringBuilder _received = new();
    private readonly List<string> _consoleErrors = [];
    private readonly Lock _gate = new();
    private readonly string _screenshots;
    private int _shots;

    private MemberScreen(DemoMember member, IBrowserContext context, IPage page, string baseUrl, string screenshots)
    {
        Member = member;
        Context = context;
        Page = page;
        BaseUrl = baseUrl;
        _screenshots = screenshots;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_gate)
                {
                    _consoleErrors.Add(message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_gate)
            {
                _consoleErrors.Add(error);
            }
        };
        page.WebSocket += (_, socket) => socket.FrameReceived += (_, frame) =>
        {
            var text = frame.Text ?? (frame.Binary is { } bytes ? Encoding.UTF8.GetString(bytes) : string.Empty);
            lock (_gate)
            {
                _received.Append(text).Append('\n');
            }
        };
    }

    public DemoMember Member { get; }

    public string Name => Member.FirstName;

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public string BaseUrl { get; set; }

    public Guid SessionId { get; private set; }

    public ILocator Main => Page.Locator("main");

    /// <summary>Everything received over the circuit's WebSocket so far (binary frames decoded as UTF-8).</summary>
    public string ReceivedOverWebSocket
    {
        get
        {
            lock (_gate)
            {
                return _received.ToString();
            }
        }
    }

    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (_gate)
            {
                return [.. _consoleErrors];
            }
        }
    }

    public static async Task<MemberScreen> OpenAsync(IBrowser browser, string baseUrl, DemoMember member, string screenshots)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new MemberScreen(member, context, page, baseUrl, screenshots);
    }

    /// <summary>
    /// Signs in through the real form, asked for by the session room (as a member following a
    /// link to it is), lands in the room and waits until the circuit is attached.
    /// </summary>
    public async Task SignInAndEnterAsync(Guid sessionId)
    {
        SessionId = sessionId;
        await Page.GotoAsync($"{BaseUrl}/connexion?returnUrl=/sessions/{sessionId}");
        await Page.FillAsync("#email", Member.Email);
        await Page.FillAsync("#password", Member.Password);
        await Page.ClickAsync("button[type=submit]");
        await Page.WaitForURLAsync($"{BaseUrl}/sessions/{sessionId}");
        await WaitForRoomAsync();
    }

    /// <summary>Reloads the room page (a new circuit) and waits until it is interactive again.</summary>
    public async Task ReloadAsync()
    {
        await Page.ReloadAsync();
        await WaitForRoomAsync();
    }

    public async Task WaitForRoomAsync()
    {
        await Page.WaitForSelectorAsync("[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
        await Page.WaitForSelectorAsync("[data-testid=presence], [data-testid=commitment]");
        if (await ByTestId("commitment-accept").IsVisibleAsync())
        {
            // R16: the first entry into a session's room goes through the confidentiality commitment.
            await ClickAsync("commitment-accept");
            await Page.WaitForSelectorAsync("[data-testid=presence]");
        }
    }

    public ILocator ByTestId(string testId) => Page.Locator($"[data-testid={testId}]");

    public Task ClickAsync(string testId) => ByTestId(testId).ClickAsync();

    public ILocator AgendaItem(DemoDossier dossier) => Page.Locator($"[data-testid=agenda] li[data-dossier='{dossier.Reference}']");

    public ILocator Dossier(DemoDossier dossier) => Page.Locator($"[data-testid=dossier][data-dossier='{dossier.Reference}']");

    public ILocator TallyLine(string voterFullName) => Page.Locator($"[data-testid=tally] li[data-voter='{voterFullName}']");

    /// <summary>Waits until this screen shows the dossier with the given participation (MustDeclare, Participant, Recused, StoodAside).</summary>
    public Task ExpectDossierAsync(DemoDossier dossier, string participation) =>
        Expect(Dossier(dossier)).ToHaveAttributeAsync("data-participation", participation);

    /// <summary>The tally as shown: voter name → vote status (Pending, Approved, Objected).</summary>
    public async Task<IReadOnlyDictionary<string, string>> TallyAsync()
    {
        var lines = await Page.Locator("[data-testid=tally] li").EvaluateAllAsync<string[][]>(
            "items => items.map(li => [li.getAttribute('data-voter'), li.getAttribute('data-vote')])");
        return lines.ToDictionary(l => l[0], l => l[1], StringComparer.Ordinal);
    }

    /// <summary>Marks the page, so <see cref="ComeBackAsync"/> can tell whether it reloaded since.</summary>
    public Task MarkBeforeServerLossAsync() => Page.EvaluateAsync("() => { window.__beforeServerLoss = true; }");

    /// <summary>
    /// After the server this page was connected to went away and a server answers again at its address:
    /// Blazor's reconnection reaches it, the unknown circuit is rejected and the page reloads itself.
    /// A page that has not done so within <paramref name="wait"/> is reloaded by hand (as a member would).
    /// Returns true when the page came back by itself.
    /// </summary>
    public async Task<bool> ComeBackAsync(TimeSpan wait)
    {
        bool byItself;
        try
        {
            await Page.WaitForFunctionAsync("() => window.__beforeServerLoss === undefined", null,
                new PageWaitForFunctionOptions { Timeout = (float)wait.TotalMilliseconds, PollingInterval = 200 });
            byItself = true;
        }
        catch (TimeoutException)
        {
            await Page.ReloadAsync();
            byItself = false;
        }

        await WaitForRoomAsync();
        return byItself;
    }

    /// <summary>A full-page screenshot into bin/.../e2e-screenshots/&lt;test&gt;/ (numbered in order).</summary>
    public async Task ShotAsync(string step)
    {
        Directory.CreateDirectory(_screenshots);
        var number = Interlocked.Increment(ref _shots);
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(_screenshots, $"{Name.ToLowerInvariant()}-{number:00}-{step}.png"),
            FullPage = true,
        });
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Context.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // the browser is already gone
        }
    }
}
