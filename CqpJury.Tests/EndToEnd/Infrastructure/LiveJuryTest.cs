using System.Diagnostics;
using Xunit.Abstractions;

namespace CqpJury.Tests.EndToEnd.Infrastructure;

/// <summary>
/// Base of the real-browser tests that run the demo jury: starts the live app with the demo data,
/// opens the five members' screens, runs the scenario (screenshots on failure), and closes both.
/// </summary>
public abstract class LiveJuryTest(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private LiveServer? _server;
    private Jury? _jury;

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>The shared browser, for a context of the test's own (e.g. an anonymous visitor).</summary>
    protected Microsoft.Playwright.IBrowser Browser => fixture.Browser;

    /// <summary>The running app (once <see cref="RunWithJuryAsync"/> has started it).</summary>
    private protected LiveServer Server => _server ?? throw new InvalidOperationException("The server starts in RunWithJuryAsync.");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_jury is not null)
        {
            await _jury.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>
    /// Starts the app (on <paramref name="port"/> when given), seeds the demo, signs the members in (the five
    /// unless <paramref name="members"/> names some) and runs <paramref name="scenario"/>.
    /// </summary>
    protected async Task RunWithJuryAsync(string testName, bool simultaneously, Func<Jury, DemoSession, Task> scenario, int? port = null, params string[] members)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _server = LiveServer.Start(port: port);
        var demo = await _server.SeedDemoAsync();
        var jury = _jury = await Jury.OpenAsync(fixture.Browser, _server.BaseUrl, demo, testName, simultaneously, members);
        await jury.ScreenshotOnFailureAsync(() => scenario(jury, demo), Output.WriteLine);
    }

    /// <summary>Writes a step with the time since the test started (seen in the test output).</summary>
    protected void Log(string step) => Output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {step}");
}
