using Microsoft.Extensions.Options;

namespace CqpJury.App.Services.Privacy;

/// <summary>
/// R16: runs the retention (<see cref="RetentionService.RunAsync"/>) once a day at <see cref="RetentionSettings.DailyRunHour"/>
/// (Paris time), on the app's clock. Several instances may each run it: every step is idempotent
/// (a dossier's documents already gone, a candidate already anonymised are skipped).
/// </summary>
public sealed class RetentionJob(IServiceScopeFactory scopes, IOptions<RetentionSettings> settings, TimeProvider clock, ILogger<RetentionJob> logger) : BackgroundService
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>The next run strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, int hour)
    {
        var local = TimeZoneInfo.ConvertTime(now, Paris);
        var candidate = new DateTime(local.Year, local.Month, local.Day, hour, 0, 0, DateTimeKind.Unspecified);
        if (candidate <= local.DateTime)
        {
            candidate = candidate.AddDays(1);
        }

        return new DateTimeOffset(candidate, Paris.GetUtcOffset(candidate));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var delay = NextRun(now, settings.Value.DailyRunHour) - now;
            try
            {
                await Task.Delay(delay, clock, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RetentionService>().RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Retention run failed; next attempt at the next daily run");
            }
        }
    }
}
