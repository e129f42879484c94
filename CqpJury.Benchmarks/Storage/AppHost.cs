using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Extensions;
using CqpJury.Benchmarks.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CqpJury.Benchmarks.Storage;

/// <summary>
/// The real app's service provider without Kestrel: <c>WebApplication.CreateBuilder</c> +
/// <c>AddCqpJury()</c> on a temporary data folder and SQLite file, database created and migrated
/// (WAL) by the app's own initializer.
/// </summary>
public sealed class AppHost : IAsyncDisposable
{
    private AppHost(WebApplication app, string folder)
    {
        App = app;
        Folder = folder;
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public string Folder { get; }

    /// <param name="settings">Settings over the defaults (e.g. <c>Database:Provider</c> and <c>ConnectionStrings:CqpJury</c> for PostgreSQL).</param>
    public static async Task<AppHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cqpjury-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = folder,
            ApplicationName = typeof(HostingExtensions).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:CqpJury"] = $"Data Source={Path.Combine(folder, "db.sqlite")}",
            ["Storage:Root"] = folder,
            ["Referential:Path"] = RepositoryPaths.Referential,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None", // conflicts are expected and counted, not logged
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddCqpJury();
        var app = builder.Build();
        await DatabaseInitializer.InitializeAsync(app.Services);
        return new AppHost(app, folder);
    }

    /// <summary>A DI scope signed in as the account with <paramref name="email"/>, as a circuit is (the services' own checks apply).</summary>
    public async Task<AsyncServiceScope> SignedInScopeAsync(string email)
    {
        var scope = Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var user = await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email) ?? throw new InvalidOperationException($"no account {email}");
        var principal = await sp.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user);
        ((IHostEnvironmentAuthenticationStateProvider)sp.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return scope;
    }

    /// <summary>
    /// The CPU time this process (the app's services are in it) has used so far, to the microsecond (getrusage; the
    /// process's <c>TotalProcessorTime</c> reads /proc in clock ticks of 10 ms, coarser than a vote's work).
    /// </summary>
    public static TimeSpan ProcessCpu() => Environment.CpuUsage.TotalTime;

    /// <summary>
    /// The bytes this process has allocated so far, on every thread, counted exactly (the threads' current allocation
    /// contexts included): around a step run alone, what the step allocated, with whatever the process's background
    /// work (timers, the app's hosted services) allocated meanwhile.
    /// </summary>
    public static long AllocatedBytes() => GC.GetTotalAllocatedBytes(precise: true);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TempFolder.DeleteQuietly(Folder);
    }
}
