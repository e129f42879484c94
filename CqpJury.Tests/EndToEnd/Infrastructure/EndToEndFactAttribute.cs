namespace CqpJury.Tests.EndToEnd.Infrastructure;

/// <summary>
/// A real-browser test: skipped (with the reason printed) when chromium is missing on a developer's
/// machine; run — and failing with a clear message — when it is missing in CI.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class EndToEndFactAttribute : FactAttribute
{
    private static int _reported;

    public EndToEndFactAttribute()
    {
        if (EndToEndEnvironment.SkipReason is { } reason)
        {
            Skip = reason;
            if (Interlocked.Exchange(ref _reported, 1) == 0)
            {
                Console.Error.WriteLine(reason);
            }
        }
    }
}
