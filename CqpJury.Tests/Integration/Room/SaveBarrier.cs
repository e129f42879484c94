using CqpJury.App.Data;
using CqpJury.App.Services.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Room;

/// <summary>
/// Makes "two members act at the same moment" deterministic: once armed, the first
/// <see cref="Participants"/> SaveChanges that add an entity of type <typeparamref name="T"/>
/// wait for each other (each has already read its state) before writing. Unarmed, it does nothing;
/// a lone participant goes on after a short timeout.
/// </summary>
internal sealed class SaveBarrier : SaveChangesInterceptor
{
    private readonly Lock _gate = new();
    private Func<DbContext, bool>? _matches;
    private int _waiting;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Participants { get; private set; }

    /// <summary>How many saves met the barrier since it was armed.</summary>
    public int Arrived { get; private set; }

    public void Arm<T>(int participants = 2)
        where T : class
    {
        lock (_gate)
        {
            Participants = participants;
            Arrived = 0;
            _waiting = 0;
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _matches = db => db.ChangeTracker.Entries<T>().Any(e => e.State == EntityState.Added);
        }
    }

    public void Disarm()
    {
        lock (_gate)
        {
            _matches = null;
            _released.TrySetResult();
        }
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Task? wait = null;
        lock (_gate)
        {
            if (_matches is { } matches && eventData.Context is { } context && matches(context) && _waiting < Participants)
            {
                Arrived++;
                _waiting++;
                if (_waiting == Participants)
                {
                    _released.TrySetResult();
                    _matches = null; // later saves (retries) go straight through
                }

                wait = _released.Task;
            }
        }

        if (wait is not null)
        {
            try
            {
                await wait.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            }
            catch (TimeoutException)
            {
                // Alone at the barrier: go on.
            }
        }

        return result;
    }
}

/// <summary>
/// The real app with a <see cref="SaveBarrier"/> on every database context, and without the
/// in-process queue per deliberation (each scope gets its own <see cref="DeliberationLocks"/>): two
/// commands then race as they would from two instances, and the database alone must keep them apart.
/// </summary>
internal sealed class BarrierAppFactory : CqpJuryAppFactory
{
    public SaveBarrier Barrier { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            TestDatabase.Current.AddInterceptor(services, Barrier);
            services.AddTransient<DeliberationLocks>();
        });
    }
}
