using Microsoft.Playwright;

namespace CqpJury.Tests.EndToEnd.Infrastructure;

/// <summary>One headless chromium (the system's) shared by the end-to-end tests; each test opens its own contexts.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The browser; only null when the tests are skipped.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException(EndToEndEnvironment.SkipReason ?? EndToEndEnvironment.MissingInCiMessage);

    public async Task InitializeAsync()
    {
        if (!EndToEndEnvironment.ChromiumAvailable)
        {
            if (EndToEndEnvironment.IsCi)
            {
                throw new InvalidOperationException(EndToEndEnvironment.MissingInCiMessage);
            }

            return; // every test of the collection is skipped by [EndToEndFact]
        }

        // The driver must never try to fetch a browser build of its own.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = EndToEndEnvironment.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });

        // Every context of every test: its console is watched for CSP violations (NoCspViolationAttribute).
        _browser.Context += (_, context) => CspViolations.Watch(context);
        Assertions.SetDefaultExpectTimeout(10_000);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>
/// The end-to-end tests run one after the other, after the parallel part of the suite (five
/// browsers and a live server each: they must not compete with each other for two cores).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
[NoCspViolation]
public sealed class EndToEndGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "End-to-end (real browser)";
}
