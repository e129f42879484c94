using System.Collections.Concurrent;

// In Performance/ with the other savings (README.md); in the room services' namespace, which uses it.
namespace CqpJury.App.Services.Room;

/// <summary>
/// One instance of each dossier's content for every room page that shows it (memory per
/// connected member, work per vote: Performance/README.md). Each reload builds the content again from the database (so an
/// edit is always seen); when it equals the one already shared (<see cref="DossierContent.SameAs"/>),
/// the reload returns that instance: the five members' pages hold one copy instead of five, and a
/// page's content component sees the same instance and does not render again after a vote.
/// The content is shared only after the caller's checks (the member participates in the dossier);
/// entries are weak references: a content lives as long as a page shows it.
/// </summary>
public sealed class SharedDossierContents
{
    private const int SweepEvery = 256;
    private readonly ConcurrentDictionary<Guid, WeakReference<DossierContent>> _contents = new();
    private int _stored;

    /// <summary>The shared content of <paramref name="dossierId"/> equal to <paramref name="fresh"/> (fresh becomes the shared one when none is).</summary>
    public DossierContent Share(Guid dossierId, DossierContent fresh)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        if (_contents.TryGetValue(dossierId, out var entry) && entry.TryGetTarget(out var shared) && shared.SameAs(fresh))
        {
            return shared;
        }

        _contents[dossierId] = new WeakReference<DossierContent>(fresh);
        if (Interlocked.Increment(ref _stored) % SweepEvery == 0)
        {
            foreach (var (id, reference) in _contents)
            {
                if (!reference.TryGetTarget(out _))
                {
                    _contents.TryRemove(new KeyValuePair<Guid, WeakReference<DossierContent>>(id, reference));
                }
            }
        }

        return fresh;
    }
}
