using System.Collections.Concurrent;
using System.Diagnostics;
using CqpJury.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.TestSupport;

/// <summary>
/// The SQL commands EF Core runs on one test app's database while the log is open (other tests' apps, running in
/// parallel in the same process, use other databases and are left out): what a piece of work really reads.
/// </summary>
public sealed class SqlCommandLog : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly ConcurrentQueue<string> _commands = new();
    private readonly List<IDisposable> _subscriptions = [];
    private readonly (string DataSource, string Database) _target;

    public SqlCommandLog(CqpJuryAppFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using (var scope = factory.Services.CreateScope())
        {
            using var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<CqpJuryDbContext>>().CreateDbContext();
            var connection = db.Database.GetDbConnection();
            _target = (connection.DataSource, connection.Database);
        }

        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        // EF Core remembers for its logging cache time (1 s by default) that nobody listened to a context's commands;
        // the app's contexts are pooled, so a context used just before this log opened would keep its commands
        // unreported that long. Past it, every command is seen.
        Thread.Sleep(EfLoggingCacheTime + TimeSpan.FromMilliseconds(100));
    }

    /// <summary>EF Core's default logging cache time (CoreOptionsExtension.LoggingCacheTime).</summary>
    private static readonly TimeSpan EfLoggingCacheTime = TimeSpan.FromSeconds(1);

    /// <summary>The commands' texts, in order.</summary>
    public IReadOnlyList<string> Commands => [.. _commands];

    /// <summary>The commands that name <paramref name="table"/> (quoted as EF quotes it on either provider).</summary>
    public IReadOnlyList<string> Touching(string table) =>
        [.. _commands.Where(c => c.Contains($"\"{table}\"", StringComparison.Ordinal))];

    public void Clear() => _commands.Clear();

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data
            && data.Command.Connection is { } connection && (connection.DataSource, connection.Database) == _target)
        {
            _commands.Enqueue(data.Command.CommandText);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}
