using CqpJury.App.Services.Room;
using CqpJury.Benchmarks.Browser;
using CqpJury.Benchmarks.Storage;
using CqpJury.Domain.Deliberations;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Benchmarks.RoomWork;

/// <summary>
/// What a step cost the process, its command and the five pages' reloads it causes: the CPU, and the bytes allocated
/// (the garbage the GC collects later, wherever it then runs).
/// </summary>
public readonly record struct StepCost(TimeSpan Command, TimeSpan Reloads, long CommandBytes, long ReloadsBytes);

/// <summary>
/// A seeded session's five members, each in a scope of their own signed in as a circuit is, calling the room's
/// services as their room pages do (<c>RoomPage</c>): enter, designate the president, put the dossier on screen,
/// declare no link, then rounds as figure 1's — one member objects with a reason (R12), four approve, the chair
/// amends. After each command the five pages reload as they would on its event (<see
/// cref="RoomService.GetRoomAndDossierAsync"/>, the deliberations only): no circuit, no render, no SignalR.
/// </summary>
public sealed class RoomWorkSession : IAsyncDisposable
{
    /// <summary>R12: the reason an objection states (the room refuses one without).</summary>
    public const string ObjectionReason = "La compétence 2 mérite d'être discutée.";

    private readonly List<AsyncServiceScope> _scopes;
    private IReadOnlyDictionary<string, bool> _proposal = new Dictionary<string, bool>();
    private int _round;

    private RoomWorkSession(SeededSession session, List<AsyncServiceScope> scopes)
    {
        Session = session;
        _scopes = scopes;
        Rooms = [.. scopes.Select(s => s.ServiceProvider.GetRequiredService<RoomService>())];
    }

    public SeededSession Session { get; }

    /// <summary>Each member's room services, in <see cref="SeededSession.Members"/>' order.</summary>
    public IReadOnlyList<RoomService> Rooms { get; }

    /// <summary>The dossier deliberated.</summary>
    public Guid DossierId { get; private set; }

    /// <summary>What each member's page showed after the last step (the views its reload returned).</summary>
    public IReadOnlyList<DossierView?> Shown { get; private set; } = [];

    private int PresidentIndex => Session.Members.ToList().IndexOf(Session.President);

    /// <summary>The five members sign in and enter; the president is designated, the dossier put on screen, nobody declares a link, the default proposal goes to the vote.</summary>
    public static async Task<RoomWorkSession> PrepareAsync(AppHost host, SeededSession session)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(session);
        var scopes = new List<AsyncServiceScope>();
        foreach (var member in session.Members)
        {
            scopes.Add(await host.SignedInScopeAsync(member.Email));
        }

        var work = new RoomWorkSession(session, scopes);
        var id = session.Id;
        foreach (var room in work.Rooms)
        {
            await room.EnterAsync(id);
        }

        var president = work.Rooms[work.PresidentIndex];
        await work.Rooms[session.Members.ToList().IndexOf(session.Proposer)].ProposePresidentAsync(id, session.President.Id);
        foreach (var room in work.Rooms.Where((_, i) => session.Members[i] != session.Proposer))
        {
            await room.AcceptPresidentAsync(id);
        }

        var view = await president.GetRoomAsync(id);
        work.DossierId = view.Agenda.Single(a => a.Reference == session.DossierReference).DossierId;
        await president.SetCurrentDossierAsync(id, work.DossierId);
        foreach (var room in work.Rooms)
        {
            await room.DeclareConflictAsync(id, work.DossierId, hasConflict: false, reason: null);
        }

        // R3: the proposal prefilled from the evaluation, as the chair's editor offers it.
        var content = (await president.GetDossierAsync(id, work.DossierId)).Content
            ?? throw new InvalidOperationException("The president does not see the dossier's content.");
        work._proposal = content.Competences.Where(c => c.Situation == CompetenceSituation.ToDecide)
            .ToDictionary(c => c.Code, c => c.MayBeValidated, StringComparer.Ordinal);
        await president.ProposeAsync(id, work.DossierId, work._proposal);
        return work;
    }

    /// <summary>One round (figure 1's): the round's first voter (rotating) objects, the four others approve; the five votes' costs.</summary>
    public async Task<List<StepCost>> VoteRoundAsync()
    {
        var costs = new List<StepCost>();
        for (var i = 0; i < Rooms.Count; i++)
        {
            var voter = (_round + i) % Rooms.Count;
            var objects = i == 0;
            costs.Add(await StepAsync(() => Rooms[voter].VoteAsync(
                Session.Id, DossierId, objects ? VoteChoice.Object : VoteChoice.Approve, objects ? ObjectionReason : null)));
        }

        _round++;
        return costs;
    }

    /// <summary>The chair submits the proposal again after the objection: a new round.</summary>
    public Task<StepCost> AmendAsync() => StepAsync(() => Rooms[PresidentIndex].ProposeAsync(Session.Id, DossierId, _proposal));

    /// <summary>A command, then the five pages' reloads for it (what each page does on the command's event).</summary>
    private async Task<StepCost> StepAsync(Func<Task> command)
    {
        var startBytes = AppHost.AllocatedBytes();
        var start = AppHost.ProcessCpu();
        await command();
        var committed = System.Diagnostics.Stopwatch.GetTimestamp();
        var afterCommand = AppHost.ProcessCpu();
        var afterCommandBytes = AppHost.AllocatedBytes();
        var shown = new List<DossierView?>();
        foreach (var room in Rooms)
        {
            shown.Add((await room.GetRoomAndDossierAsync(Session.Id, null, committed, deliberationsOnly: true)).Dossier);
        }

        var end = AppHost.ProcessCpu();
        var endBytes = AppHost.AllocatedBytes();
        Shown = shown;
        return new StepCost(afterCommand - start, end - afterCommand, afterCommandBytes - startBytes, endBytes - afterCommandBytes);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }
    }
}
