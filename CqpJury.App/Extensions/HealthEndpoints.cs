using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CqpJury.App.Extensions;

/// <summary>Tags of the health checks.</summary>
public static class HealthTags
{
    /// <summary>Needed to serve members: the database, and Redis when several instances share it.</summary>
    public const string Ready = "ready";
}

/// <summary>
/// <c>/health/live</c>: the process answers (restart it if not). <c>/health/ready</c>: it can serve
/// members (database, Redis when configured); a load balancer sends no new member to an instance
/// that is not ready. <c>/health</c> stays as the liveness probe it always was.
/// </summary>
public static class HealthEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var live = new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync };
        app.MapHealthChecks("/health", live);
        app.MapHealthChecks("/health/live", live);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResponseWriter = WriteAsync,
        });
        return app;
    }

    /// <summary>A small JSON report: overall status and each check's status and reason (never an exception's details).</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description ?? Describe(e.Value.Status) }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }

    private static string Describe(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "Disponible",
        HealthStatus.Degraded => "Dégradé",
        _ => "Indisponible",
    };
}
