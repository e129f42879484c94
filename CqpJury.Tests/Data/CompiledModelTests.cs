using System.Globalization;
using CqpJury.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace CqpJury.Tests.Data;

/// <summary>
/// Start-up speed (figure 5) without trusting luck: the app runs on compiled models and its
/// <c>Migrate</c> skips the pending-model-changes check (Data/CompiledModel.cs), so these tests prove,
/// for both providers and without a server, what that check and a fresh model build would have:
/// the compiled model is the model <c>OnModelCreating</c> builds, and no model change lacks a migration.
/// A failure says which command fixes it.
/// </summary>
public sealed class CompiledModelTests
{
    private const string Regenerate = "the compiled model is stale: run .ci/compiled-models (both providers) and commit Data/CompiledModels.";

    public static TheoryData<string> Providers() => new() { "Sqlite", "Postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Each_provider_s_context_runs_on_its_compiled_model(string provider)
    {
        using var db = Context(provider);

        Assert.Equal($"CqpJury.App.Data.CompiledModels.{provider}", db.Model.GetType().Namespace);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_compiled_model_is_the_model_OnModelCreating_builds(string provider)
    {
        using var db = Context(provider);
        var built = db.GetService<IDesignTimeModel>().Model; // from OnModelCreating, whatever is compiled

        var differences = db.GetService<IMigrationsModelDiffer>().GetDifferences(db.Model.GetRelationalModel(), built.GetRelationalModel());

        Assert.True(differences.Count == 0, $"{provider}: {Regenerate} Differences: {string.Join(", ", differences.Select(Describe))}");
        Assert.Equal(Shape(built), Shape(db.Model));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_comparison_sees_a_model_that_lags_behind(string provider)
    {
        // The check above can fail: the model as of the migration before the last one differs from today's.
        using var db = Context(provider);
        var migrations = db.GetService<IMigrationsAssembly>();
        var beforeLast = migrations.Migrations.OrderBy(m => m.Key, StringComparer.Ordinal).SkipLast(1).Last().Value;
        var older = db.GetService<IModelRuntimeInitializer>().Initialize(
            migrations.CreateMigration(beforeLast, db.Database.ProviderName!).TargetModel!, designTime: true, validationLogger: null);

        var differences = db.GetService<IMigrationsModelDiffer>().GetDifferences(older.GetRelationalModel(), db.Model.GetRelationalModel());

        Assert.NotEmpty(differences);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void No_model_change_lacks_a_migration(string provider)
    {
        // What `dotnet ef migrations has-pending-model-changes --context <Provider>CqpJuryDbContext` checks.
        using var db = Context(provider);

        Assert.False(
            db.Database.HasPendingModelChanges(),
            $"{provider}: the model has changes without a migration: add one for both providers (README, EF migrations), then run .ci/compiled-models.");
    }

    /// <summary>A context of the provider, as the app configures it (no server needed: nothing here connects).</summary>
    private static CqpJuryDbContext Context(string provider) => provider switch
    {
        "Sqlite" => new SqliteCqpJuryDbContext((DbContextOptions<SqliteCqpJuryDbContext>)new DbContextOptionsBuilder<SqliteCqpJuryDbContext>()
            .UseSqlite("Data Source=:memory:").SkipPendingModelChangesCheckWhenCompiled<SqliteCqpJuryDbContext>().Options),
        _ => new PostgresCqpJuryDbContext((DbContextOptions<PostgresCqpJuryDbContext>)new DbContextOptionsBuilder<PostgresCqpJuryDbContext>()
            .UseNpgsql("Host=localhost;Database=cqpjury_model_check").SkipPendingModelChangesCheckWhenCompiled<PostgresCqpJuryDbContext>().Options),
    };

    /// <summary>What the relational diff does not look at: entity types, their CLR members, conversions and navigations.</summary>
    private static string Shape(IModel model) => string.Join(
        Environment.NewLine,
        model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal).SelectMany(e => (IEnumerable<string>)
        [
            $"{e.Name} {e.ClrType.FullName} owned={e.IsOwned()}",
            .. e.GetProperties().Select(p => string.Create(CultureInfo.InvariantCulture,
                $"  {p.Name}: {p.ClrType.FullName} null={p.IsNullable} max={p.GetMaxLength()} conv={p.GetValueConverter()?.GetType().Name} gen={p.ValueGenerated} token={p.IsConcurrencyToken} shadow={p.IsShadowProperty()}")),
            .. e.GetNavigations().Select(n => $"  -> {n.Name}: {n.TargetEntityType.Name} many={n.IsCollection}"),
        ]));

    private static string Describe(MigrationOperation operation) =>
        operation is ITableMigrationOperation t ? $"{operation.GetType().Name} {t.Table}" : operation.GetType().Name;
}
