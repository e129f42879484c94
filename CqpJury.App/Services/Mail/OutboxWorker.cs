using Microsoft.Extensions.Options;

namespace CqpJury.App.Services.Mail;

/// <summary>Wakes the background sender as soon as this instance writes a message (other instances find it at their next poll).</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}

/// <summary>
/// The background sender (a hosted service in every instance, unless <c>Mail:SenderEnabled</c> is false):
/// delivers what is due, then waits for a signal or the next poll (<c>Mail:PollSeconds</c>).
/// Instances share the outbox through <see cref="OutboxSender"/>'s leases.
/// </summary>
public sealed class OutboxWorker(OutboxSender sender, OutboxSignal signal, IOptions<MailOptions> options, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SenderEnabled)
        {
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sender.DeliverDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the loop must survive a database hiccup: it logs and tries again at the next poll
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "The mail outbox could not be delivered; trying again in {Seconds} s", options.Value.PollSeconds);
            }

            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(options.Value.PollSeconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
