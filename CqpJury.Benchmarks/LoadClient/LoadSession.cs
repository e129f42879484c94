using CqpJury.Benchmarks.Browser;

namespace CqpJury.Benchmarks.LoadClient;

/// <summary>One vote: click sent → the slowest other panel member's client applied the batch showing it (ms), and each one's delay.</summary>
public sealed record LoadVote(Guid SessionId, Guid VoterId, string Status, double SlowestMs, double[] EachMs, double SentAt);

/// <summary>
/// A session's five simulated members (one <see cref="CircuitClient"/> each), and the room steps done through their
/// circuits as <see cref="SessionScreens"/> does them through chromium pages: the same steps, the same rounds, the
/// same vote-propagation sample (figure 1's definition).
/// </summary>
public sealed class LoadSession(SeededSession session, IReadOnlyList<CircuitClient> members) : IAsyncDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);
    private bool _prepared;
    private int _round;

    public SeededSession Session { get; } = session;

    public IReadOnlyList<CircuitClient> Members { get; } = members;

    public CircuitClient President => Of(Session.President);

    public CircuitClient Proposer => Of(Session.Proposer);

    /// <summary>Times the first proposal had to be submitted again (see <see cref="PrepareVoteAsync"/>).</summary>
    public int SubmitRetries { get; private set; }

    /// <summary>What the president's page said (its snackbar messages) each time the first proposal had to be submitted again.</summary>
    public List<string> SubmitRetryMessages { get; } = [];

    public CircuitClient Of(SeededMember member) => Members[Index(member)];

    /// <summary>Signs the five members in and opens their room page (circuits started, page interactive).</summary>
    public static async Task<LoadSession> OpenAsync(Uri baseUri, SeededSession session, TimeSpan timeout, bool recordBatches = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        var opened = await Task.WhenAll(session.Members.Select(async m =>
        {
            try
            {
                return await CircuitClient.OpenAsync(baseUri, m.Email, m.Password, $"/sessions/{session.Id}", timeout, recordBatches);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                throw new LoadClientException($"{m.Email}: the room page did not open: {ex.Message}", ex);
            }
        }));
        return new LoadSession(session, opened);
    }

    /// <summary>
    /// R9: the proposer proposes the president, the others accept; the president puts the dossier on screen; nobody
    /// declares a link (R16 was accepted beforehand by the seeder); the default proposal goes to the vote. Once.
    /// </summary>
    public async Task PrepareVoteAsync()
    {
        if (_prepared)
        {
            return;
        }

        _prepared = true;
        var president = Session.President;
        await Proposer.WaitUntilAsync(m => m.ById("president-select") is { } s && s.Handlers.ContainsKey("change") && s.Descendants().Any(o => o["value"] == president.Id.ToString()), Step, "offering the president in #president-select");
        await Proposer.ChangeAsync(m => m.ById("president-select"), president.Id.ToString(), "#president-select");
        await ClickWhenEnabledAsync(Proposer, "propose-president");
        foreach (var member in Members.Where(m => m != Proposer))
        {
            await member.WaitUntilAsync(m => m.ByTestId("accept-president") is { IsDisabled: false }, Step, "offering to accept the president");
            await member.ClickAsync("accept-president");
        }

        await Task.WhenAll(Members.Select(c => c.WaitUntilAsync(m => m.ByTestId("president")?.Text().Contains(president.FullName, StringComparison.Ordinal) == true, Step, $"showing {president.FullName} as president")));
        MirrorContainer? AgendaLine(RenderTreeMirror m) =>
            m.ByTestId("agenda")?.Descendants().FirstOrDefault(e => e.Name == "li" && e["data-dossier"] == Session.DossierReference);
        await ClickWhenEnabledAsync(President, "put-on-screen", AgendaLine);
        await Task.WhenAll(Members.Select(c => c.WaitUntilAsync(
            m => m.AllByTestId("dossier").Any(d => d["data-dossier"] == Session.DossierReference && d["data-participation"] == "MustDeclare"), Step, "showing the dossier to declare links")));
        foreach (var member in Members)
        {
            // Each answer recorded and shown before the next click: a click the server receives while the page is still
            // busy with the previous action is dropped (the pages' guard against double submissions) — a member's
            // second click within milliseconds of the first, which the first proposal's lost submissions were.
            await ClickWhenEnabledAsync(member, "declare-no-link");
            await member.WaitUntilAsync(m => m.ByTestId("declare-no-link") is null, Step, "showing the declaration recorded");
        }

        await President.WaitUntilAsync(m => m.ByTestId("panel-valid") is not null, Step, "showing the panel valid");
        await ClickWhenEnabledAsync(President, "submit-proposal");
        try
        {
            await President.WaitUntilAsync(m => m.ByTestId("tally") is not null, TimeSpan.FromSeconds(10), "showing the tally");
        }
        catch (LoadClientException) when (President.Read(m => m.ByTestId("tally") is null && m.ByTestId("no-proposal") is not null))
        {
            // Seen once in ~10 test runs: the first submission left the room without a proposal (no error from the
            // server). The president submits again, as a member would; counted, so that it is not hidden.
            SubmitRetries++;
            SubmitRetryMessages.Add(President.Read(m => string.Join(" | ", m.Elements()
                .Where(e => e["class"]?.Contains("mud-snackbar-content-message", StringComparison.Ordinal) == true)
                .Select(e => e.Text().Trim()))));
            await ClickWhenEnabledAsync(President, "submit-proposal");
        }

        await WaitForNewRoundAsync();
    }

    /// <summary>Every member's client shows a tally of five pending votes.</summary>
    public Task WaitForNewRoundAsync() =>
        Task.WhenAll(Members.OrderBy(c => c == President ? 0 : 1).Select(c => c.WaitUntilAsync(
            m => m.ByTestId("tally") is { } t && t.Descendants().Count(e => e.Name == "li" && e["data-vote"] == "Pending") == Members.Count, Step, "showing a new round (five pending votes)")));

    /// <summary>
    /// Votes until <paramref name="votes"/> samples or <paramref name="until"/> (LoadClock ms) — whichever first —
    /// in rounds as figure 1's: the first voter of a round (rotating) objects with a reason (R12), the four others
    /// approve, then the president amends (new round). Before each vote the session waits
    /// <paramref name="interval"/>() after the last one started (first vote at <paramref name="firstVoteAt"/>).
    /// </summary>
    public async Task<List<LoadVote>> VoteAsync(int votes, double until, double firstVoteAt, Func<TimeSpan> interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        var samples = new List<LoadVote>();
        var next = firstVoteAt;
        while (samples.Count < votes && LoadClock.NowMs < until)
        {
            var inRound = 0;
            for (var i = 0; i < Members.Count && samples.Count < votes; i++)
            {
                var wait = next - LoadClock.NowMs;
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(wait));
                }

                if (LoadClock.NowMs >= until)
                {
                    break;
                }

                next = LoadClock.NowMs + interval().TotalMilliseconds;
                var index = (_round + i) % Members.Count;
                samples.Add(await CastAsync(index, objects: i == 0));
                inRound++;
            }

            if (inRound > 0)
            {
                // The round's first vote was an objection: never unanimous, so the president can always amend (a new round).
                _round++;
                await ClickWhenEnabledAsync(President, "submit-proposal");
                await WaitForNewRoundAsync();
            }
        }

        return samples;
    }

    /// <summary>
    /// One vote by member <paramref name="index"/>: the click's moment → the moment each other member's client applied
    /// a batch showing the voter's tally line with the new status.
    /// </summary>
    public async Task<LoadVote> CastAsync(int index, bool objects)
    {
        var voter = Members[index];
        var member = Session.Members[index];
        var (testId, status) = objects ? ("vote-object", "Objected") : ("vote-approve", "Approved");
        if (objects)
        {
            await TypeObjectionReasonAsync(voter);
        }

        var sent = await ClickWhenEnabledAsync(voter, testId);
        var seen = await Task.WhenAll(Members.Where(c => c != voter).Select(c => c.SeenAsync(member.FullName, status, sent, Step)));
        var each = seen.Select(s => s - sent).ToArray();
        return new LoadVote(Session.Id, member.Id, status, each.Max(), each, sent);
    }

    /// <summary>R12: an objection states its reason — a change event on the vote's field, then the server's render marks it filled.</summary>
    public static async Task TypeObjectionReasonAsync(CircuitClient voter)
    {
        ArgumentNullException.ThrowIfNull(voter);
        static MirrorElement? Field(RenderTreeMirror m) => m.ByTestId("deliberation") is { } d ? m.ByTestId("vote-comment", d) : null;
        await voter.WaitUntilAsync(m => Field(m) is not null, Step, "showing the vote's comment field");
        await voter.ChangeAsync(Field, "Motif de l'objection (banc d'essai).", "#vote-comment");
        await voter.WaitUntilAsync(m => (Field(m)?.Parent as MirrorElement)?["data-filled"] == "true", Step, "marking the vote's comment field filled");
    }

    /// <summary>Clicks as soon as the button is there and enabled (a render may be in progress), within a minute.</summary>
    public static async Task<double> ClickWhenEnabledAsync(CircuitClient client, string testId, Func<RenderTreeMirror, MirrorContainer?>? within = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var deadline = LoadClock.NowMs + Step.TotalMilliseconds;
        while (true)
        {
            await client.WaitUntilAsync(m => (within is null ? m.Document : within(m)) is { } scope && m.ByTestId(testId, scope) is { IsDisabled: false } e && e.Handlers.ContainsKey("click"), Step, $"offering an enabled [data-testid={testId}]");
            if (await client.TryClickAsync(testId, within) is { } sent)
            {
                return sent;
            }

            if (LoadClock.NowMs > deadline)
            {
                return await client.ClickAsync(testId, within); // says why it cannot
            }
        }
    }

    private int Index(SeededMember member)
    {
        for (var i = 0; i < Session.Members.Count; i++)
        {
            if (Session.Members[i].Id == member.Id)
            {
                return i;
            }
        }

        throw new ArgumentException($"{member.Email} is not a member of this session.", nameof(member));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var member in Members)
        {
            await member.DisposeAsync();
        }
    }
}
