using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Benchmarks.Browser;

/// <summary>
/// One member's page (own browser context: own cookies, own circuit) on the session room, with an
/// in-page probe installed before any script of the app: a capture-phase click listener records
/// Date.now() of every click (with the nearest data-testid), and a MutationObserver records
/// Date.now() each time a tally line's data-vote changes or the president's vote comment field gets or
/// gains or loses its wrapper's data-filled attribute (filled in / emptied, set by the server's render). All pages live in one chromium process, so their Date.now() clocks are the same clock.
/// </summary>
public sealed class MemberPage
{
    public const string ProbeScript = """
        (() => {
          if (window.__bench) return;
          const b = window.__bench = { log: [], clicks: [], state: new Map(), field: null, waiters: [] };
          b.counters = [];
          const settle = () => {
            if (b.counters.length > 0) {
              b.counters = b.counters.filter(c => {
                if (document.querySelectorAll(c.selector).length === c.n) { c.resolve(Date.now()); return false; }
                return true;
              });
            }
            if (b.waiters.length === 0) return;
            b.waiters = b.waiters.filter(w => {
              const e = b.log.find(e => e.k === w.k && e.v === w.v && e.t >= w.t);
              if (e) { w.resolve(e.t); return false; }
              return true;
            });
          };
          const scan = () => {
            const now = Date.now();
            for (const li of document.querySelectorAll('[data-testid=tally] li[data-voter]')) {
              const k = li.getAttribute('data-voter'), v = li.getAttribute('data-vote');
              if (b.state.get(k) !== v) { b.state.set(k, v); b.log.push({ k, v, t: now }); }
            }
            const f = document.querySelector('[data-testid=deliberation] #vote-comment');
            const sh = f ? String(f.parentElement.hasAttribute('data-filled')) : 'none';
            if (sh !== b.field) { b.field = sh; b.log.push({ k: '#field', v: sh, t: now }); }
            if (b.log.length > 4000) b.log.splice(0, 2000);
            settle();
          };
          new MutationObserver(scan).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
          document.addEventListener('click', e => {
            const el = e.target && e.target.closest ? e.target.closest('[data-testid]') : null;
            b.clicks.push({ id: el ? el.getAttribute('data-testid') : '', t: Date.now() });
            if (b.clicks.length > 1000) b.clicks.splice(0, 500);
          }, true);
          b.waitCount = (selector, n, timeout) => new Promise((resolve, reject) => {
            if (document.querySelectorAll(selector).length === n) { resolve(Date.now()); return; }
            const c = { selector, n, resolve };
            b.counters.push(c);
            setTimeout(() => {
              if (b.counters.includes(c)) { b.counters = b.counters.filter(x => x !== c); reject(new Error('not ' + n + ' × ' + selector + ' within ' + timeout + ' ms')); }
            }, timeout);
          });
          // A click as the member's would arrive (a real click event, bubbling to Blazor's handler), without
          // the driver's own work in the page (scrolling, pointer moves, stability checks over frames):
          // Date.now() of the click, or 0 when the button is absent or disabled (a render in progress).
          b.click = id => {
            const el = document.querySelector('[data-testid="' + id + '"]');
            if (!el || el.disabled || el.getAttribute('aria-disabled') === 'true') return 0;
            el.click();
            return b.lastClick(id);
          };
          b.lastClick = id => { for (let i = b.clicks.length - 1; i >= 0; i--) if (b.clicks[i].id === id) return b.clicks[i].t; return 0; };
          b.waitFor = (k, v, t, timeout) => new Promise((resolve, reject) => {
            const e = b.log.find(e => e.k === k && e.v === v && e.t >= t);
            if (e) { resolve(e.t); return; }
            const w = { k, v, t, resolve };
            b.waiters.push(w);
            setTimeout(() => {
              if (b.waiters.includes(w)) { b.waiters = b.waiters.filter(x => x !== w); reject(new Error('no ' + k + '=' + v + ' within ' + timeout + ' ms')); }
            }, timeout);
          });
        })();
        """;

    private MemberPage(SeededMember member, IBrowserContext context, IPage page, string baseUrl)
    {
        Member = member;
        BaseUrl = baseUrl;
        Context = context;
        Page = page;
    }

    public SeededMember Member { get; }

