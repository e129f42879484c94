using System.Globalization;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Audit;

/// <summary>What the journal's verification found: intact with <see cref="Entries"/> entries, or the first broken entry.</summary>
/// <param name="BrokenSequence">The place (n°) of the first entry that breaks the chain; null when intact.</param>
/// <param name="Text">The verdict in French: « journal intact : N entrées », or « journal altéré : entrée n° … ».</param>
public sealed record JournalVerdict(bool Intact, long Entries, long? BrokenSequence, string Text, long? PrunedBefore = null);

/// <summary>
/// Walks the journal's hash chain (<see cref="JournalChain"/>) from its start — or from the last
/// retention checkpoint — to its head: each entry must take the next place, carry the hash of its
/// content on its predecessor's hash, and the last one must be the recorded head. The first entry
/// that does not is named. Used by <c>dotnet run --project CqpJury.App -- verify-journal</c> and the
/// sessions' journal page.
/// </summary>
public sealed class JournalVerifier(IDbContextFactory<CqpJuryDbContext> dbFactory)
{
    public async Task<JournalVerdict> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var checkpoint = await db.JournalCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(cancellationToken);
        var start = checkpoint?.Sequence ?? 0;
        var previous = checkpoint?.Hash ?? JournalChain.Genesis;
        var expected = start + 1;
        long count = 0;
        await foreach (var entry in db.AuditEntries.AsNoTracking().Where(a => a.Sequence > start).OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (entry.Sequence != expected)
            {
                return Broken(count, expected, entry.Sequence == expected + 1
                    ? $"l'entrée n° {expected} a disparu (supprimée) : après la n° {expected - 1} vient la n° {entry.Sequence}"
                    : $"les entrées n° {expected} à {entry.Sequence - 1} ont disparu (supprimées) : après la n° {expected - 1} vient la n° {entry.Sequence}", checkpoint);
            }

            if (entry.Hash is null)
            {
                return Broken(count, entry.Sequence, $"{Describe(entry)} n'a jamais été scellée", checkpoint);
            }

            if (entry.DetailsSalt is null && (entry.DetailsDigest is null || entry.Details is not null))
            {
                return Broken(count, entry.Sequence, $"{Describe(entry)} : ses détails ont été modifiés (ils ne correspondent plus à leur empreinte)", checkpoint);
            }

            if (!string.Equals(JournalChain.Compute(previous, entry), entry.Hash, StringComparison.Ordinal))
            {
                return Broken(count, entry.Sequence, $"{Describe(entry)} : son contenu ne correspond plus à son empreinte (entrée modifiée, ou empreinte de l'entrée précédente modifiée)", checkpoint);
            }

            previous = entry.Hash;
            expected++;
            count++;
        }

        var last = expected - 1;
        var head = await db.JournalHeads.AsNoTracking().FirstOrDefaultAsync(h => h.Id == JournalHead.SingletonId, cancellationToken);
        if (head is null)
        {
            return count == 0
                ? Intact(0, checkpoint)
                : Broken(count, last, "la tête du journal (dernière entrée enregistrée) a disparu", checkpoint);
        }

        if (head.Sequence > last)
        {
            return Broken(count, last + 1, head.Sequence == last + 1
                ? $"l'entrée n° {last + 1}, la dernière, a disparu (supprimée)"
                : $"les dernières entrées, n° {last + 1} à {head.Sequence}, ont disparu (supprimées)", checkpoint);
        }

        if (head.Sequence != last || !string.Equals(head.Hash, previous, StringComparison.Ordinal))
        {
            return Broken(count, head.Sequence, "la tête du journal ne correspond plus à sa dernière entrée", checkpoint);
        }

        return Intact(count, checkpoint);
    }

    private static JournalVerdict Intact(long count, JournalCheckpoint? checkpoint) =>
        new(true, count, null,
            $"journal intact : {count.ToString(CultureInfo.InvariantCulture)} entrées"
            + (checkpoint is null ? string.Empty : $" (depuis l'entrée n° {checkpoint.Sequence + 1} ; les {checkpoint.Sequence} premières ont été supprimées au terme de leur durée de conservation)"),
            checkpoint?.Sequence);

    private static JournalVerdict Broken(long count, long sequence, string what, JournalCheckpoint? checkpoint) =>
        new(false, count, sequence, $"journal altéré : {what}", checkpoint?.Sequence);

    private static string Describe(AuditEntry entry) =>
        $"l'entrée n° {entry.Sequence} (« {entry.Action} », {FrenchTime.DateTime(entry.At)})";
}
