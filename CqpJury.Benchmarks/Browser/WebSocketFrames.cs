using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace CqpJury.Benchmarks.Browser;

/// <summary>A circuit's WebSocket frame as a page's DevTools saw it: when (chromium's monotonic clock, ms), which way, and what it carried.</summary>
public readonly record struct WebSocketFrame(double Ms, bool Sent, WebSocketFrameContent Content);

public enum WebSocketFrameContent
{
    Other,

    /// <summary>A browser event sent to the circuit (blazor.web.js's <c>DispatchEventAsync</c>: a click, a change…).</summary>
    Event,

    /// <summary>A render batch sent by the circuit (<c>JS.RenderBatch</c>).</summary>
    RenderBatch,
}

/// <summary>
/// Figure 1h: the members' pages' circuit frames, from chromium's DevTools (one CDP session per page, Network domain:
/// <c>webSocketFrameSent</c> / <c>webSocketFrameReceived</c>, reported when the page's WebSocket channel sends a frame or
/// hands one to the page, before blazor.web.js decodes and applies it). A vote at the WebSocket is what the load client
/// (figure 11a) measures, taken from real browsers: the voter's click leaves as an event frame, and each other member's
/// page receives its next render batch. Figure 1 adds to it the browser's own work (decoding the batch, changing the
/// page's DOM). Frames are classified as they arrive; their payloads are not kept.
/// </summary>
public sealed class WebSocketFrames : IAsyncDisposable
{
    private static readonly byte[] EventMarker = "DispatchEventAsync"u8.ToArray();
    private static readonly byte[] BatchMarker = "JS.RenderBatch"u8.ToArray();

    private readonly Dictionary<IPage, List<WebSocketFrame>> _frames = [];
    private readonly List<ICDPSession> _sessions = [];
    private readonly TaskCompletionSource<double> _clock = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebSocketFrames()
    {
    }

    /// <summary>Date.now() minus chromium's monotonic clock (ms), from a request's two times (<c>Network.requestWillBeSent</c>: wallTime and timestamp).</summary>
    public double WallMinusMonotonicMs { get; private set; }

    /// <summary>Watches the pages' frames from now on (each page's Network domain enabled in a CDP session of its own).</summary>
    public static async Task<WebSocketFrames> AttachAsync(IReadOnlyList<IPage> pages, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var frames = new WebSocketFrames();
        try
        {
            foreach (var page in pages)
            {
                var list = new List<WebSocketFrame>();
                frames._frames.Add(page, list);
                var cdp = await page.Context.NewCDPSessionAsync(page);
                frames._sessions.Add(cdp);
                cdp.Event("Network.webSocketFrameSent").OnEvent += (_, e) => Add(list, e, sent: true);
                cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) => Add(list, e, sent: false);
                cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) =>
                {
                    if (e is { } request)
                    {
                        frames._clock.TrySetResult((request.GetProperty("wallTime").GetDouble() - request.GetProperty("timestamp").GetDouble()) * 1000);
                    }
                };
                await cdp.SendAsync("Network.enable");
            }

            // One request from a page gives both clocks at once (every page of the browser shares them).
            if (pages.Count > 0)
            {
                await pages[0].EvaluateAsync("() => fetch('/favicon.ico?horloge=' + Date.now(), { cache: 'no-store' }).then(() => 0, () => 0)");
                frames.WallMinusMonotonicMs = await frames._clock.Task.WaitAsync(timeout);
            }

            return frames;
        }
        catch
        {
            await frames.DisposeAsync();
            throw;
        }
    }

    /// <summary>The frames of <paramref name="page"/> so far, in order.</summary>
    public IReadOnlyList<WebSocketFrame> Of(IPage page)
    {
        var list = _frames[page];
        lock (list)
        {
            return [.. list];
        }
    }

    /// <summary>
    /// One vote at the WebSocket (ms): from the voter's first event frame sent at or after the click
    /// (<paramref name="clickedAt"/>, Date.now() on the voter's page) to the slowest of the other pages' first render batch
    /// received after that frame; null when a frame is missing (none seen within the frames watched).
    /// </summary>
    public double? Propagation(IPage voter, double clickedAt, IEnumerable<IPage> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        return Propagation(Of(voter), clickedAt - WallMinusMonotonicMs, others.Select(Of));
    }

    /// <summary>
    /// <see cref="Propagation(IPage, double, IEnumerable{IPage})"/> on frames already taken; <paramref name="clickedAtMs"/> on
    /// the frames' clock.
    /// </summary>
    public static double? Propagation(IReadOnlyList<WebSocketFrame> voter, double clickedAtMs, IEnumerable<IReadOnlyList<WebSocketFrame>> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        if (ClickFrame(voter, clickedAtMs) is not { } click)
        {
            return null;
        }

        var slowest = 0.0;
        foreach (var page in others)
        {
            var batch = page.FirstOrDefault(f => !f.Sent && f.Content == WebSocketFrameContent.RenderBatch && f.Ms > click.Ms);
            if (batch.Content != WebSocketFrameContent.RenderBatch)
            {
                return null;
            }

            slowest = Math.Max(slowest, batch.Ms - click.Ms);
        }

        return slowest;
    }

    /// <summary>When the click's frame left the voter's page (Date.now()'s clock), or null when none was seen: see <see cref="ClickFrame"/>.</summary>
    public double? ClickFrameAt(IPage voter, double clickedAt) => ClickFrame(Of(voter), clickedAt - WallMinusMonotonicMs)?.Ms + WallMinusMonotonicMs;

    /// <summary>The voter's first event frame sent at or after <paramref name="clickedAtMs"/> (the frames' clock; Date.now() counts whole milliseconds: a frame up to 1 ms before is still the click's).</summary>
    public static WebSocketFrame? ClickFrame(IReadOnlyList<WebSocketFrame> voter, double clickedAtMs)
    {
        ArgumentNullException.ThrowIfNull(voter);
        var click = voter.FirstOrDefault(f => f.Sent && f.Content == WebSocketFrameContent.Event && f.Ms >= clickedAtMs - 1);
        return click.Content == WebSocketFrameContent.Event ? click : null;
    }

    /// <summary>What a frame's payload carries (a binary frame's is base64, as CDP gives it).</summary>
    public static WebSocketFrameContent Classify(int opcode, string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var bytes = opcode == 2 ? Convert.FromBase64String(payload) : Encoding.UTF8.GetBytes(payload);
        return bytes.AsSpan().IndexOf(BatchMarker) >= 0 ? WebSocketFrameContent.RenderBatch
            : bytes.AsSpan().IndexOf(EventMarker) >= 0 ? WebSocketFrameContent.Event
            : WebSocketFrameContent.Other;
    }

    private static void Add(List<WebSocketFrame> list, JsonElement? e, bool sent)
    {
        if (e is not { } frame)
        {
            return;
        }

        var response = frame.GetProperty("response");
        var content = Classify(response.GetProperty("opcode").GetInt32(), response.GetProperty("payloadData").GetString() ?? "");
        var ms = frame.GetProperty("timestamp").GetDouble() * 1000;
        lock (list)
        {
            list.Add(new WebSocketFrame(ms, sent, content));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cdp in _sessions)
        {
            try
            {
                await cdp.DetachAsync();
            }
            catch (PlaywrightException)
            {
                // page or browser already gone
            }
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{_frames.Count} pages, {_frames.Values.Sum(l => l.Count)} frames");
}
