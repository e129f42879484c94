using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Audit;

/// <summary>
/// The journal's hash chain (one per installation). Every journal entry is sealed when it is saved
/// (<see cref="CqpJuryDbContext"/>'s SaveChanges calls <see cref="SealAsync"/> inside the save's
/// transaction): it takes the next place (<see cref="AuditEntry.Sequence"/>) and its
/// <see cref="AuditEntry.Hash"/> = SHA-256 over the previous entry's hash and its own content, so
/// that editing, inserting or deleting an entry afterwards breaks the chain at that entry
/// (<see cref="JournalVerifier"/>). Appends are serialised across instances: on PostgreSQL by a
/// transaction-scoped advisory lock (<c>pg_advisory_xact_lock</c>), on SQLite by the database's single
/// writer (the save's transaction is <c>BEGIN IMMEDIATE</c>, and this process's writes queue in
/// <see cref="SqliteWriteGate"/>). The chain's head (<see cref="JournalHead"/>) is updated in the same
/// transaction, so a deleted last entry is noticed too.
/// </summary>
public static class JournalChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The advisory lock's key ("CQPJJRNL" as a 64-bit number): one chain per database.</summary>
    public const long PostgresLockKey = 4850746553659444812;

    private const string PostgresLockSql = "SELECT pg_advisory_xact_lock(4850746553659444812)";

    /// <summary>Written into every hash first: a later change of the formula gets a new tag.</summary>
    private const string FormulaTag = "cqpjury-journal-v1";

    /// <summary>The journal entries <paramref name="db"/> is about to insert.</summary>
    internal static List<AuditEntry> Pending(DbContext db) =>
        db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();

    /// <summary>
    /// Seals <paramref name="pending"/> on the chain's head, inside <paramref name="db"/>'s current
    /// transaction (which must exist: the lock lasts until it ends). Run again on a fresh head if the
    /// save is retried.
    /// </summary>
    internal static Task SealAsync(CqpJuryDbContext db, IReadOnlyList<AuditEntry> pending, CancellationToken cancellationToken) =>
        AppendAsync(db, () => Task.FromResult(pending), cancellationToken);

    /// <summary>
    /// Seals the entries written before the chain existed (their hash is null; the migration gave them
    /// negative places, out of the chain's way), at the end of the chain, in their order of writing (id). Run at
    /// start-up (<see cref="DatabaseInitializer"/>), before anything is appended; does nothing when all are sealed.
    /// </summary>
    public static async Task<int> SealEarlierEntriesAsync(CqpJuryDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.AuditEntries.AnyAsync(a => a.Hash == null, cancellationToken))
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var earlier = await AppendAsync(db, async () => await db.AuditEntries.Where(a => a.Hash == null).OrderBy(a => a.Id).ToListAsync(cancellationToken), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return earlier.Count;
    }

    /// <summary>
    /// Under the chain's lock (inside the current transaction), gives the entries <paramref name="entriesToSeal"/>
    /// returns the next places after the head, in their order, seals each on the previous one and moves the head
    /// (saved with the caller's changes). The entries are read only once the lock is held.
    /// </summary>
    private static async Task<IReadOnlyList<AuditEntry>> AppendAsync(CqpJuryDbContext db, Func<Task<IReadOnlyList<AuditEntry>>> entriesToSeal, CancellationToken cancellationToken)
    {
        var head = await LockAndReadHeadAsync(db, cancellationToken);
        var (sequence, hash) = head is null ? await StartOfChainAsync(db, cancellationToken) : (head.Sequence, head.Hash);
        var entries = await entriesToSeal();
        foreach (var entry in entries)
        {
            sequence++;
            entry.Sequence = sequence;
            entry.At = Normalize(entry.At);
            entry.DetailsSalt = NewSalt();
            entry.DetailsDigest = null;
            entry.Hash = Compute(hash, entry);
            hash = entry.Hash;
        }

        SetHead(db, exists: head is not null, sequence, hash);
        return entries;
    }

    /// <summary>
    /// Erases an entry's details (personal data of an anonymised candidate) and keeps their salted
    /// digest in their place: the chain still verifies, and the digest tells nothing about the text
    /// (its salt is erased with it). Saved with the caller's changes.
    /// </summary>
    public static void Expurgate(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.DetailsSalt is not { } salt)
        {
            return; // already expurgated (or never sealed: nothing to keep)
        }

        entry.DetailsDigest = DetailsDigestOf(salt, entry.Details);
        entry.DetailsSalt = null;
        entry.Details = null;
    }

    /// <summary>Has this entry's details been erased (<see cref="Expurgate"/>)?</summary>
    public static bool IsExpurgated(AuditEntry entry) => entry is { DetailsSalt: null, DetailsDigest: not null };

    /// <summary>The entry's hash on <paramref name="previousHash"/>: what <see cref="AuditEntry.Hash"/> must be.</summary>
    public static string Compute(string previousHash, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var details = entry.DetailsSalt is { } salt ? DetailsDigestOf(salt, entry.Details) : entry.DetailsDigest;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Field(sha, FormulaTag);
        Field(sha, previousHash);
        Field(sha, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(sha, entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Field(sha, entry.UserId);
        Field(sha, entry.UserName);
        Field(sha, entry.Action);
        Field(sha, entry.SessionId?.ToString("D"));
        Field(sha, entry.DossierId?.ToString("D"));
        Field(sha, details);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The instant as both engines store it exactly (UTC, whole milliseconds): the hash must survive a round trip.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>Takes the chain's lock for the current transaction and reads its head (null before the first sealed entry).</summary>
    internal static async Task<JournalHead?> LockAndReadHeadAsync(CqpJuryDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The journal chain is appended to inside a transaction only.");
        }

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(PostgresLockSql, cancellationToken);
        }

        // A head tracked by an earlier, failed attempt of this context is stale: read it afresh.
        foreach (var tracked in db.ChangeTracker.Entries<JournalHead>().ToList())
        {
            tracked.State = EntityState.Detached;
        }

        return await db.JournalHeads.AsNoTracking().FirstOrDefaultAsync(h => h.Id == JournalHead.SingletonId, cancellationToken);
    }

    /// <summary>Without a head row (a database that never sealed an entry): the last sealed entry, else the last checkpoint, else the beginning.</summary>
    private static async Task<(long Sequence, string Hash)> StartOfChainAsync(CqpJuryDbContext db, CancellationToken cancellationToken)
    {
        var last = await db.AuditEntries.AsNoTracking().Where(a => a.Hash != null).OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
        if (last is not null)
        {
            return (last.Sequence, last.Hash!);
        }

        var checkpoint = await db.JournalCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(cancellationToken);
        return checkpoint is null ? (0, Genesis) : (checkpoint.Sequence, checkpoint.Hash);
    }

    private static void SetHead(CqpJuryDbContext db, bool exists, long sequence, string hash)
    {
        var head = new JournalHead { Id = JournalHead.SingletonId, Sequence = sequence, Hash = hash };
        if (exists)
        {
            db.JournalHeads.Update(head);
        }
        else
        {
            db.JournalHeads.Add(head);
        }
    }

    private static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string DetailsDigestOf(string salt, string? details)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Field(sha, salt);
        Field(sha, details);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>One field, length-prefixed (−1 for null): no two different contents give the same bytes.</summary>
    private static void Field(IncrementalHash sha, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, -1);
            sha.AppendData(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        sha.AppendData(length);
        sha.AppendData(bytes);
    }
}
