using CqpJury.App.Data;
using CqpJury.App.Extensions;
using CqpJury.Benchmarks.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
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

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }
}
