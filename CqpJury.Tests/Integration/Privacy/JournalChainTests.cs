using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Audit;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Privacy;

/// <summary>
/// R16 — the journal proves itself: every entry is chained by SHA-256 to the one before it, and a
/// change made directly in the database (behind the app's back) is named by the verification.
/// </summary>
public sealed class JournalChainTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private JournalVerifier Verifier => _factory.Services.GetRequiredService<JournalVerifier>();

    [Fact]
    public async Task Entries_written_through_the_journal_form_one_unbroken_chain()
    {
        await JournalTestData.WriteAsync(_factory, 5);

        var verdict = await Verifier.VerifyAsync();

        var entries = await EntriesAsync();
        Assert.True(verdict.Intact, verdict.Text);
        Assert.Equal(entries.Count, verdict.Entries);
        Assert.Equal($"journal intact : {entries.Count} entrées", verdict.Text);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(JournalChain.Compute(JournalChain.Genesis, entries[0]), entries[0].Hash);
        for (var i = 1; i < entries.Count; i++)
        {
            Assert.Equal(JournalChain.Compute(entries[i - 1].Hash!, entries[i]), entries[i].Hash);
        }
    }

    [Fact]
    public async Task Editing_one_entrys_text_directly_in_the_database_is_named_by_the_verification()
    {
        await JournalTestData.WriteAsync(_factory, 6);
        var entries = await EntriesAsync();
        var target = entries[3];

        var changed = await TestDatabase.Current.ExecuteRawAsync(_factory.DataRoot,
            $"UPDATE \"AuditEntries\" SET \"Details\" = 'Détail falsifié' WHERE \"Id\" = {target.Id}");

        Assert.Equal(1, changed);
        var verdict = await Verifier.VerifyAsync();
        Assert.False(verdict.Intact);
        Assert.Equal(target.Sequence, verdict.BrokenSequence);
        Assert.StartsWith($"journal altéré : l'entrée n° {target.Sequence} (« {target.Action} »", verdict.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_an_entrys_action_author_or_time_is_named_too()
    {
        await JournalTestData.WriteAsync(_factory, 6);
        var entries = await EntriesAsync();

        await TestDatabase.Current.ExecuteRawAsync(_factory.DataRoot, $"UPDATE \"AuditEntries\" SET \"UserName\" = 'Quelqu''un d''autre' WHERE \"Id\" = {entries[4].Id}");
        await TestDatabase.Current.ExecuteRawAsync(_factory.DataRoot, $"UPDATE \"AuditEntries\" SET \"Action\" = 'Autre action' WHERE \"Id\" = {entries[2].Id}");

        var verdict = await Verifier.VerifyAsync();
        Assert.Equal(entries[2].Sequence, verdict.BrokenSequence); // the first broken one
    }

    [Fact]
    public async Task Deleting_one_entry_in_the_middle_is_detected()
    {
        await JournalTestData.WriteAsync(_factory, 6);
        var entries = await EntriesAsync();

        await TestDatabase.Current.ExecuteRawAsync(_factory.DataRoot, $"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {entries[2].Id}");

        var verdict = await Verifier.VerifyAsync();
        Assert.False(verdict.Intact);
        Assert.Equal(entries[2].Sequence, verdict.BrokenSequence);
        Assert.Contains($"l'entrée n° {entries[2].Sequence} a disparu", verdict.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_last_entry_is_detected()
    {
        await JournalTestData.WriteAsync(_factory, 4);
        var entries = await EntriesAsync();

        await TestDatabase.Current.ExecuteRawAsync(_factory.DataRoot, $"DELETE FROM \"AuditEntries\" WHERE \"Id\" = {entries[^1].Id}");

        var verdict = await Verifier.VerifyAsync();
        Assert.False(verdict.Intact);
        Assert.Equal(entries[^1].Sequence, verdict.BrokenSequence);
        Assert.Contains("la dernière, a disparu", verdict.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recomputing_an_edited_entrys_own_hash_still_breaks_the_next_one()
    {
        await JournalTestData.WriteAsync(_factory, 5);
        var entries = await EntriesAsync();
        var target = entries[1];
        target.Details = "Détail falsifié";
        var forged = JournalChain.Compute(entries[0].Hash!, target);

        await TestDatabase.Current.ExecuteRawAsync(_factory.DataRoot,
            $"UPDATE \"AuditEntries\" SET \"Hash\" = '{forged}' WHERE \"Id\" = {target.Id}");

        var verdict = await Verifier.VerifyAsync();
        Assert.Equal(target.Sequence, verdict.BrokenSequence); // its details no longer match their salted digest
    }

    [Fact]
    public async Task Two_instances_appending_at_the_same_time_keep_one_chain_with_no_gap()
    {
        using var second = new CqpJuryAppFactory(_factory.DataRoot, deleteOnDispose: false);
        _ = _factory.Services;
        _ = second.Services;

        await Task.WhenAll(
            Enumerable.Range(0, 20).Select(i => Task.Run(() => JournalTestData.WriteAsync(_factory, 1, $"Instance A n° {i}")))
                .Concat(Enumerable.Range(0, 20).Select(i => Task.Run(() => JournalTestData.WriteAsync(second, 1, $"Instance B n° {i}")))));

        var verdict = await Verifier.VerifyAsync();
        var entries = await EntriesAsync();
        Assert.True(verdict.Intact, verdict.Text);
        Assert.Equal(40, entries.Count(e => e.Action.StartsWith("Instance ", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Entries_written_before_the_chain_are_sealed_at_the_next_start_in_their_order()
    {
        var root = Path.Combine(Path.GetTempPath(), "cqpjury-tests", Guid.NewGuid().ToString("N"));
        using (var before = new CqpJuryAppFactory(root, deleteOnDispose: false))
        {
            await JournalTestData.WriteAsync(before, 3);
        }

        // As the migration leaves the journal of an installation older than the chain: no hash, negative places.
        await TestDatabase.Current.ExecuteRawAsync(root, "DELETE FROM \"JournalHead\"");
        await TestDatabase.Current.ExecuteRawAsync(root,
            "UPDATE \"AuditEntries\" SET \"Hash\" = NULL, \"DetailsSalt\" = NULL, \"Sequence\" = -\"Id\"");

        using var restarted = new CqpJuryAppFactory(root, deleteOnDispose: true);
        var verdict = await restarted.Services.GetRequiredService<JournalVerifier>().VerifyAsync();

        Assert.True(verdict.Intact, verdict.Text);
        await using var db = await restarted.Services.GetRequiredService<IDbContextFactory<CqpJuryDbContext>>().CreateDbContextAsync();
        var entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(entries.OrderBy(e => e.Id).Select(e => e.Id), entries.Select(e => e.Id)); // sealed in their order of writing
        Assert.All(entries, e => Assert.NotNull(e.Hash));
    }

    [Fact]
    public async Task Expurgated_details_leave_the_chain_intact_but_cannot_be_rewritten()
    {
        await JournalTestData.WriteAsync(_factory, 4);
        var entries = await EntriesAsync();
        await _factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Id == entries[1].Id);
            JournalChain.Expurgate(entry);
            await db.SaveChangesAsync();
        });

        var afterErasure = await Verifier.VerifyAsync();
        await TestDatabase.Current.ExecuteRawAsync(_factory.DataRoot, $"UPDATE \"AuditEntries\" SET \"Details\" = 'Réécrit' WHERE \"Id\" = {entries[1].Id}");
        var afterRewrite = await Verifier.VerifyAsync();

        Assert.True(afterErasure.Intact, afterErasure.Text);
        Assert.Null((await EntriesAsync())[1].DetailsSalt);
        Assert.False(afterRewrite.Intact);
        Assert.Equal(entries[1].Sequence, afterRewrite.BrokenSequence);
    }

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        List<AuditEntry> entries = [];
        await _factory.WithDbAsync(async db => entries = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        return entries;
    }
}

/// <summary>Journal entries written the app's way (AuditLog, in a save of their own).</summary>
internal static class JournalTestData
{
    public static Task WriteAsync(CqpJuryAppFactory factory, int count, string action = "Action de test") =>
        factory.WithScopeAsync(async sp =>
        {
            var audit = sp.GetRequiredService<AuditLog>();
            var contexts = sp.GetRequiredService<IDbContextFactory<CqpJuryDbContext>>();
            for (var i = 0; i < count; i++)
            {
                await using var db = await contexts.CreateDbContextAsync();
                audit.Add(db, null, count == 1 ? action : $"{action} {i + 1}", Guid.NewGuid(), Guid.NewGuid(), $"Détail n° {i + 1} : DUPONT Jeanne, né(e) le 02/03/1990");
                await db.SaveChangesAsync();
            }

            return count;
        });
}
