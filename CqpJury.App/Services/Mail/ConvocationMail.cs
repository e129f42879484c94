using System.Text.Json;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.Domain.Common;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CqpJury.App.Services.Mail;

/// <summary>
/// A convocation's event as fixed when the message is written (the message's payload). <paramref name="Withdrawn"/>:
/// a cancellation for one member removed from the session after being convened (the session itself goes on).
/// </summary>
public sealed record ConvocationEvent(
    string Uid,
    int Sequence,
    bool Cancelled,
    string Title,
    DateOnly Date,
    TimeOnly? StartTime,
    string? Place,
    string? VideoLink,
    Guid SessionId,
    bool Withdrawn = false);

/// <summary>
/// Convocations of a session's members (issue 20): date, time, place or visio link, the room's address,
/// and an iCalendar invitation (Ical.Net) — METHOD:REQUEST with a UID that never changes for the session;
/// a later change of date, time or place sends an update with a higher SEQUENCE; a cancellation sends
/// METHOD:CANCEL (SEQUENCE raised again), to every member, or to one member removed from the session after
/// being convened (RFC 5546 §3.2.5). Written to the outbox in the caller's transaction.
/// </summary>
public sealed class ConvocationMail(MailBodies bodies, PublicAddress publicAddress, IOptions<MailOptions> options)
{
    /// <summary>Times are Paris times (the sessions' dates and times are French wall-clock times).</summary>
    public const string TimeZoneId = "Europe/Paris";

    /// <summary>How long a session is planned to last in the invitation (the session records only its start).</summary>
    public static readonly TimeSpan PlannedDuration = TimeSpan.FromHours(3);

    /// <summary>
    /// Convenes the session's members. First time: every member, SEQUENCE 0. After a change of date, time or
    /// place (or a cancellation) since the last one: every member, SEQUENCE raised. Otherwise only the members
    /// who have not been sent the current version (added since, or whose message failed or was cancelled).
    /// </summary>
    public static async Task<int> EnqueueConveneAsync(CqpJuryDbContext db, Guid sessionId, DateTimeOffset now, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
            ?? throw new UserFacingException("Cette session n'existe pas.");
        if (session.Status == SessionStatus.Closed)
        {
            throw new UserFacingException("La session est clôturée : ses membres ne peuvent plus être convoqués.");
        }

        var convocation = await db.SessionConvocations.FirstOrDefaultAsync(c => c.SessionId == sessionId, cancellationToken);
        if (convocation is not null && !convocation.Cancelled && !Differs(convocation, session))
        {
            // Same version: the members who already hold it (waiting or sent: the last invitation they were sent is
            // this date, time and place, not cancelled) are not sent it twice.
            var last = await LastSentAsync(db, sessionId, cancellationToken);
            bool Holds(Guid member) => last.TryGetValue(member, out var e) && !e.Cancelled && !Differs(e, session);
            var members = await ConvenedAsync(db, sessionId, cancellationToken);
            var owed = members.Where(m => !Holds(m.Id)).ToList();
            if (owed.Count == 0)
            {
                throw new UserFacingException("Tous les membres convoqués ont déjà reçu la convocation à jour : il n'y a rien à envoyer.");
            }

            // A member removed then convened again holds a cancellation with the current SEQUENCE: their invitation
            // must carry a higher one, or their calendar would keep the cancellation.
            if (owed.Select(m => last.TryGetValue(m.Id, out var e) ? e.Sequence : -1).Max() >= convocation.Sequence)
            {
                convocation.Sequence++;
            }

            convocation.ConcurrencyStamp = Guid.NewGuid();
            return Enqueue(db, session, convocation, owed, now, by);
        }

        if (convocation is null)
        {
            convocation = new SessionConvocation { SessionId = sessionId, Uid = $"session-{sessionId:N}@cqpjury", Sequence = 0 };
            db.SessionConvocations.Add(convocation);
        }
        else
        {
            convocation.Sequence++;
        }

        convocation.Cancelled = false;
        Record(convocation, session, now);
        return await EnqueueForMembersAsync(db, session, convocation, now, by, cancellationToken);
    }

