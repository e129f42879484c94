using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CqpJury.App.Realtime.Redis;

/// <summary>Ready only while events flow between instances (registered when Redis is configured).</summary>
public sealed class RedisHealthCheck(RedisDeliberationNotifier notifier) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(notifier.IsConnected
            ? HealthCheckResult.Healthy("Redis joignable")
            : HealthCheckResult.Unhealthy("Redis injoignable"));
}