    /// <summary>The app's address as this member reaches it (their own host name: see <see cref="OpenAsync"/>).</summary>
    public string BaseUrl { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public ILocator ByTestId(string id) => Page.Locator($"[data-testid={id}]");

    /// <summary>Opens a page in the browser's context, signs in through the real form, enters the room (or opens <paramref name="path"/>) and waits until the circuit is live.</summary>
    public static async Task<MemberPage> OpenAsync(IBrowser browser, string baseUrl, SeededMember member, Guid sessionId, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(member);
        // Every member in the browser's one context, on a host name of their own (m1.localhost, m2.localhost…: chromium
        // sends *.localhost to the loopback address): cookies are per host, so each member signs in and holds a circuit of
        // their own, while the pages can share the renderer processes (chromium gives each context processes of its own).
        var context = await SharedContextAsync(browser);
        baseUrl = new UriBuilder(baseUrl) { Host = $"m{Interlocked.Increment(ref _hosts)}.localhost" }.Uri.ToString().TrimEnd('/');
        var page = await context.NewPageAsync();
        // Signed in from the page measured (a link to it), so no other page opens a circuit first.
        var target = path ?? $"/sessions/{sessionId}";
        await page.GotoAsync($"{baseUrl}/connexion?returnUrl={Uri.EscapeDataString(target)}");
        await page.FillAsync("#email", member.Email);
        await page.FillAsync("#password", member.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(baseUrl + target);
        try
        {
            await page.WaitForSelectorAsync("[data-interactive=true]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            if (path is null)
            {
                await page.WaitForSelectorAsync("[data-testid=presence]");
            }
        }
        catch (TimeoutException ex)
        {
            var text = await page.InnerTextAsync("body");
            throw new TimeoutException($"{member.Email} on {page.Url}: the room did not become interactive. Page: {text.ReplaceLineEndings(" | ")[..Math.Min(600, text.Length)]}", ex);
        }
        return new MemberPage(member, context, page, baseUrl);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IBrowser, Task<IBrowserContext>> Contexts = [];
    private static int _hosts;

    /// <summary>The browser's one context for every member's page (see <see cref="OpenAsync"/>).</summary>
    private static Task<IBrowserContext> SharedContextAsync(IBrowser browser) => Contexts.GetValue(browser, NewContextAsync);

    private static async Task<IBrowserContext> NewContextAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
        });
        context.SetDefaultTimeout(60_000);
        await context.AddInitScriptAsync(ProbeScript);
        return context;
    }

    /// <summary>Date.now() of this page's last click on an element with that data-testid (or inside it).</summary>
    public Task<double> LastClickAsync(string testId) => Page.EvaluateAsync<double>("id => window.__bench.lastClick(id)", testId);

    /// <summary>Date.now() when this page first showed <paramref name="key"/> = <paramref name="value"/> at or after <paramref name="since"/>.</summary>
    public Task<double> SeenAsync(string key, string value, double since, int timeoutMs = 30_000) =>
        Page.EvaluateAsync<double>("([k, v, t, ms]) => window.__bench.waitFor(k, v, t, ms)", new object[] { key, value, since, timeoutMs });

    /// <summary>Clicks the button with that data-testid in the page (see the probe's <c>click</c>); Date.now() of the click, or 0 when it is absent or disabled.</summary>
    public Task<double> ClickInPageAsync(string testId) => Page.EvaluateAsync<double>("id => window.__bench.click(id)", testId);

    /// <summary>Waits until the page shows exactly <paramref name="count"/> elements matching <paramref name="selector"/>.</summary>
    public Task<double> CountAsync(string selector, int count, int timeoutMs = 60_000) =>
        Page.EvaluateAsync<double>("([s, n, ms]) => window.__bench.waitCount(s, n, ms)", new object[] { selector, count, timeoutMs });

    public Task<string> FieldStateAsync() => Page.EvaluateAsync<string>("() => window.__bench.field");

    /// <summary>
    /// R12: an objection states its reason. Types one in the vote's field (a change event, as when the
    /// field loses focus) and waits until the server has it (the field's wrapper is marked filled), so
    /// that the objection's own click is timed alone.
    /// </summary>
    public async Task TypeObjectionReasonAsync()
    {
        var changed = await Page.EvaluateAsync<double>("""
            () => {
              const f = document.querySelector('[data-testid=deliberation] #vote-comment');
              if (!f) return 0;
              f.value = 'Motif de l\'objection (banc d\'essai).';
              const t = Date.now();
              f.dispatchEvent(new Event('change', { bubbles: true }));
              return t;
            }
            """);
        if (changed > 0)
        {
            await SeenAsync("#field", "true", changed);
        }
    }

    public async Task CloseAsync()
    {
        try
        {
            await Page.CloseAsync(); // the context is the browser's, shared by every member's page
        }
        catch (PlaywrightException)
        {
            // browser already gone
        }
    }
}

/// <summary>The five pages of one session, and the room steps done through them as the members would.</summary>
public sealed class SessionScreens(SeededSession session, IReadOnlyList<MemberPage> pages)
{
    private bool _prepared;
    private DateTime _nextVote;

    /// <summary>Paced runs: the first vote of this session waits until then (sessions start spread out).</summary>
    public void StartPacingAt(DateTime firstVote) => _nextVote = firstVote;

    public SeededSession Session { get; } = session;

    public IReadOnlyList<MemberPage> Pages { get; } = pages;

    public MemberPage President => Pages.Single(p => p.Member.Id == Session.President.Id);

    public MemberPage Proposer => Pages.Single(p => p.Member.Id == Session.Proposer.Id);

