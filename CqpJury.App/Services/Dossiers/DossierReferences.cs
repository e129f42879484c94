using System.Globalization;
using CqpJury.App.Data;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Dossiers;

/// <summary>Human references "D-{year}-{seq:0000}", unique (a unique index guards against races).</summary>
internal static class DossierReferences
{
    public const int MaxAttempts = 3;

    /// <summary>The next free sequence numbers of <paramref name="year"/>, as references.</summary>
    public static async Task<IReadOnlyList<string>> NextAsync(CqpJuryDbContext db, int year, int count, CancellationToken cancellationToken)
    {
        var prefix = $"D-{year.ToString(CultureInfo.InvariantCulture)}-";
        var existing = await db.Dossiers.AsNoTracking()
            .Where(d => d.Reference.StartsWith(prefix))
            .Select(d => d.Reference)
            .ToListAsync(cancellationToken);
        var max = existing
            .Select(r => int.TryParse(r.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0)
            .Max();
        return Enumerable.Range(max + 1, count)
            .Select(n => prefix + n.ToString("0000", CultureInfo.InvariantCulture))
            .ToList();
    }

    /// <summary>A save that lost the race for a reference (unique index): retry with fresh numbers.</summary>
    public static bool IsReferenceConflict(DbUpdateException ex) =>
        DatabaseErrors.IsUniqueViolation(ex, "Dossiers", nameof(Data.Entities.DossierEntity.Reference));
}