    /// <summary>After a change of the session's information: an update to the convened members when date, time or place changed.</summary>
    public static async Task<int> EnqueueChangeAsync(CqpJuryDbContext db, JurySession session, DateTimeOffset now, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(session);
        var convocation = await db.SessionConvocations.FirstOrDefaultAsync(c => c.SessionId == session.Id, cancellationToken);
        if (convocation is null || convocation.Cancelled || !Differs(convocation, session))
        {
            return 0;
        }

        convocation.Sequence++;
        Record(convocation, session, now);
        return await EnqueueForMembersAsync(db, session, convocation, now, by, cancellationToken);
    }

    /// <summary>Cancels the convocation: METHOD:CANCEL to every convened member.</summary>
    public static async Task<int> EnqueueCancelAsync(CqpJuryDbContext db, Guid sessionId, DateTimeOffset now, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
            ?? throw new UserFacingException("Cette session n'existe pas.");
        var convocation = await db.SessionConvocations.FirstOrDefaultAsync(c => c.SessionId == sessionId, cancellationToken);
        if (convocation is null || convocation.Cancelled)
        {
            throw new UserFacingException("Aucune convocation en cours n'a été envoyée pour cette session.");
        }

        convocation.Sequence++;
        convocation.Cancelled = true;
        Record(convocation, session, now);
        return await EnqueueForMembersAsync(db, session, convocation, now, by, cancellationToken);
    }

    /// <summary>
    /// A member removed from the session (<paramref name="member"/>) after being convened: METHOD:CANCEL to them alone,
    /// same UID, SEQUENCE raised (RFC 5546 §3.2.5), in the caller's transaction. Nothing when they were never sent the
    /// current convocation (or already its cancellation). The other members' invitations stay as they are.
    /// </summary>
    public static async Task<bool> EnqueueWithdrawalAsync(CqpJuryDbContext db, JurySession session, JuryMemberEntity member, DateTimeOffset now, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(member);
        var convocation = await db.SessionConvocations.FirstOrDefaultAsync(c => c.SessionId == session.Id, cancellationToken);
        if (convocation is null || convocation.Cancelled
            || !(await LastSentAsync(db, session.Id, cancellationToken)).TryGetValue(member.Id, out var held) || held.Cancelled)
        {
            return false;
        }

        convocation.Sequence++;
        convocation.ConcurrencyStamp = Guid.NewGuid();
        var withdrawal = new ConvocationEvent(convocation.Uid, convocation.Sequence, true, session.Title,
            convocation.Date, convocation.StartTime, convocation.Place, convocation.VideoLink, session.Id, Withdrawn: true);
        db.OutboxMessages.Add(Row(session.Id, new Recipient(member.Id, member.FirstName, member.LastName, member.Email), withdrawal, now, by));
        return true;
    }

    private static bool Differs(SessionConvocation sent, JurySession session) => Differs(sent.Date, sent.StartTime, sent.Place, sent.VideoLink, session);

    private static bool Differs(ConvocationEvent sent, JurySession session) => Differs(sent.Date, sent.StartTime, sent.Place, sent.VideoLink, session);

    /// <summary>True when the date, time, place or link sent is not the session's now.</summary>
    private static bool Differs(DateOnly date, TimeOnly? startTime, string? place, string? videoLink, JurySession session) =>
        date != session.Date || startTime != session.StartTime
        || !string.Equals(place ?? "", session.Place ?? "", StringComparison.Ordinal)
        || !string.Equals(videoLink ?? "", session.VideoLink ?? "", StringComparison.Ordinal);