    /// <summary>R9: the proposer proposes the president, the others accept; then the dossier is put on screen, nobody declares a link, the default proposal goes to the vote (once per session).</summary>
    public async Task PrepareVoteAsync()
    {
        if (_prepared)
        {
            return;
        }

        _prepared = true;
        await Proposer.Page.SelectOptionAsync("#president-select", Session.President.Id.ToString());
        await Proposer.ByTestId("propose-president").ClickAsync();
        foreach (var page in Pages.Where(p => p != Proposer))
        {
            await page.ByTestId("accept-president").ClickAsync();
        }

        await Task.WhenAll(Pages.Select(p => Expect(p.ByTestId("president")).ToContainTextAsync(Session.President.FullName, new() { Timeout = 60_000 })));
        await President.Page.Locator($"[data-testid=agenda] li[data-dossier='{Session.DossierReference}']").GetByTestId("put-on-screen").ClickAsync();
        await Task.WhenAll(Pages.Select(p => Expect(p.Page.Locator($"[data-testid=dossier][data-dossier='{Session.DossierReference}']"))
            .ToHaveAttributeAsync("data-participation", "MustDeclare", new() { Timeout = 60_000 })));
        foreach (var page in Pages)
        {
            await page.ByTestId("declare-no-link").ClickAsync();
        }

        await Expect(President.ByTestId("panel-valid")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await President.ByTestId("submit-proposal").ClickAsync();
        await WaitForNewRoundAsync();
    }

    /// <summary>Every screen shows a tally with five pending votes.</summary>
    public Task WaitForNewRoundAsync() =>
        Task.WhenAll(Pages.Select(p => p.CountAsync("[data-testid=tally] li[data-vote=Pending]", Pages.Count)));

    /// <summary>
    /// One round: the first voter (rotating) objects, the four others approve — never unanimity, so
    /// the round stays open; then the president amends (same proposal, new round, votes cleared).
    /// Each vote: click → Date.now() of the click on the voter's page → the moment each other
    /// member's page shows that voter's line with the new status; the sample is the slowest of them.
    /// </summary>
    /// <param name="pace">Paced run: a vote starts at most every <paramref name="pace"/> in this session (a member's
    /// click at human speed); null = closed loop (the next vote as soon as the last one is on every screen).</param>
    public async Task<List<VoteSample>> RoundAsync(int round, int maxVotes, TimeSpan? pace = null)
    {
        var samples = new List<VoteSample>();
        for (var i = 0; i < Pages.Count && samples.Count < maxVotes; i++)
        {
            if (pace is { } interval)
            {
                var wait = _nextVote - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                _nextVote = DateTime.UtcNow + interval;
            }

            var voter = Pages[(round + i) % Pages.Count];
            var (testId, status) = i == 0 ? ("vote-object", "Objected") : ("vote-approve", "Approved");
            if (i == 0)
            {
                await voter.TypeObjectionReasonAsync();
            }

            var clicked = await ClickAsync(voter, testId);
            var seen = await Task.WhenAll(Pages.Where(p => p != voter).Select(p => p.SeenAsync(voter.Member.FullName, status, clicked)));
            samples.Add(new VoteSample(seen.Max() - clicked, seen.Select(s => s - clicked).ToArray(), clicked, Session.Id, voter, status));
        }

        await ClickAsync(President, "submit-proposal");
        await WaitForNewRoundAsync();
        return samples;
    }

    /// <summary>
    /// Clicks the button in the page (a real click event on it, as Blazor receives a member's click)
    /// and returns the click's Date.now() on that page; while the button is absent or disabled (a
    /// render in progress), tries again a moment later.
    /// </summary>
    private static async Task<double> ClickAsync(MemberPage page, string testId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var clicked = await page.ClickInPageAsync(testId);
            if (clicked > 0)
            {
                return clicked;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{page.Member.FullName}: no enabled [data-testid={testId}] within 60 s.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>
    /// The circuit's floor: the president fills in or empties the vote's comment field (a change event, as when the
    /// field loses focus): a server round trip and a re-render of one component on one page, nothing stored, nobody
    /// notified. Seen when the server's re-render sets or removes the data-filled attribute of the field's wrapper.
    /// </summary>
    public async Task<double> TrivialClickAsync()
    {
        var before = await President.FieldStateAsync();
        var expected = before == "true" ? "false" : "true";
        var changed = await President.Page.EvaluateAsync<double>("""
            () => {
              const f = document.querySelector('[data-testid=deliberation] #vote-comment');
              f.value = f.value ? '' : 'x';
              const t = Date.now();
              f.dispatchEvent(new Event('change', { bubbles: true }));
              return t;
            }
            """);
        var seen = await President.SeenAsync("#field", expected, changed);
        return seen - changed;
    }
}

/// <summary>One vote: click → slowest other screen (ms), and each other screen's delay; the click's Date.now() on the voter's page, the vote's status in the tally.</summary>
public sealed record VoteSample(double SlowestMs, double[] EachMs, double ClickedAt = 0, Guid SessionId = default, MemberPage? Voter = null, string? Status = null);
