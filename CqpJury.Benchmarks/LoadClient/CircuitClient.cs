using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CqpJury.Benchmarks.LoadClient;

/// <summary>
/// One simulated member's browser tab over the real Blazor Server circuit, without a browser: signs in through the
/// form (antiforgery token, cookie), loads the page, negotiates and opens the WebSocket at <c>/_blazor</c> with the
/// "blazorpack" protocol, starts the circuit as blazor.web.js does (<c>StartCircuit(baseUri, uri, "[]", state)</c>,
/// then <c>UpdateRootComponents</c> with the page's prerendered server components), applies every render batch to
/// its <see cref="RenderTreeMirror"/> and acknowledges it (<c>OnRenderCompleted</c>), answers the JS interop calls
/// (<c>EndInvokeJSFromDotNet</c>), and dispatches clicks and change events to the handlers found in the mirror
/// (<c>BeginInvokeDotNetFromJS</c> → the renderer's <c>DispatchEventAsync</c>, as blazor.web.js's event delegator does).
/// A JS.Error, a refused event, a batch the mirror cannot apply or a lost connection fails the next wait loudly.
/// </summary>
public sealed class CircuitClient : IAsyncDisposable
{
    private const string AttachRendererInterop = "Blazor._internal.attachWebRendererInterop";
    private const int TallyLogLimit = 4000;

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly object _gate = new();
    private readonly RenderTreeMirror _mirror = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly Dictionary<string, string> _tally = new(StringComparer.Ordinal);
    private readonly List<(string Voter, string Vote, double At)> _tallyLog = [];
    private readonly HubConnection _hub;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _rendererInterop = -1;
    private long _nextCallId;
    private long _nextJsObjectId;
    private bool _disposing;

    /// <summary>For the page's unload beacon (<c>POST /_blazor/disconnect</c>), shared by every client.</summary>
    private static readonly HttpClient Beacon = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly Uri _baseUri;
    private string? _circuitId;

    private CircuitClient(HubConnection hub, string name, Uri baseUri)
    {
        _hub = hub;
        Name = name;
        _baseUri = baseUri;
    }

    /// <summary>Who this client is (the member's e-mail address), for messages.</summary>
    public string Name { get; }

    /// <summary>Render batches applied (and acknowledged) so far.</summary>
    public long BatchesApplied { get; private set; }

    /// <summary>Bytes of the render batches applied so far (the batches' payloads, without SignalR's framing).</summary>
    public long BatchBytesApplied { get; private set; }

    /// <summary>
    /// Keep the raw bytes of every batch received (off by default): the reader's test reads them back as the server's
    /// RenderBatchWriter wrote them.
    /// </summary>
    public List<byte[]>? RecordedBatches { get; private set; }

    /// <summary>The root components the server attached (JS.AttachComponent), in order: with <see cref="RecordedBatches"/>, enough to rebuild the page.</summary>
    public List<int> RootComponentIds { get; } = [];

    /// <summary>JS interop identifiers the server called, with their counts (what a browser would have run).</summary>
    public ConcurrentDictionary<string, int> InteropCalls { get; } = new(StringComparer.Ordinal);

