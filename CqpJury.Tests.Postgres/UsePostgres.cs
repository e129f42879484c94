// Every [Fact]/[Theory] of the linked integration tests becomes a PostgreSQL fact: skipped with a
// printed reason when no PostgreSQL server can be found or started outside CI (see PostgresServer).
// Aliases are looked up before the `using Xunit;` import, so the linked files need no change.
global using FactAttribute = CqpJury.Tests.PostgresFactAttribute;
global using TheoryAttribute = CqpJury.Tests.PostgresTheoryAttribute;

using CqpJury.TestServers;
using System.Runtime.CompilerServices;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests;

internal static class UsePostgres
{
    /// <summary>Runs when the test assembly loads, before any test: the suite's database is PostgreSQL.</summary>
    [ModuleInitializer]
    internal static void Switch() => TestDatabase.Current = new PostgresTestDatabase();
}

[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresFactAttribute : Xunit.FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresSkip.Reason;
    }
}

[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PostgresTheoryAttribute : Xunit.TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        Skip = PostgresSkip.Reason;
    }
}

internal static class PostgresSkip
{
    private static int _reported;

    /// <summary>The skip reason (printed once), or null when the tests run.</summary>
    public static string? Reason
    {
        get
        {
            var reason = PostgresServer.SkipReason;
            if (reason is not null && Interlocked.Exchange(ref _reported, 1) == 0)
            {
                Console.Error.WriteLine(reason);
            }

            return reason;
        }
    }
}
