using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Mail;
using CqpJury.App.Services.Sessions;
using CqpJury.TestServers;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Mail;

/// <summary>
/// The secretariat convenes the demo's draft session (Amandine, Olivier, Sophie; 9:30, visio): each member receives
/// a French convocation with an iCalendar invitation, parsed back with Ical.Net: METHOD, UID stable across updates,
/// SEQUENCE raised by a change of date and by the cancellation, DTSTART in Europe/Paris.
/// </summary>
public sealed class ConvocationMailTests : SmtpDemoTest
{
    private SmtpTestServer _smtp => Smtp;

    private CqpJuryAppFactory _factory => Factory;

    private RoomScenario _s => S;

    private Task<T> AsSecretariat<T>(Func<IServiceProvider, Task<T>> work) => _factory.AsUserAsync(_s.SecretariatEmail, work);

    private Task<int> ConveneAsync() => AsSecretariat(sp => sp.GetRequiredService<MailService>().ConveneAsync(_s.DraftSessionId));

    /// <summary>The messages received since <paramref name="before"/>, by recipient, with their invitation parsed.</summary>
    private async Task<List<(MimeMessage Message, Calendar Calendar, CalendarEvent Event)>> DeliverAndReadAsync(int before, int expected)
    {
        Assert.Equal(expected, await _factory.DeliverAsync());
        var received = (await _smtp.WaitForAsync(before + expected)).Skip(before).ToList();
        return received.Select(r =>
        {
            var ics = r.Message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar");
            var attachment = r.Message.Attachments.OfType<MimePart>().Single(p => p.FileName!.EndsWith(".ics", StringComparison.Ordinal));
            using var bytes = new MemoryStream();
            attachment.Content!.DecodeTo(bytes);
            // The same invitation inline and attached (the attachment keeps RFC 5545's CRLF; the inline text part is read with LF).
            var attached = System.Text.Encoding.UTF8.GetString(bytes.ToArray());
            Assert.Contains("\r\n", attached, StringComparison.Ordinal);
            Assert.Equal(ics.Text.ReplaceLineEndings("\n"), attached.ReplaceLineEndings("\n"));
            var calendar = Calendar.Load(ics.Text)!;
            Assert.Equal(calendar.Method, ics.ContentType.Parameters["method"]);
            return (r.Message, calendar, calendar.Events.Single());
        }).OrderBy(m => m.Message.To.Mailboxes.Single().Address, StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Convening_sends_each_member_a_French_convocation_with_an_invitation_in_Paris_time_then_an_update_with_a_higher_sequence_then_a_cancellation()
    {
        var expectedUid = $"session-{_s.DraftSessionId:N}@cqpjury";
        Assert.Equal(3, await ConveneAsync());
        var first = await DeliverAndReadAsync(0, 3);
        Assert.Equal([_s.Email(Amandine), _s.Email(Olivier), _s.Email(Sophie)], first.Select(m => m.Message.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        var session = await AsSecretariat(sp => sp.GetRequiredService<SessionAdminService>().GetAsync(_s.DraftSessionId));
        foreach (var (message, calendar, evt) in first)
        {
            Assert.StartsWith("Convocation : jury paritaire du ", message.Subject, StringComparison.Ordinal);
            Assert.Contains("Vous êtes convoqué(e) à la session du jury paritaire", message.TextBody, StringComparison.Ordinal);
            Assert.Contains("09:30 (heure de Paris)", message.TextBody, StringComparison.Ordinal);
            Assert.Contains("https://visio.exemple.test/jury-suivant", message.TextBody, StringComparison.Ordinal);
            Assert.Contains($"{MailTestSupport.PublicBase}/sessions/{_s.DraftSessionId}", message.TextBody, StringComparison.Ordinal);
            Assert.Contains("lang=\"fr\"", message.HtmlBody, StringComparison.Ordinal);
            Assert.Equal("REQUEST", calendar.Method);
            Assert.Equal(expectedUid, evt.Uid);
            Assert.Equal(0, evt.Sequence);
            Assert.Equal("Europe/Paris", evt.DtStart!.TzId);
            Assert.Equal(session.Date, evt.DtStart.Date);
            Assert.Equal(new TimeOnly(9, 30), evt.DtStart.Time);
            Assert.Single(calendar.TimeZones, z => z.TzId == "Europe/Paris");
            Assert.Equal("mailto:" + message.To.Mailboxes.Single().Address, evt.Attendees.Single().Value!.ToString(), ignoreCase: true);
        }

        // The secretariat moves the session a week later and to 14:00: an update, same UID, SEQUENCE 1, written with the change.
        var input = session.ToInput();
        input.Date = session.Date.AddDays(7);
        input.StartTime = new TimeOnly(14, 0);
        await AsSecretariat(async sp =>
        {
            await sp.GetRequiredService<SessionAdminService>().UpdateAsync(_s.DraftSessionId, input, session.ConcurrencyStamp);
            return 0;
        });
        var update = await DeliverAndReadAsync(3, 3);
        Assert.All(update, m => Assert.StartsWith("Modification de la convocation : jury paritaire du ", m.Message.Subject, StringComparison.Ordinal));
        Assert.All(update, m => Assert.Contains("a été modifiée", m.Message.TextBody, StringComparison.Ordinal));
        Assert.All(update, m => Assert.Equal("REQUEST", m.Calendar.Method));
        Assert.All(update, m => Assert.Equal(expectedUid, m.Event.Uid));
        Assert.All(update, m => Assert.Equal(1, m.Event.Sequence));
        Assert.All(update, m => Assert.Equal(session.Date.AddDays(7), m.Event.DtStart!.Date));
        Assert.All(update, m => Assert.Equal(new TimeOnly(14, 0), m.Event.DtStart!.Time));

        // Convening again with nothing changed sends nothing twice.
        var nothing = await Assert.ThrowsAsync<CqpJury.App.Services.UserFacingException>(ConveneAsync);
        Assert.Equal("Tous les membres convoqués ont déjà reçu la convocation à jour : il n'y a rien à envoyer.", nothing.Message);

        // Cancelled: METHOD:CANCEL, same UID, SEQUENCE 2.
        Assert.Equal(3, await AsSecretariat(sp => sp.GetRequiredService<MailService>().CancelConvocationAsync(_s.DraftSessionId)));
        var cancel = await DeliverAndReadAsync(6, 3);
        Assert.All(cancel, m => Assert.StartsWith("Annulation : jury paritaire du ", m.Message.Subject, StringComparison.Ordinal));
        Assert.All(cancel, m => Assert.Equal("CANCEL", m.Calendar.Method));
        Assert.All(cancel, m => Assert.Equal("CANCELLED", m.Event.Status));
        Assert.All(cancel, m => Assert.Equal(expectedUid, m.Event.Uid));
        Assert.All(cancel, m => Assert.Equal(2, m.Event.Sequence));
        Assert.All(cancel, m => Assert.Equal("annulation.ics", m.Message.Attachments.OfType<MimePart>().Single().FileName));

        var view = await AsSecretariat(sp => sp.GetRequiredService<MailService>().ForSessionAsync(_s.DraftSessionId));
        Assert.Equal(9, view.Convocations.Count);
        Assert.All(view.Convocations, c => Assert.Equal("envoyé", c.StatusText));
        Assert.Equal(new ConvocationState(2, true, _factory.Clock.GetUtcNow()), view.Convocation);
    }

    /// <summary>Adds or removes a member of the draft session as the secretariat (with the session's current version).</summary>
    private async Task EditMembersAsync(Func<SessionAdminService, Guid, Task> edit) => await AsSecretariat(async sp =>
    {
        var admin = sp.GetRequiredService<SessionAdminService>();
        await edit(admin, (await admin.GetAsync(_s.DraftSessionId)).ConcurrencyStamp);
        return 0;
    });

    [Fact]
    public async Task A_member_removed_after_being_convened_is_sent_a_cancellation_with_the_same_uid_and_a_higher_sequence_and_convened_again_a_higher_one_still()
    {
        Assert.Equal(3, await ConveneAsync());
        var invitation = (await DeliverAndReadAsync(0, 3)).Single(m => m.Message.To.Mailboxes.Single().Address == _s.Email(Sophie));

        // Sophie removed from the session: METHOD:CANCEL to her alone, same UID, SEQUENCE raised; written with the removal.
        await EditMembersAsync((admin, stamp) => admin.RemoveMemberAsync(_s.DraftSessionId, _s.Member(Sophie), stamp));
        var cancel = Assert.Single(await DeliverAndReadAsync(3, 1));
        Assert.Equal(_s.Email(Sophie), cancel.Message.To.Mailboxes.Single().Address);
        Assert.StartsWith("Annulation de votre convocation : jury paritaire du ", cancel.Message.Subject, StringComparison.Ordinal);
        Assert.Contains("Vous n'êtes plus convoqué(e) à la session du jury paritaire", cancel.Message.TextBody, StringComparison.Ordinal);
        Assert.Equal("CANCEL", cancel.Calendar.Method);
        Assert.Equal(invitation.Event.Uid, cancel.Event.Uid);
        Assert.Equal($"session-{_s.DraftSessionId:N}@cqpjury", cancel.Event.Uid);
        Assert.Equal(1, cancel.Event.Sequence);
        Assert.True(cancel.Event.Sequence > invitation.Event.Sequence);
        Assert.Equal(invitation.Event.DtStart!.Date, cancel.Event.DtStart!.Date);
        Assert.Equal("annulation.ics", cancel.Message.Attachments.OfType<MimePart>().Single().FileName);
        var journal = await _factory.WithScopeAsync(sp => sp.GetRequiredService<CqpJury.App.Services.Audit.AuditLog>().ForSessionAsync(_s.DraftSessionId));
        Assert.Contains(journal, e => e.Action == "Retrait d'un membre" && e.Details!.EndsWith("annulation de sa convocation mise en file d'envoi", StringComparison.Ordinal));

        // Karim added then removed before being convened: nothing to cancel. The two others still hold the invitation.
        await EditMembersAsync((admin, stamp) => admin.AddMemberAsync(_s.DraftSessionId, _s.Member(Karim), stamp));
        await EditMembersAsync((admin, stamp) => admin.RemoveMemberAsync(_s.DraftSessionId, _s.Member(Karim), stamp));
        Assert.Equal(0, await _factory.DeliverAsync());
        await Assert.ThrowsAsync<CqpJury.App.Services.UserFacingException>(ConveneAsync);

        // Sophie back and convened again: an invitation above her cancellation's SEQUENCE (her calendar keeps the newest).
        await EditMembersAsync((admin, stamp) => admin.AddMemberAsync(_s.DraftSessionId, _s.Member(Sophie), stamp));
        Assert.Equal(1, await ConveneAsync());
        var back = Assert.Single(await DeliverAndReadAsync(4, 1));
        Assert.Equal(_s.Email(Sophie), back.Message.To.Mailboxes.Single().Address);
        Assert.Equal("REQUEST", back.Calendar.Method);
        Assert.Equal(invitation.Event.Uid, back.Event.Uid);
        Assert.Equal(2, back.Event.Sequence);

        // A later change reaches the three members above every SEQUENCE sent so far.
        var session = await AsSecretariat(sp => sp.GetRequiredService<SessionAdminService>().GetAsync(_s.DraftSessionId));
        var input = session.ToInput();
        input.StartTime = new TimeOnly(10, 0);
        await AsSecretariat(async sp =>
        {
            await sp.GetRequiredService<SessionAdminService>().UpdateAsync(_s.DraftSessionId, input, session.ConcurrencyStamp);
            return 0;
        });
        var update = await DeliverAndReadAsync(5, 3);
        Assert.All(update, m => Assert.Equal(3, m.Event.Sequence));
    }

    [Fact]
    public async Task A_member_added_after_the_convocation_is_the_only_one_convened_again_and_a_member_may_not_convene()
    {
        await ConveneAsync();
        await _factory.DeliverAsync();
        var session = await AsSecretariat(sp => sp.GetRequiredService<SessionAdminService>().GetAsync(_s.DraftSessionId));
        await AsSecretariat(async sp =>
        {
            await sp.GetRequiredService<SessionAdminService>().AddMemberAsync(_s.DraftSessionId, _s.Member(Karim), session.ConcurrencyStamp);
            return 0;
        });

        Assert.Equal(1, await ConveneAsync());
        var added = Assert.Single(await DeliverAndReadAsync(3, 1));
        Assert.Equal(_s.Email(Karim), added.Message.To.Mailboxes.Single().Address);
        Assert.Equal(0, added.Event.Sequence);

        await Assert.ThrowsAsync<CqpJury.App.Services.AccessDeniedException>(() =>
            _factory.AsUserAsync(_s.Email(Olivier), sp => sp.GetRequiredService<MailService>().ConveneAsync(_s.DraftSessionId)));
    }
}