    /// <summary>Per member, the last invitation (highest SEQUENCE) of this session they were sent or are about to be (waiting or sent).</summary>
    private static async Task<Dictionary<Guid, ConvocationEvent>> LastSentAsync(CqpJuryDbContext db, Guid sessionId, CancellationToken cancellationToken)
    {
        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SessionId == sessionId && m.Purpose == OutboxPurpose.Convocation && m.JuryMemberId != null && m.Payload != null
                && (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sent))
            .Select(m => new { m.JuryMemberId, m.Payload }).ToListAsync(cancellationToken);
        return rows.Select(r => (Member: r.JuryMemberId!.Value, Event: JsonSerializer.Deserialize<ConvocationEvent>(r.Payload!)!))
            .GroupBy(r => r.Member)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Event.Sequence).Event);
    }

    private static void Record(SessionConvocation convocation, JurySession session, DateTimeOffset now)
    {
        convocation.Date = session.Date;
        convocation.StartTime = session.StartTime;
        convocation.Place = session.Place;
        convocation.VideoLink = session.VideoLink;
        convocation.SentAt = now;
        convocation.ConcurrencyStamp = Guid.NewGuid();
    }

    private sealed record Recipient(Guid Id, string FirstName, string LastName, string Email);

    private static async Task<List<Recipient>> ConvenedAsync(CqpJuryDbContext db, Guid sessionId, CancellationToken cancellationToken)
    {
        var members = await (from sm in db.SessionMembers
                             join m in db.JuryMembers on sm.JuryMemberId equals m.Id
                             where sm.SessionId == sessionId
                             orderby m.LastName
                             select new Recipient(m.Id, m.FirstName, m.LastName, m.Email)).AsNoTracking().ToListAsync(cancellationToken);
        return members.Count == 0 ? throw new UserFacingException("Aucun membre n'est convoqué à cette session.") : members;
    }

    private static async Task<int> EnqueueForMembersAsync(CqpJuryDbContext db, JurySession session, SessionConvocation convocation, DateTimeOffset now, string by, CancellationToken cancellationToken) =>
        Enqueue(db, session, convocation, await ConvenedAsync(db, session.Id, cancellationToken), now, by);

    private static int Enqueue(CqpJuryDbContext db, JurySession session, SessionConvocation convocation, IReadOnlyList<Recipient> members, DateTimeOffset now, string by)
    {
        var e = new ConvocationEvent(convocation.Uid, convocation.Sequence, convocation.Cancelled, session.Title,
            session.Date, session.StartTime, session.Place, session.VideoLink, session.Id);
        foreach (var member in members)
        {
            db.OutboxMessages.Add(Row(session.Id, member, e, now, by));
        }

        return members.Count;
    }

    private static OutboxMessage Row(Guid sessionId, Recipient member, ConvocationEvent e, DateTimeOffset now, string by) => new()
    {
        Id = Guid.NewGuid(),
        Purpose = OutboxPurpose.Convocation,
        RecipientRole = OutboxRecipientRole.Member,
        SessionId = sessionId,
        JuryMemberId = member.Id,
        RecipientName = $"{member.FirstName} {member.LastName}".Trim(),
        RecipientAddress = member.Email,
        Subject = e.Withdrawn
            ? $"Annulation de votre convocation : jury paritaire du {FrenchFormat.Date(e.Date)}"
            : e.Cancelled
                ? $"Annulation : jury paritaire du {FrenchFormat.Date(e.Date)}"
                : e.Sequence == 0
                    ? $"Convocation : jury paritaire du {FrenchFormat.Date(e.Date)}"
                    : $"Modification de la convocation : jury paritaire du {FrenchFormat.Date(e.Date)}",
        Contents = e.Withdrawn ? "annulation de votre convocation (invitation iCalendar)"
            : e.Cancelled ? "annulation (invitation iCalendar)"
            : $"convocation et invitation iCalendar (version {e.Sequence})",
        Payload = JsonSerializer.Serialize(e),
        MessageId = DecisionMail.NewMessageId(),
        Status = OutboxStatus.Pending,
        CreatedAt = now,
        CreatedBy = by,
        NextAttemptAt = now,
    };

    /// <summary>The invitation (.ics text) of <paramref name="e"/> for <paramref name="attendee"/>.</summary>
    public string Ics(ConvocationEvent e, MailboxAddress attendee)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(attendee);
        var calendar = new Calendar { Method = e.Cancelled ? "CANCEL" : "REQUEST", ProductId = "-//CPEF//CqpJury//FR" };
        calendar.AddTimeZone(TimeZoneId);
        var start = e.StartTime is { } time
            ? new CalDateTime(e.Date, time, TimeZoneId)
            : new CalDateTime(e.Date);
        var evt = new CalendarEvent
        {
            Uid = e.Uid,
            Sequence = e.Sequence,
            Summary = $"Jury paritaire – {e.Title}",
            DtStart = start,
            DtEnd = e.StartTime is null ? new CalDateTime(e.Date.AddDays(1)) : start.Add(Duration.FromTimeSpanExact(PlannedDuration)),
            Location = e.Place ?? e.VideoLink ?? "Visioconférence",
            Description = string.Join("\n", Details(e).Select(f => $"{f.Label} : {f.Value}")),
            Status = e.Cancelled ? "CANCELLED" : "CONFIRMED",
            Organizer = new Organizer("mailto:" + options.Value.FromAddress) { CommonName = options.Value.FromName },
            Url = new Uri(RoomUrl(e)),
        };
        evt.Attendees.Add(new Attendee("mailto:" + attendee.Address) { CommonName = attendee.Name, Role = "REQ-PARTICIPANT", ParticipationStatus = "NEEDS-ACTION", Rsvp = false });
        calendar.Events.Add(evt);
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    /// <summary>The message as sent: French text and HTML, the invitation inline (text/calendar) and as an .ics attachment.</summary>
    internal async Task<MimeMessage> ComposeAsync(OutboxMessage row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var e = JsonSerializer.Deserialize<ConvocationEvent>(row.Payload ?? "null") ?? throw new UserFacingException("Cette convocation n'a pas de contenu.");
        var to = new MailboxAddress(row.RecipientName, row.RecipientAddress);
        var ics = Ics(e, to);
        var method = e.Cancelled ? "CANCEL" : "REQUEST";
        var text = Text(e, row.RecipientName);
        var alternative = new MultipartAlternative
        {
            new TextPart("plain") { Text = text.ToPlainText() },
            new TextPart("html") { Text = await bodies.HtmlAsync(text) },
        };
        var inline = new TextPart("calendar") { Text = ics };
        inline.ContentType.Parameters.Add("method", method);
        alternative.Add(inline);
        var attachment = new MimePart("application", "ics")
        {
            Content = new MimeContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(ics))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = e.Cancelled ? "annulation.ics" : "invitation.ics",
        };
        var message = new MimeMessage { Subject = row.Subject, Body = new Multipart("mixed") { alternative, attachment } };
        message.From.Add(new MailboxAddress(options.Value.FromName, options.Value.FromAddress));
        message.To.Add(to);
        return message;
    }

    private MailText Text(ConvocationEvent e, string memberName)
    {
        var when = FrenchFormat.Date(e.Date) + (e.StartTime is { } t ? " à " + t.ToString("HH:mm", FrenchFormat.Culture) : "");
        var paragraphs = e.Withdrawn
            ? new List<string> { $"Vous n'êtes plus convoqué(e) à la session du jury paritaire « {e.Title} » prévue le {when} : la convocation que vous avez reçue ne tient plus. L'invitation jointe retire la session de votre agenda." }
            : e.Cancelled
            ? [$"La session du jury paritaire « {e.Title} » prévue le {when} est annulée. Votre convocation ne tient plus."]
            : e.Sequence == 0
                ? [$"Vous êtes convoqué(e) à la session du jury paritaire « {e.Title} »."]
                : [$"La convocation à la session du jury paritaire « {e.Title} » a été modifiée. Voici les informations à jour (elles remplacent les précédentes)."];
        return new MailText(
            e.Withdrawn ? "Annulation de votre convocation" : e.Cancelled ? "Annulation de la session" : "Convocation au jury paritaire",
            $"Bonjour {memberName},",
            paragraphs,
            e.Cancelled ? [] : Details(e),
            null,
            [],
            e.Cancelled ? [] : ["L'invitation jointe (fichier .ics) ajoute la session à votre agenda. Avant la séance, vous accepterez l'engagement de confidentialité et déclarerez vos liens d'intérêts éventuels avec les candidats."],
            "Cordialement,",
            options.Value.FromName);
    }

    private List<MailFact> Details(ConvocationEvent e)
    {
        var facts = new List<MailFact> { new("Date", FrenchFormat.Date(e.Date)) };
        if (e.StartTime is { } time)
        {
            facts.Add(new MailFact("Heure", time.ToString("HH:mm", FrenchFormat.Culture) + " (heure de Paris)"));
        }

        if (!string.IsNullOrWhiteSpace(e.Place))
        {
            facts.Add(new MailFact("Lieu", e.Place));
        }

        if (!string.IsNullOrWhiteSpace(e.VideoLink))
        {
            facts.Add(new MailFact("Visioconférence", e.VideoLink, e.VideoLink));
        }

        facts.Add(new MailFact("Salle de délibération en ligne", RoomUrl(e), RoomUrl(e)));
        return facts;
    }

    private string RoomUrl(ConvocationEvent e) => $"{publicAddress.Base}/sessions/{e.SessionId}";
}
