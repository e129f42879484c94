using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Persistence;

/// <summary>
/// Many saves at once (WAL and a busy timeout on SQLite, row locks on PostgreSQL): every one commits,
/// none fails with "database is locked".
/// </summary>
public sealed class ConcurrentSaveTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Forty_concurrent_saves_all_commit_without_a_database_is_locked_error()
    {
        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<CqpJuryDbContext>>();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.Organisations.Add(EntityBuilders.Employer($"Entreprise {i:00}"));
            db.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, UserName = "Test", Action = $"Création {i:00}" });
            await db.SaveChangesAsync();
        })));

        await using var check = await contexts.CreateDbContextAsync();
        Assert.Equal(40, await check.Organisations.CountAsync(o => o.Name.StartsWith("Entreprise ")));
    }
}
