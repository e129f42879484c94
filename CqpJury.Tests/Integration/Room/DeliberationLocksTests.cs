using CqpJury.App.Services.Room;

namespace CqpJury.Tests.Integration.Room;

/// <summary>The in-process queue of commands per deliberation (RoomService.MutateAsync).</summary>
public sealed class DeliberationLocksTests
{
    private static readonly Guid Session = Guid.NewGuid();

    [Fact]
    public async Task A_second_command_on_the_same_deliberation_waits_until_the_first_is_done()
    {
        var locks = new DeliberationLocks();
        var dossier = Guid.NewGuid();
        var first = await locks.EnterAsync(Session, dossier);
        var second = locks.EnterAsync(Session, dossier);
        await Task.Delay(100);
        Assert.False(second.IsCompleted);

        first.Dispose();
        using var turn = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, locks.ActiveCount);
    }

    [Fact]
    public async Task Commands_on_different_deliberations_do_not_wait_for_each_other()
    {
        var locks = new DeliberationLocks();
        using var leroy = await locks.EnterAsync(Session, Guid.NewGuid());
        using var mercier = await locks.EnterAsync(Session, Guid.NewGuid()).WaitAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(2, locks.ActiveCount);
    }

    [Fact]
    public async Task Nothing_is_kept_once_every_command_is_done_and_disposing_twice_releases_once()
    {
        var locks = new DeliberationLocks();
        var dossier = Guid.NewGuid();
        var turns = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            var turn = await locks.EnterAsync(Session, dossier);
            await Task.Yield();
            turn.Dispose();
            turn.Dispose();
            return turn;
        }));

        Assert.Equal(20, turns.Length);
        Assert.Equal(0, locks.ActiveCount);
    }
}
