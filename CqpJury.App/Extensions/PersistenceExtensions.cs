using CqpJury.App.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Extensions;

/// <summary>
/// The database (provider from <c>Database:Provider</c>, connection string <c>ConnectionStrings:CqpJury</c>)
/// and the data folder (<c>Storage:Root</c>). Relative paths are resolved against the content root.
/// </summary>
public static class PersistenceExtensions
{
    public static WebApplicationBuilder AddPersistence(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var contentRoot = builder.Environment.ContentRootPath;

        // Both checked already (SettingsRegistration.AddCqpSettings): a wrong value never gets here.
        var storageRoot = configuration.GetSection("Storage").Get<StorageSettings>()?.Root;
        var root = Path.GetFullPath(string.IsNullOrWhiteSpace(storageRoot) ? "data" : storageRoot, contentRoot);
        builder.Services.AddSingleton(new DataPaths { Root = root });

        // Keys that protect sign-in cookies live in the database: a restart keeps members signed in,
        // and a cookie issued by one instance is read by every other instance.
        builder.Services.AddDataProtection()
            .SetApplicationName("CqpJury")
            .PersistKeysToDbContext<CqpJuryDbContext>();

        var settings = DatabaseSettings.From(configuration);
        var provider = settings.ProviderKind;
        var connectionString = settings.ConnectionString;
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = ResolveSqlitePath(connectionString, contentRoot);
                builder.Services.AddSingleton(new ResolvedDatabase(provider, SqliteFile(sqlite)));
                builder.Services.AddPooledDbContextFactory<SqliteCqpJuryDbContext>(options => options
                    .UseSqlite(sqlite, o => o.MigrationsAssembly(typeof(SqliteCqpJuryDbContext).Assembly.GetName().Name))
                    .AddInterceptors(new SqliteConnectionSetup(), WriteGateFor(sqlite))
                    .SkipPendingModelChangesCheckWhenCompiled<SqliteCqpJuryDbContext>());
                builder.Services.AddSingleton<IDbContextFactory<CqpJuryDbContext>>(sp =>
                    new ContextFactoryAdapter<SqliteCqpJuryDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteCqpJuryDbContext>>()));
                break;
            case DatabaseProvider.Postgres:
                builder.Services.AddSingleton(new ResolvedDatabase(provider, null));
                builder.Services.AddPooledDbContextFactory<PostgresCqpJuryDbContext>(options => options
                    .UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(PostgresCqpJuryDbContext).Assembly.GetName().Name))
                    .SkipPendingModelChangesCheckWhenCompiled<PostgresCqpJuryDbContext>());
                builder.Services.AddSingleton<IDbContextFactory<CqpJuryDbContext>>(sp =>
                    new ContextFactoryAdapter<PostgresCqpJuryDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresCqpJuryDbContext>>()));
                break;
            default:
                throw new StartupFailureException(SettingsText.Invalid("Database:Provider", settings.Provider, "Sqlite ou Postgres"));
        }

        // Ready only when the database answers a read and takes a write (/health/ready; /health/live asks nothing).
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready]);

        // Identity's stores need a scoped context; everything else uses the factory.
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CqpJuryDbContext>>().CreateDbContext());
        return builder;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SqliteWriteGate> WriteGates = new(StringComparer.Ordinal);

    /// <summary>One write queue per SQLite file in this process (two app hosts of one test process on one file share it).</summary>
    private static SqliteWriteGate WriteGateFor(string connectionString) =>
        WriteGates.GetOrAdd(new SqliteConnectionStringBuilder(connectionString).DataSource, _ => new SqliteWriteGate());

    /// <summary>The file of an SQLite connection string; null for an in-memory database.</summary>
    private static string? SqliteFile(string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        return csb.DataSource is { Length: > 0 } source && source != ":memory:" && csb.Mode != SqliteOpenMode.Memory ? source : null;
    }

    /// <summary>A relative SQLite file is placed under the content root, and its folder created.</summary>
    private static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is { Length: > 0 } source && source != ":memory:" && csb.Mode != SqliteOpenMode.Memory)
        {
            var full = Path.GetFullPath(source, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            csb.DataSource = full;
        }

        if (csb.DefaultTimeout < 30)
        {
            csb.DefaultTimeout = 30;
        }

        return csb.ToString();
    }
}

/// <summary>The database the app runs on, as resolved at start: the provider, and the SQLite file (full path) when embedded.</summary>
public sealed record ResolvedDatabase(DatabaseProvider Provider, string? SqliteFile);
