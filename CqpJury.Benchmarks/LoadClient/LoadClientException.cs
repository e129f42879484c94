namespace CqpJury.Benchmarks.LoadClient;

/// <summary>
/// What a simulated member could not do, said loudly: an element to click absent or disabled, an event the server
/// refused, a JS.Error from the circuit, a render batch the mirror could not apply, a wait that timed out.
/// </summary>
public sealed class LoadClientException : Exception
{
    public LoadClientException()
    {
    }

    public LoadClientException(string message)
        : base(message)
    {
    }

    public LoadClientException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
