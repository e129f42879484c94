namespace CqpJury.Tests.EndToEnd.Infrastructure;

/// <summary>
/// Where the browser is and whether the real-browser tests may run here. Chromium comes from the
/// system (Debian's <c>chromium</c> package, or <c>CQPJURY_CHROMIUM</c>); Playwright never downloads one.
/// Without it the tests are skipped on a developer's machine and fail in CI (<c>CI=true</c>).
/// </summary>
internal static class EndToEndEnvironment
{
    public const string ChromiumVariable = "CQPJURY_CHROMIUM";

    public static string ChromiumPath { get; } =
        Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool IsCi { get; } =
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool ChromiumAvailable => File.Exists(ChromiumPath);

    /// <summary>Why the tests are skipped, or null when they run (chromium found, or CI where a missing browser is a failure).</summary>
    public static string? SkipReason =>
        ChromiumAvailable || IsCi
            ? null
            : $"Real-browser tests skipped: no chromium at {ChromiumPath} (apt-get install -y chromium, or set {ChromiumVariable}).";

    public static string MissingInCiMessage =>
        $"CI=true but no chromium at {ChromiumPath}: the real-browser tests cannot run. Install it (apt-get install -y chromium) or set {ChromiumVariable}.";
}
