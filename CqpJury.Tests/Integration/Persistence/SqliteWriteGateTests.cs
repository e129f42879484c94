using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Persistence;

/// <summary>
/// Saves of one process queue for the database instead of sleeping in SQLite's busy handler
/// (<see cref="SqliteWriteGate"/>); on PostgreSQL the same tests check plain concurrent saves.
/// </summary>
public sealed class SqliteWriteGateTests : IDisposable
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

    [Fact]
    public async Task A_save_that_fails_lets_the_next_save_through()
    {
        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<CqpJuryDbContext>>();
        var session = new JurySession { Id = Guid.NewGuid(), Title = "Session du 27 novembre", Date = new DateOnly(2026, 11, 27) };
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Sessions.Add(session);
            await db.SaveChangesAsync();
        }

        // Two secretaries edit the same session; the second save loses (concurrency stamp).
        await using var first = await contexts.CreateDbContextAsync();
        await using var second = await contexts.CreateDbContextAsync();
        var a = await first.Sessions.SingleAsync(s => s.Id == session.Id);
        var b = await second.Sessions.SingleAsync(s => s.Id == session.Id);
        a.Place = "Lyon";
        a.ConcurrencyStamp = Guid.NewGuid();
        b.Place = "Paris";
        b.ConcurrencyStamp = Guid.NewGuid();
        second.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, UserName = "Test", Action = "Lieu : Paris" }); // two commands: a transaction
        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        // The failed save released its turn: the next one (two rows, so in a transaction of its own) commits at once.
        await using var third = await contexts.CreateDbContextAsync();
        third.Organisations.Add(EntityBuilders.Employer("Entreprise après l'échec"));
        third.AuditEntries.Add(new AuditEntry { At = DateTimeOffset.UtcNow, UserName = "Test", Action = "Après l'échec" });
        await third.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("Lyon", (await third.Sessions.AsNoTracking().SingleAsync(s => s.Id == session.Id)).Place);
    }
}
