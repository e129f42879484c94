namespace CqpJury.App.OfficialDocuments;

/// <summary>
/// Whether official documents may be issued with stand-ins for what only an operator can provide — a test
/// certificate, the address of the request instead of <c>App:PublicBaseUrl</c>: outside Production (Development,
/// tests) and in the demo (<c>--demo</c> or <c>Demo:Seed</c>). In Production issuing waits for the real settings.
/// </summary>
public sealed class IssuingEnvironment(IHostEnvironment environment, IConfiguration configuration)
{
    public bool AllowsStandIns =>
        !environment.IsProduction()
        || configuration.GetValue<bool>("Demo:Seed")
        || Environment.GetCommandLineArgs().Contains("--demo", StringComparer.Ordinal);
}
