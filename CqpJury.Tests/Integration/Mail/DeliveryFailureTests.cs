using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Mail;
using CqpJury.TestServers;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Mail;

/// <summary>
/// Temporary failures are retried with back-off (fake clock), permanent ones stop with the server's reply;
/// nothing is lost and nothing is sent twice. Three convocations of the demo's draft session are the messages.
/// </summary>
public sealed class DeliveryFailureTests : SmtpDemoTest
{
    private SmtpTestServer _smtp => Smtp;

    private CqpJuryAppFactory _factory => Factory;

    private RoomScenario _s => S;

    private Task<int> ConveneAsync() =>
        _factory.AsUserAsync(_s.SecretariatEmail, sp => sp.GetRequiredService<MailService>().ConveneAsync(_s.DraftSessionId));

    [Fact]
    public async Task A_server_down_keeps_every_message_pending_with_the_reason_and_they_are_delivered_once_when_it_is_back()
    {
        await _smtp.StopAsync();
        Assert.Equal(3, await ConveneAsync());

        Assert.Equal(0, await _factory.DeliverAsync());
        var waiting = await _factory.OutboxAsync();
        Assert.All(waiting, m => Assert.Equal(OutboxStatus.Pending, m.Status));
        Assert.All(waiting, m => Assert.StartsWith("Serveur de messagerie injoignable", m.LastError, StringComparison.Ordinal));
        Assert.All(waiting, m => Assert.Equal(_factory.Clock.GetUtcNow().AddSeconds(30), m.NextAttemptAt));
        Assert.All(waiting, m => Assert.Equal(1, m.Attempts));

        // Back up, but the back-off is not over: nothing is tried yet.
        await _smtp.StartAsync();
        Assert.Equal(0, await _factory.DeliverAsync());
        Assert.Empty(_smtp.Received);

        _factory.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(3, await _factory.DeliverAsync());
        Assert.Equal(3, (await _smtp.WaitForAsync(3)).Count);
        var sent = await _factory.OutboxAsync();
        Assert.All(sent, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.All(sent, m => Assert.Equal(2, m.Attempts));

        _factory.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await _factory.DeliverAsync());
        Assert.Equal(3, _smtp.Received.Count);
        Assert.Equal(3, _smtp.Received.Select(r => r.Message.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_421_reply_is_retried_after_the_back_off_and_the_message_then_accepted_once()
    {
        _smtp.Reply = (_, index) => index == 0 ? (421, "4.3.2 Service temporairement indisponible") : null;
        await ConveneAsync();

        Assert.Equal(2, await _factory.DeliverAsync());
        var refused = Assert.Single(await _factory.OutboxAsync(), m => m.Status == OutboxStatus.Pending);
        Assert.Contains("421", refused.LastError, StringComparison.Ordinal);
        Assert.Contains("Service temporairement indisponible", refused.LastError, StringComparison.Ordinal);
        Assert.Equal(1, _smtp.Refused);

        _factory.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await _factory.DeliverAsync());
        var received = await _smtp.WaitForAsync(3);
        Assert.Single(received, r => r.Message.MessageId == refused.MessageId);
        Assert.All(await _factory.OutboxAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
        var view = await _factory.AsUserAsync(_s.SecretariatEmail, sp => sp.GetRequiredService<MailService>().ForSessionAsync(_s.DraftSessionId));
        Assert.All(view.Convocations, c => Assert.Equal("envoyé", c.StatusText));
    }

    [Fact]
    public async Task A_550_reply_is_a_failure_with_the_servers_reply_and_is_never_retried_until_the_secretariat_resends()
    {
        _smtp.Reply = (message, _) => message.To.Mailboxes.Single().Address.StartsWith("sophie", StringComparison.Ordinal)
            ? (550, "5.1.1 Recipient address rejected: User unknown")
            : null;
        await ConveneAsync();

        Assert.Equal(2, await _factory.DeliverAsync());
        var failed = Assert.Single(await _factory.OutboxAsync(), m => m.Status == OutboxStatus.Failed);
        Assert.StartsWith("Refusé par le serveur de messagerie : 550", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("5.1.1 Recipient address rejected: User unknown", failed.LastError, StringComparison.Ordinal);

        _factory.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await _factory.DeliverAsync());
        Assert.Equal(1, _smtp.Refused);
        var view = await _factory.AsUserAsync(_s.SecretariatEmail, sp => sp.GetRequiredService<MailService>().ForSessionAsync(_s.DraftSessionId));
        var shown = Assert.Single(view.Convocations, c => c.Status == OutboxStatus.Failed);
        Assert.Equal("échec", shown.StatusText);
        Assert.Contains("550", shown.Detail, StringComparison.Ordinal);
        Assert.True(shown.CanResend);

        // The address is fixed on the server's side; the secretariat resends: a new message, delivered.
        _smtp.Reply = null;
        await _factory.AsUserAsync(_s.SecretariatEmail, sp => sp.GetRequiredService<MailService>().ResendAsync(failed.Id));
        Assert.Equal(1, await _factory.DeliverAsync());
        Assert.Equal(3, (await _smtp.WaitForAsync(3)).Count);
        Assert.Equal(OutboxStatus.Failed, (await _factory.OutboxAsync()).Single(m => m.Id == failed.Id).Status);
    }

    [Fact]
    public async Task Temporary_failures_are_retried_with_doubling_delays_and_give_up_after_24_hours_with_the_last_reason()
    {
        await _smtp.StopAsync();
        await ConveneAsync();
        var delays = new List<TimeSpan>();
        var started = _factory.Clock.GetUtcNow();
        for (var i = 0; i < 40 && (await _factory.OutboxAsync()).Any(m => m.Status == OutboxStatus.Pending); i++)
        {
            await _factory.DeliverAsync();
            var next = (await _factory.OutboxAsync()).First();
            if (next.Status == OutboxStatus.Pending)
            {
                delays.Add(next.NextAttemptAt - _factory.Clock.GetUtcNow());
                _factory.Clock.SetUtcNow(next.NextAttemptAt);
            }
        }

        Assert.Equal([30, 60, 120, 240, 480, 960, 1920, 3600, 3600], delays.Take(9).Select(d => (int)d.TotalSeconds));
        var failed = await _factory.OutboxAsync();
        Assert.All(failed, m => Assert.Equal(OutboxStatus.Failed, m.Status));
        Assert.All(failed, m => Assert.StartsWith("Toujours impossible après 24 h d'essais : Serveur de messagerie injoignable", m.LastError, StringComparison.Ordinal));
        Assert.InRange(_factory.Clock.GetUtcNow() - started, TimeSpan.FromHours(24), TimeSpan.FromHours(25));
    }

    [Fact]
    public async Task The_secretariat_cancels_a_waiting_message_it_is_never_sent_and_a_sent_one_can_no_longer_be_cancelled()
    {
        await _smtp.StopAsync();
        await ConveneAsync();
        await _factory.DeliverAsync();
        var first = (await _factory.OutboxAsync()).First();
        await _factory.AsUserAsync(_s.SecretariatEmail, sp => sp.GetRequiredService<MailService>().CancelAsync(first.Id));

        await _smtp.StartAsync();
        _factory.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, await _factory.DeliverAsync());
        await _smtp.WaitForAsync(2);
        Assert.DoesNotContain(_smtp.Received, r => r.Message.MessageId == first.MessageId);
        var view = await _factory.AsUserAsync(_s.SecretariatEmail, sp => sp.GetRequiredService<MailService>().ForSessionAsync(_s.DraftSessionId));
        Assert.Equal("annulé", view.Convocations.Single(c => c.Id == first.Id).StatusText);
        var sent = view.Convocations.First(c => c.Status == OutboxStatus.Sent);
        var refusal = await Assert.ThrowsAsync<CqpJury.App.Services.UserFacingException>(() =>
            _factory.AsUserAsync(_s.SecretariatEmail, sp => sp.GetRequiredService<MailService>().CancelAsync(sent.Id)));
        Assert.Equal("Ce message n'est plus en attente : il ne peut plus être annulé.", refusal.Message);
    }

    [Fact]
    public async Task A_sender_stopped_mid_batch_leaves_its_message_leased_another_instance_sends_it_after_the_lease_and_at_most_that_one_twice()
    {
        var expected = await _factory.AddPreparedMessagesAsync(_s.DraftSessionId, 6);
        _smtp.DelayPerMessage = TimeSpan.FromMilliseconds(400);

        // Instance A sends; it is stopped while the server holds the third message's DATA: the process dies
        // between the server's acceptance and the record, which is what kill -9 leaves in the outbox.
        using var stop = new CancellationTokenSource();
        var a = _factory.Services.GetRequiredService<OutboxSender>().DeliverDueAsync(stop.Token);
        await _smtp.WaitForArrivalsAsync(3);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a);
        _smtp.DelayPerMessage = TimeSpan.Zero;

        var afterCrash = await _factory.OutboxAsync();
        var inFlight = Assert.Single(afterCrash, m => m.Status == OutboxStatus.Pending && m.LeaseToken is not null);
        Assert.Equal(2, afterCrash.Count(m => m.Status == OutboxStatus.Sent));

        // Instance B starts on the same database: it sends the rest at once, not the leased message…
        using var b = new CqpJuryAppFactory(_factory.DataRoot, deleteOnDispose: false).UseSmtp(_smtp);
        b.Clock.SetUtcNow(_factory.Clock.GetUtcNow());
        Assert.Equal(3, await b.DeliverAsync());
        Assert.Equal(OutboxStatus.Pending, (await b.OutboxAsync()).Single(m => m.Id == inFlight.Id).Status);

        // …and sends it once its lease (Mail:LeaseSeconds, 120 s) has run out.
        b.Clock.Advance(TimeSpan.FromSeconds(121));
        Assert.Equal(1, await b.DeliverAsync());
        Assert.Equal(0, await b.DeliverAsync());

        var outbox = await b.OutboxAsync();
        Assert.All(outbox, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.Equal(2, outbox.Single(m => m.Id == inFlight.Id).Attempts);
        var received = (await _smtp.WaitForAsync(6)).Select(r => r.Message.MessageId).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal), received.Distinct().Order(StringComparer.Ordinal));
        // Nothing lost; a duplicate only for the message in flight at the crash (the server accepted it before A died).
        var duplicates = received.GroupBy(id => id).Where(g => g.Count() > 1).ToList();
        Assert.True(duplicates.Count <= 1, $"{duplicates.Count} messages received twice");
        Assert.All(duplicates, d => Assert.Equal(inFlight.MessageId, d.Key));
        Assert.All(duplicates, d => Assert.Equal(2, d.Count()));
    }

    [Fact]
    public async Task Two_instances_delivering_one_outbox_at_the_same_time_send_each_message_exactly_once()
    {
        var expected = await _factory.AddPreparedMessagesAsync(_s.DraftSessionId, 40);
        _smtp.DelayPerMessage = TimeSpan.FromMilliseconds(5);
        using var second = new CqpJuryAppFactory(_factory.DataRoot, deleteOnDispose: false).UseSmtp(_smtp);
        second.Clock.SetUtcNow(_factory.Clock.GetUtcNow());
        var senders = new[] { _factory, second, _factory, second }
            .Select(f => Task.Run(() => f.DeliverAsync()))
            .ToArray();
        var counts = await Task.WhenAll(senders);

        Assert.Equal(40, counts.Sum());
        Assert.True(counts[0] + counts[2] > 0 && counts[1] + counts[3] > 0, $"one instance sent everything: {string.Join(", ", counts)}");
        var received = (await _smtp.WaitForAsync(40)).Select(r => r.Message.MessageId).ToList();
        Assert.Equal(40, received.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
        var outbox = await _factory.OutboxAsync();
        Assert.All(outbox, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.All(outbox, m => Assert.Equal(1, m.Attempts));
    }
}