    /// <summary>Opens the member's page (<paramref name="path"/>, e.g. <c>/sessions/{id}</c>) signed in, circuit started, and waits until it is interactive.</summary>
    /// <param name="recordBatches">Keep every batch's bytes in <see cref="RecordedBatches"/> (tests).</param>
    public static async Task<CircuitClient> OpenAsync(Uri baseUri, string email, string password, string path, TimeSpan timeout, bool recordBatches = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        var cookies = new CookieContainer();
        string html;
        Uri pageUri;
        using (var handler = new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = true })
        using (var http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = timeout })
        {
            // Sign in like a browser: the form's page (antiforgery cookie and token), then the form posted with them.
            var signIn = new Uri(baseUri, $"/connexion?returnUrl={Uri.EscapeDataString(path)}");
            var form = PageMarkers.FormFields(await http.GetStringAsync(signIn, cancellationToken), out var nameById);
            form[nameById.GetValueOrDefault("email") ?? throw new LoadClientException("The sign-in form has no #email field.")] = email;
            form[nameById.GetValueOrDefault("password") ?? throw new LoadClientException("The sign-in form has no #password field.")] = password;
            using var posted = await http.PostAsync(signIn, new FormUrlEncodedContent(form), cancellationToken);
            html = await posted.Content.ReadAsStringAsync(cancellationToken);
            pageUri = posted.RequestMessage?.RequestUri ?? signIn;
            if (!posted.IsSuccessStatusCode || pageUri.AbsolutePath != path)
            {
                throw new LoadClientException($"{email}: sign-in did not lead to {path} (HTTP {(int)posted.StatusCode} at {pageUri.PathAndQuery}): {PageMarkers.TextOfId(html, "login-error") ?? "no message"}.");
            }
        }

        return await ConnectAsync(baseUri, email, html, pageUri, cookies, timeout, recordBatches,
            m => m.Elements().Any(e => e["data-interactive"] == "true") && m.ByTestId("presence") is not null, "the page interactive, with its presence panel", cancellationToken);
    }

    /// <summary>
    /// Opens a page that needs no sign-in (figure 11g's floor page) as <paramref name="name"/>, circuit started, and waits
    /// until <paramref name="ready"/> holds in its mirror.
    /// </summary>
    public static async Task<CircuitClient> OpenPageAsync(Uri baseUri, string name, string path, TimeSpan timeout, Func<RenderTreeMirror, bool> ready, string readyWhat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        var cookies = new CookieContainer();
        var pageUri = new Uri(baseUri, path);
        using var handler = new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true };
        using var http = new HttpClient(handler) { Timeout = timeout };
        var html = await http.GetStringAsync(pageUri, cancellationToken);
        return await ConnectAsync(baseUri, name, html, pageUri, cookies, timeout, false, ready, readyWhat, cancellationToken);
    }

    /// <summary>
    /// Offers per-message compression (permessage-deflate, RFC 7692) as browsers do when they open the circuit's
    /// WebSocket: a server that accepts it compresses every message to this client, as it would to a browser, and
    /// keeps a deflate state per connection; one that declines it (the app) talks uncompressed.
    /// </summary>
    public static void OfferCompressionAsBrowsersDo(ClientWebSocketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DangerousDeflateOptions = new WebSocketDeflateOptions();
    }

    /// <summary>Starts the circuit of the page <paramref name="html"/> (fetched at <paramref name="pageUri"/> with <paramref name="cookies"/>) and waits until <paramref name="ready"/>.</summary>
    private static async Task<CircuitClient> ConnectAsync(Uri baseUri, string name, string html, Uri pageUri, CookieContainer cookies, TimeSpan timeout, bool recordBatches, Func<RenderTreeMirror, bool> ready, string readyWhat, CancellationToken cancellationToken)
    {
        var markers = PageMarkers.ServerComponents(html);
        if (markers.Count == 0)
        {
            throw new LoadClientException($"{name}: {pageUri.AbsolutePath} has no prerendered server component marker.");
        }

        var state = PageMarkers.ApplicationState(html);
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "/_blazor"), HttpTransportType.WebSockets, o =>
            {
                o.Cookies = cookies;
                o.WebSocketConfiguration = OfferCompressionAsBrowsersDo;
            });
        CircuitClient? client = null;
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackHubProtocol(error => client?.Fail($"a message from the server did not match its handler: {error}")));
        var hub = builder.Build();
        // Generous: 1,000 circuits on two shared cores may answer pings late without being gone.
        hub.ServerTimeout = TimeSpan.FromSeconds(120);
        // The app closes a connection silent for 15 s (RealtimeExtensions: ClientTimeoutInterval): a ping every 5 s, as SignalR advises (a third).
        hub.KeepAliveInterval = TimeSpan.FromSeconds(5);
        hub.HandshakeTimeout = timeout;
        client = new CircuitClient(hub, name, baseUri) { RecordedBatches = recordBatches ? [] : null };
        client.Register();
        try
        {
            await hub.StartAsync(cancellationToken);
            var circuit = await hub.InvokeAsync<string?>("StartCircuit", new Uri(baseUri, "/").ToString(), pageUri.ToString(), "[]", state, cancellationToken);
            if (string.IsNullOrEmpty(circuit))
            {
                throw new LoadClientException($"{name}: the server refused to start the circuit.");
            }

            client._circuitId = circuit;

            await hub.SendAsync("UpdateRootComponents", PageMarkers.AddOperations(markers), state, cancellationToken);
            await client.WaitUntilAsync(ready, timeout, readyWhat);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads the mirror under the client's lock (batches are applied under the same lock).</summary>
    public T Read<T>(Func<RenderTreeMirror, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            return read(_mirror);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds in the mirror, checked after every batch; fails on a circuit error or after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<RenderTreeMirror, bool> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = LoadClock.NowMs + timeout.TotalMilliseconds;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                ThrowIfFailed();
                if (condition(_mirror))
                {
                    return;
                }

                changed = _changed.Task;
            }

            var left = deadline - LoadClock.NowMs;
            if (left <= 0)
            {
                string shown;
                lock (_gate)
                {
                    shown = string.Join(", ", _mirror.Elements().Select(e => e["data-testid"]).OfType<string>().Distinct().Take(60));
                    if (Environment.GetEnvironmentVariable("CQPJURY_LOADCLIENT_DUMP") is { Length: > 0 } dump)
                    {
                        File.WriteAllText(dump, _mirror.Document.Outline());
                    }
                }

                throw new LoadClientException($"{Name}: not {what} within {timeout.TotalSeconds:0} s ({BatchesApplied} batches applied; on the page: {shown}).");
            }

            await Task.WhenAny(changed, Task.Delay(TimeSpan.FromMilliseconds(Math.Min(left, 1000))));
        }
    }

    /// <summary>
    /// The moment (<see cref="LoadClock"/>) this client first applied a batch after which the tally line of
    /// <paramref name="voter"/> showed <paramref name="vote"/>, at or after <paramref name="since"/>.
    /// </summary>
    public async Task<double> SeenAsync(string voter, string vote, double since, TimeSpan timeout)
    {
        var seen = double.NaN;
        await WaitUntilAsync(
            _ =>
            {
                foreach (var (v, s, at) in _tallyLog)
                {
                    if (at >= since && v == voter && s == vote)
                    {
                        seen = at;
                        return true;
                    }
                }

                return false;
            },
            timeout,
            $"showing {voter}'s vote as {vote}");
        return seen;
    }

    /// <summary>The tally this client shows: voter → status (Pending, Approved, Objected).</summary>
    public IReadOnlyDictionary<string, string> Tally()
    {
        lock (_gate)
        {
            return new Dictionary<string, string>(_tally, StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// Clicks the element with that data-testid (below the first element <paramref name="within"/> selects, if given):
    /// the moment the event was sent. Throws when it is absent, disabled or has no click handler.
    /// </summary>
    public async Task<double> ClickAsync(string testId, Func<RenderTreeMirror, MirrorContainer?>? within = null) =>
        await TryClickAsync(testId, within) ?? throw new LoadClientException($"{Name}: no enabled [data-testid={testId}] with a click handler to click ({Describe(testId, within)}).");

    /// <summary>As <see cref="ClickAsync"/>, but null when the element is absent, disabled or without a click handler (a render in progress).</summary>
    public async Task<double?> TryClickAsync(string testId, Func<RenderTreeMirror, MirrorContainer?>? within = null)
    {
        ulong handler;
        lock (_gate)
        {
            ThrowIfFailed();
            var scope = within is null ? _mirror.Document : within(_mirror);
            var element = scope is null ? null : _mirror.ByTestId(testId, scope);
            if (element is null || element.IsDisabled || !element.Handlers.TryGetValue("click", out var click))
            {
                return null;
            }

            handler = click.HandlerId;
        }

        var sent = LoadClock.NowMs;
        await DispatchAsync(handler, "click", null, MouseClick);
        return sent;
    }

    /// <summary>
    /// A change event on the input or select found by <paramref name="find"/> with <paramref name="value"/> (as when
    /// a field loses focus, or an option is chosen): the moment it was sent.
    /// </summary>
    public async Task<double> ChangeAsync(Func<RenderTreeMirror, MirrorElement?> find, string value, string what)
    {
        ArgumentNullException.ThrowIfNull(find);
        ulong handler;
        int component;
        lock (_gate)
        {
            ThrowIfFailed();
            var element = find(_mirror);
            if (element is null || element.IsDisabled || !element.Handlers.TryGetValue("change", out var change))
            {
                throw new LoadClientException($"{Name}: no enabled {what} with a change handler.");
            }

            (handler, component) = change;
            element.Attributes["value"] = value; // what the browser's field now holds
        }

        var sent = LoadClock.NowMs;
        await DispatchAsync(handler, "change", new { componentId = component, fieldValue = value }, new { value });
        return sent;
    }

    private static readonly object MouseClick = new
    {
        detail = 1, screenX = 0, screenY = 0, clientX = 0, clientY = 0, offsetX = 0, offsetY = 0, pageX = 0, pageY = 0,
        movementX = 0, movementY = 0, button = 0, buttons = 0, ctrlKey = false, shiftKey = false, altKey = false, metaKey = false, type = "click",
    };

    private string Describe(string testId, Func<RenderTreeMirror, MirrorContainer?>? within)
    {
        lock (_gate)
        {
            var scope = within is null ? _mirror.Document : within(_mirror);
            if (scope is null)
            {
                return "its container is not on the page";
            }

            var element = _mirror.ByTestId(testId, scope);
            return element is null ? "not on the page" : element.IsDisabled ? "disabled" : "no click handler";
        }
    }

    /// <summary>blazor.web.js's event delegator: the renderer's interop object's DispatchEventAsync, invoked from "JS".</summary>
    private async Task DispatchAsync(ulong handlerId, string eventName, object? fieldInfo, object eventArgs)
    {
        var interop = Interlocked.Read(ref _rendererInterop);
        if (interop < 0)
        {
            throw new LoadClientException($"{Name}: the server has not attached the renderer's interop object (no {AttachRendererInterop} call yet).");
        }

        var descriptor = new { eventHandlerId = handlerId, eventName, eventFieldInfo = fieldInfo };
        var args = JsonSerializer.Serialize(new object[] { descriptor, eventArgs }, Json);
        var callId = Interlocked.Increment(ref _nextCallId);
        await _hub.SendAsync("BeginInvokeDotNetFromJS", callId.ToString(System.Globalization.CultureInfo.InvariantCulture), null, "DispatchEventAsync", interop, args);
    }

    private void Register()
    {
        _hub.On<int, string>("JS.AttachComponent", (componentId, _) =>
        {
            lock (_gate)
            {
                _mirror.AttachRoot(componentId);
                RootComponentIds.Add(componentId);
            }
        });
        _hub.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        _hub.On<long, string, string, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJSAsync);
        _hub.On<string, bool, string>("JS.EndInvokeDotNet", (callId, succeeded, result) =>
        {
            if (!succeeded)
            {
                Fail($"the server refused the event (call {callId}): {result}");
            }
        });
        _hub.On<string>("JS.Error", error => Fail($"JS.Error from the circuit: {error}"));
        _hub.On<long>("JS.EndUpdateRootComponents", _ => { });
        _hub.On<int, bool>("JS.EndLocationChanging", (_, _) => { });
        _hub.Closed += error =>
        {
            if (!_disposing)
            {
                Fail($"the connection closed: {error?.Message ?? "by the server"}");
            }

            return Task.CompletedTask;
        };
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        string? error = null;
        try
        {
            lock (_gate)
            {
                RecordedBatches?.Add(data);
            }

            var batch = RenderBatchReader.Read(data);
            lock (_gate)
            {
                _mirror.Apply(batch);
                BatchesApplied++;
                BatchBytesApplied += data.Length;
                ScanTally(LoadClock.NowMs);
                var changed = _changed;
                _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                changed.TrySetResult();
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            error = ex.Message;
            Fail($"render batch {batchId} could not be applied: {ex.Message}");
        }

        await _hub.SendAsync("OnRenderCompleted", batchId, error);
    }

    /// <summary>After a batch: the tally's lines (<c>[data-testid=tally] li[data-voter]</c>) whose status changed, logged with the batch's moment.</summary>
    private void ScanTally(double now)
    {
        var tally = _mirror.ByTestId("tally");
        if (tally is null)
        {
            return;
        }

        foreach (var line in tally.Descendants().Where(e => e.Name == "li"))
        {
            if (line["data-voter"] is { } voter && line["data-vote"] is { } vote && (!_tally.TryGetValue(voter, out var before) || before != vote))
            {
                _tally[voter] = vote;
                _tallyLog.Add((voter, vote, now));
            }
        }

        if (_tallyLog.Count > TallyLogLimit)
        {
            _tallyLog.RemoveRange(0, TallyLogLimit / 2);
        }
    }

    /// <summary>
    /// The JS interop calls a browser would run, answered as it would: an imported module or other object reference
    /// (result type 1) gets a new <c>__jsObjectId</c>; void calls (3) and the room's DOM helpers (title, focus,
    /// scrolling, the layout's module) get null, except those whose caller reads a result (<c>focusAction</c>: true).
    /// The renderer's interop object (attachWebRendererInterop) is kept: events are dispatched through it.
    /// </summary>
    private async Task OnBeginInvokeJSAsync(long asyncHandle, string identifier, string argsJson, int resultType, long targetInstanceId, int callType)
    {
        InteropCalls.AddOrUpdate(identifier, 1, (_, n) => n + 1);
        if (identifier == AttachRendererInterop)
        {
            using var args = JsonDocument.Parse(argsJson);
            var reference = args.RootElement[1];
            Interlocked.Exchange(ref _rendererInterop, reference.GetProperty("__dotNetObject").GetInt64());
        }

        object? result = resultType switch
        {
            1 => new Dictionary<string, long> { ["__jsObjectId"] = Interlocked.Increment(ref _nextJsObjectId) },
            3 => null,
            _ => identifier switch
            {
                "focusAction" => true,
                _ => null,
            },
        };
        if (asyncHandle != 0)
        {
            await _hub.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, JsonSerializer.Serialize(new object?[] { asyncHandle, true, result }, Json));
        }

        _ = targetInstanceId;
        _ = callType;
    }

    private void Fail(string message)
    {
        _failures.Enqueue(message);
        lock (_gate)
        {
            _changed.TrySetResult();
        }
    }

    private void ThrowIfFailed()
    {
        if (!_failures.IsEmpty)
        {
            throw new LoadClientException($"{Name}: {string.Join(" | ", _failures)}");
        }
    }

    /// <summary>Fails loudly if the circuit reported an error since it opened.</summary>
    public void ThrowIfAnyFailure()
    {
        lock (_gate)
        {
            ThrowIfFailed();
        }
    }

    /// <summary>
    /// Leaves as a closing tab does: the unload beacon (<c>POST /_blazor/disconnect</c> with the circuit id, which
    /// disposes the circuit at once instead of keeping it for a reconnection), then the connection closed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        _disposing = true;
        if (_circuitId is { } circuitId && _hub.State == HubConnectionState.Connected)
        {
            try
            {
                using var form = new MultipartFormDataContent { { new StringContent(circuitId), "circuitId" } };
                using var response = await Beacon.PostAsync(new Uri(_baseUri, "/_blazor/disconnect"), form);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // the server is gone or too busy: nothing to dispose there
            }
        }

        await _hub.DisposeAsync();
    }
}
