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

/// <summary>A convocation's event as fixed when the message is written (the message's payload).</summary>
public sealed record ConvocationEvent(
    string Uid,
    int Sequence,
    bool Cancelled,
    string Title,
    DateOnly Date,
    TimeOnly? StartTime,
    string? Place,
    string? VideoLink,
    Guid SessionId);

/// <summary>
/// Convocations of a session's members (issue 20): date, time, place or visio link, the room's address,
/// and an iCalendar invitation (Ical.Net) — METHOD:REQUEST with a UID that never changes for the session;
/// a later change of date, time or place sends an update with a higher SEQUENCE; a cancellation sends
/// METHOD:CANCEL (SEQUENCE raised again). Written to the outbox in the caller's transaction.
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
            // Same version: the members who already hold it (waiting or sent) are not sent it twice.
            var since = convocation.SentAt;
            var holding = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.SessionId == sessionId && m.Purpose == OutboxPurpose.Convocation && m.CreatedAt >= since
                    && (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sent))
                .Select(m => m.JuryMemberId).ToListAsync(cancellationToken);
            var count = await EnqueueForMembersAsync(db, session, convocation, now, by, m => !holding.Contains(m), cancellationToken);
            if (count == 0)
            {
                throw new UserFacingException("Tous les membres convoqués ont déjà reçu la convocation à jour : il n'y a rien à envoyer.");
            }

            convocation.ConcurrencyStamp = Guid.NewGuid();
            return count;
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
        return await EnqueueForMembersAsync(db, session, convocation, now, by, _ => true, cancellationToken);
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
        return await EnqueueForMembersAsync(db, session, convocation, now, by, _ => true, cancellationToken);
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
        return await EnqueueForMembersAsync(db, session, convocation, now, by, _ => true, cancellationToken);
    }

    private static bool Differs(SessionConvocation sent, JurySession session) =>
        sent.Date != session.Date || sent.StartTime != session.StartTime
        || !string.Equals(sent.Place ?? "", session.Place ?? "", StringComparison.Ordinal)
        || !string.Equals(sent.VideoLink ?? "", session.VideoLink ?? "", StringComparison.Ordinal);

    private static void Record(SessionConvocation convocation, JurySession session, DateTimeOffset now)
    {
        convocation.Date = session.Date;
        convocation.StartTime = session.StartTime;
        convocation.Place = session.Place;
        convocation.VideoLink = session.VideoLink;
        convocation.SentAt = now;
        convocation.ConcurrencyStamp = Guid.NewGuid();
    }

    private static async Task<int> EnqueueForMembersAsync(CqpJuryDbContext db, JurySession session, SessionConvocation convocation, DateTimeOffset now, string by,
        Func<Guid?, bool> include, CancellationToken cancellationToken)
    {
        var members = await (from sm in db.SessionMembers
                             join m in db.JuryMembers on sm.JuryMemberId equals m.Id
                             where sm.SessionId == session.Id
                             orderby m.LastName
                             select new { m.Id, m.FirstName, m.LastName, m.Email }).AsNoTracking().ToListAsync(cancellationToken);
        if (members.Count == 0)
        {
            throw new UserFacingException("Aucun membre n'est convoqué à cette session.");
        }

        var payload = JsonSerializer.Serialize(new ConvocationEvent(convocation.Uid, convocation.Sequence, convocation.Cancelled, session.Title,
            session.Date, session.StartTime, session.Place, session.VideoLink, session.Id));
        var subject = convocation.Cancelled
            ? $"Annulation : jury paritaire du {FrenchFormat.Date(session.Date)}"
            : convocation.Sequence == 0
                ? $"Convocation : jury paritaire du {FrenchFormat.Date(session.Date)}"
                : $"Modification de la convocation : jury paritaire du {FrenchFormat.Date(session.Date)}";
        foreach (var member in members.Where(m => include(m.Id)))
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.NewGuid(),
                Purpose = OutboxPurpose.Convocation,
                RecipientRole = OutboxRecipientRole.Member,
                SessionId = session.Id,
                JuryMemberId = member.Id,
                RecipientName = $"{member.FirstName} {member.LastName}".Trim(),
                RecipientAddress = member.Email,
                Subject = subject,
                Contents = convocation.Cancelled ? "annulation (invitation iCalendar)" : $"convocation et invitation iCalendar (version {convocation.Sequence})",
                Payload = payload,
                MessageId = DecisionMail.NewMessageId(),
                Status = OutboxStatus.Pending,
                CreatedAt = now,
                CreatedBy = by,
                NextAttemptAt = now,
            });
        }

        return members.Count(m => include(m.Id));
    }

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
        var paragraphs = e.Cancelled
            ? new List<string> { $"La session du jury paritaire « {e.Title} » prévue le {when} est annulée. Votre convocation ne tient plus." }
            : e.Sequence == 0
                ? [$"Vous êtes convoqué(e) à la session du jury paritaire « {e.Title} »."]
                : [$"La convocation à la session du jury paritaire « {e.Title} » a été modifiée. Voici les informations à jour (elles remplacent les précédentes)."];
        return new MailText(
            e.Cancelled ? "Annulation de la session" : "Convocation au jury paritaire",
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
