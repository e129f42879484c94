using CqpJury.App.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Data;

/// <summary>Creates and migrates the database at start-up, turns on WAL for SQLite, seals journal entries older than the hash chain, and ensures the two roles exist.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<CqpJuryDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (db.Database.IsSqlite())
            {
                // WAL lets readers work while one writer commits; it is a property of the file.
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
                await db.Database.CloseConnectionAsync();
            }

            await db.Database.MigrateAsync(cancellationToken);

            // Journal entries written before the hash chain existed are sealed now, in their order,
            // before anything new is appended (the migration only gave them their places).
            await Services.Audit.JournalChain.SealEarlierEntriesAsync(db, cancellationToken);
        }

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in new[] { Roles.Secretariat, Roles.JuryMember })
        {
            // Several instances may start at once: a role created by another one in between is fine.
            if (!await roles.RoleExistsAsync(role)
                && !(await CreateRoleAsync(roles, role)).Succeeded
                && !await roles.RoleExistsAsync(role))
            {
                throw new InvalidOperationException($"Le rôle « {role} » n'a pas pu être créé.");
            }
        }
    }

    private static async Task<IdentityResult> CreateRoleAsync(RoleManager<IdentityRole> roles, string role)
    {
        try
        {
            return await roles.CreateAsync(new IdentityRole(role));
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            return IdentityResult.Failed();
        }
    }
}
