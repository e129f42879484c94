using CqpJury.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

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
        // Checked by hand once: a max length changed in a configuration without regenerating fails here, on both providers.
        using var db = Context(provider);
        var built = db.GetService<IDesignTimeModel>().Model; // from OnModelCreating, whatever is compiled

        Assert.True(Shape(built) == Shape(db.Model), $"{provider}: {Regenerate}");
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

    /// <summary>
    /// The model as both kinds of model can tell it: entity types, properties (CLR type, nullability,
    /// length, keys, generation), keys, foreign keys, navigations and indexes, then tables, columns,
    /// store types, value converters, index names and filters, constraint names.
    /// </summary>
    private static string Shape(IModel model) => model.ToDebugString(MetadataDebugStringOptions.IncludePropertyIndexes) + Environment.NewLine + string.Join(
        Environment.NewLine,
        model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal).SelectMany(e => (IEnumerable<string>)
        [
            $"{e.Name} table={e.GetTableName()}",
            .. e.GetProperties().Select(p => $"  {p.Name} column={p.GetColumnName()} store={p.GetRelationalTypeMapping().StoreType} conv={p.GetValueConverter()?.GetType().Name}"),
            .. e.GetIndexes().Select(i => $"  index {i.GetDatabaseName()} filter={i.GetFilter()}"),
            .. e.GetForeignKeys().Select(f => $"  fk {f.GetConstraintName()}"),
        ]));
}
