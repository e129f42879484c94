using CqpJury.App.Extensions;

// Flags without a value are taken out before the host reads the arguments (issue 19: --demo in any position).
var launch = LaunchOptions.Parse(args);

// Whatever stops the start is told in one French paragraph, exit code 1, no stack trace (issues 19, 23).
return await StartupFailures.RunAsync(async built =>
{
    var builder = WebApplication.CreateBuilder(launch.HostArgs);
    builder.AddCqpJury();

    var app = builder.Build();
    built(app.Services);
    app.Services.ValidateSettingsNow();
    await app.ResetDemoDatabaseIfAskedAsync(launch);
    app.MapCqpJury();
    if (await app.TryRunCommandAsync(launch.HostArgs) is { } exitCode)
    {
        return exitCode;
    }

    await app.SeedDemoIfAskedAsync(launch);
    await app.RunAsync();
    return 0;
});

/// <summary>Entry point; public and partial so integration tests can use WebApplicationFactory.</summary>
public partial class Program;
