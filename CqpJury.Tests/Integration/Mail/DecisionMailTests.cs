using CqpJury.App.Data.Entities;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.Services.Mail;
using CqpJury.TestServers;
using CqpJury.Tests.Integration.OfficialDocuments;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Mail;

/// <summary>
/// The demo session closed by its president, its decisions delivered to a real SMTP server over a socket
/// (R14, R15, R17): what each candidate receives, byte for byte, in French.
/// </summary>
public sealed class DecisionMailTests(DecisionMailTests.Fixture f) : IClassFixture<DecisionMailTests.Fixture>
{
    /// <summary>The demo session closed once; the outbox read right after the commit, then delivered once.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        /// <summary>Five candidates and four employers with an address.</summary>
        public const int Messages = 9;

        public SmtpTestServer Smtp { get; private set; } = null!;

        public CqpJuryAppFactory Factory { get; private set; } = null!;

        internal RoomScenario S { get; private set; } = null!;

        public List<OutboxMessage> AfterClosing { get; private set; } = [];

        public IReadOnlyList<ReceivedMail> Delivered { get; private set; } = [];

        public int DeliveredCount { get; private set; }

        public async Task InitializeAsync()
        {
            Smtp = await SmtpTestServer.StartNewAsync();
            Factory = new CqpJuryAppFactory().UseSmtp(Smtp);
            S = await SeedAsync(Factory);
            // R14: Formavenir (Fontaine's employer) gets another contact e-mail; Leroy's dossier names its own employer
            // contact (the override); Atelier keeps the demo's; Territoires has none (Haddad's employer copy is handed
            // over or posted). Haddad and Dubois, without e-mail in the demo, are given one: every candidate is sent.
            await Factory.WithDbAsync(async db =>
            {
                var formavenir = await db.Organisations.SingleAsync(o => o.Name.StartsWith("Formavenir"));
                formavenir.ContactEmail = "rh@formavenir.test";
                var leroy = await db.Dossiers.SingleAsync(d => d.Id == S.Dossier("Leroy"));
                leroy.EmployerContactEmailOverride = "tuteur.leroy@atelier.test";
                foreach (var (lastName, email) in new[] { ("Haddad", "nadia.haddad@candidat.exemple.test"), ("Dubois", "claire.dubois@candidat.exemple.test") })
                {
                    (await db.Dossiers.Where(d => d.Id == S.Dossier(lastName)).Select(d => d.Candidate!).SingleAsync()).Email = email;
                }

                await db.SaveChangesAsync();
            });
            await ClosedSession.RunToClosingAsync(S);
            AfterClosing = await Factory.OutboxAsync();
            DeliveredCount = await Factory.DeliverAsync();
            Delivered = await Smtp.WaitForAsync(Messages);
        }

        public async Task DisposeAsync()
        {
            Factory.Dispose();
            await Smtp.DisposeAsync();
        }
    }

    private CqpJuryAppFactory _factory => f.Factory;

    private SmtpTestServer _smtp => f.Smtp;

    private RoomScenario _s => f.S;

    [Fact]
    public async Task R17_closing_writes_one_pending_message_per_decided_candidate_and_known_employer_in_the_same_commit_and_none_for_the_postponed_dossier()
    {
        var outbox = f.AfterClosing;

        Assert.Equal(Fixture.Messages, outbox.Count);
        Assert.All(outbox, m => Assert.Equal(OutboxStatus.Pending, m.Status));
        Assert.All(outbox, m => Assert.Equal(OutboxPurpose.Decision, m.Purpose));
        Assert.DoesNotContain(outbox, m => m.DossierId == _s.Dossier("Perrin"));
        Assert.Equal(
            ["claire.dubois", "elodie.fontaine", "julien.mercier", "maxime.leroy", "nadia.haddad"],
            outbox.Where(m => m.RecipientRole == OutboxRecipientRole.Candidate).Select(m => m.RecipientAddress.Split('@')[0]).Order(StringComparer.Ordinal));
        // R14: the employer's copy goes to the dossier's own contact when it names one, else to the organisation's.
        var employers = outbox.Where(m => m.RecipientRole == OutboxRecipientRole.Employer).ToList();
        Assert.Equal(4, employers.Count);
        Assert.Equal("rh@formavenir.test", employers.Single(m => m.DossierId == _s.Dossier("Fontaine")).RecipientAddress);
        Assert.Equal("tuteur.leroy@atelier.test", employers.Single(m => m.DossierId == _s.Dossier("Leroy")).RecipientAddress);
        Assert.Equal("contact@atelier-pedagogique.exemple.test", employers.Single(m => m.DossierId == _s.Dossier("Mercier")).RecipientAddress);
        Assert.DoesNotContain(employers, m => m.DossierId == _s.Dossier("Haddad"));
        Assert.All(employers, m => Assert.Equal("fiche de décision", m.Contents));
        var journal = await _factory.WithScopeAsync(sp => sp.GetRequiredService<CqpJury.App.Services.Audit.AuditLog>().ForSessionAsync(_s.SessionId));
        var closing = Assert.Single(journal, e => e.Action == "Clôture de la session");
        Assert.Contains($"{Fixture.Messages} message(s) de décision", closing.Details, StringComparison.Ordinal);
        Assert.EndsWith("1 décision(s) à remettre par courrier ou en main propre.", closing.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R14_R15_each_candidate_receives_the_sheet_plus_certificate_or_attestation_as_issued_with_French_text_and_verification_addresses()
    {
        Assert.Equal(Fixture.Messages, f.DeliveredCount);
        var originals = f.AfterClosing.Select(m => m.MessageId).ToHashSet();
        var received = f.Delivered.Where(r => originals.Contains(r.Message.MessageId!)).ToList();
        Assert.Equal(Fixture.Messages, received.Count);
        List<IssuedDocument> issued = [];
        await _factory.WithDbAsync(async db => issued = await db.IssuedDocuments.AsNoTracking().ToListAsync());
        Assert.Equal(12, issued.Count); // the sender issued the session's documents (none had been issued yet)

        foreach (var (lastName, expected) in new[]
                 {
                     ("Leroy", IssuedDocumentKind.Certificate), ("Fontaine", IssuedDocumentKind.Certificate), ("Haddad", IssuedDocumentKind.Certificate),
                     ("Mercier", IssuedDocumentKind.PartialAttestation), ("Dubois", IssuedDocumentKind.PartialAttestation),
                 })
        {
            var dossierId = _s.Dossier(lastName);
            var mail = Assert.Single(received, r => r.Message.To.Mailboxes.Single().Name!.EndsWith(lastName, StringComparison.Ordinal));
            var message = mail.Message;
            Assert.Equal("Secrétariat de la CPEF", message.From.Mailboxes.Single().Name);
            Assert.StartsWith("Décision du jury paritaire – CQP", message.Subject, StringComparison.Ordinal);
            Assert.Equal([message.To.Mailboxes.Single().Address], mail.EnvelopeTo);

            var pdfs = message.Attachments.OfType<MimePart>().ToList();
            var sheet = issued.Single(d => d.DossierId == dossierId && d.Kind == IssuedDocumentKind.DecisionSheet);
            var second = issued.Single(d => d.DossierId == dossierId && d.Kind == expected);
            Assert.Equal(2, pdfs.Count);
            Assert.All(pdfs, p => Assert.Equal("application/pdf", p.ContentType.MimeType));
            // Byte for byte the issued documents (their recorded fingerprint and the stored files).
            Assert.Equal(
                new[] { sheet.FileSha256, second.FileSha256 }.Order(StringComparer.Ordinal),
                pdfs.Select(p => MailTestSupport.Hash(p.Bytes())).Order(StringComparer.Ordinal));
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_factory.DataRoot, "issued", sheet.StoredFileName)),
                pdfs.Single(p => p.FileName!.StartsWith("fiche-decision-", StringComparison.Ordinal)).Bytes());

            var text = message.TextBody;
            var html = message.HtmlBody;
            Assert.Contains("Bonjour ", text, StringComparison.Ordinal);
            Assert.Contains("Le jury paritaire réuni le ", text, StringComparison.Ordinal);
            Assert.Contains($"{MailTestSupport.PublicBase}/verifier/{sheet.VerificationCode}", text, StringComparison.Ordinal);
            Assert.Contains($"{MailTestSupport.PublicBase}/verifier/{second.VerificationCode}", text, StringComparison.Ordinal);
            Assert.Contains($"href=\"{MailTestSupport.PublicBase}/verifier/{sheet.VerificationCode}\"", html, StringComparison.Ordinal);
            Assert.Contains("lang=\"fr\"", html, StringComparison.Ordinal);
            if (expected == IssuedDocumentKind.Certificate)
            {
                Assert.Contains("Décision du jury : Délivrance du CQP.", text, StringComparison.Ordinal);
                Assert.Contains("certificat de qualification professionnelle", text, StringComparison.Ordinal);
                Assert.Contains("par courrier", text, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("attestation de validation partielle", text, StringComparison.Ordinal);
                Assert.Contains("cinq ans", text, StringComparison.Ordinal);
            }
        }

        // R14: the employers receive the decision sheet only, as issued.
        foreach (var (lastName, address) in new[] { ("Fontaine", "rh@formavenir.test"), ("Leroy", "tuteur.leroy@atelier.test") })
        {
            var sheet = issued.Single(d => d.DossierId == _s.Dossier(lastName) && d.Kind == IssuedDocumentKind.DecisionSheet);
            var mail = Assert.Single(received, r => r.Message.To.Mailboxes.Single().Address == address);
            Assert.Equal([address], mail.EnvelopeTo);
            Assert.EndsWith(lastName, mail.Message.Subject, StringComparison.Ordinal);
            var pdf = Assert.Single(mail.Message.Attachments.OfType<MimePart>());
            Assert.Equal(sheet.FileSha256, MailTestSupport.Hash(pdf.Bytes()));
            Assert.StartsWith("Madame, Monsieur,", mail.Message.TextBody!.TrimStart(), StringComparison.Ordinal);
            Assert.Contains($"{MailTestSupport.PublicBase}/verifier/{sheet.VerificationCode}", mail.Message.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("certificat de qualification professionnelle", mail.Message.TextBody, StringComparison.Ordinal);
        }

        var outbox = (await _factory.OutboxAsync()).Where(m => originals.Contains(m.MessageId)).ToList();
        Assert.All(outbox, m => Assert.Equal(OutboxStatus.Sent, m.Status));
        Assert.All(outbox, m => Assert.False(m.DroppedInPickup));
        Assert.All(outbox, m => Assert.Equal(1, m.Attempts));
        Assert.Equal(outbox.Select(m => m.MessageId).Order(StringComparer.Ordinal), received.Select(r => r.Message.MessageId).Order(StringComparer.Ordinal));

        // Nothing left to send: a second run sends none of them again.
        await _factory.DeliverAsync();
        Assert.Equal(Fixture.Messages, _smtp.Received.Count(r => originals.Contains(r.Message.MessageId!)));
    }

    [Fact]
    public async Task R14_the_secretariat_sees_the_statuses_resends_to_the_address_as_corrected_and_a_second_send_has_the_same_documents()
    {
        var mail = await _factory.AsUserAsync(_s.SecretariatEmail, sp => sp.GetRequiredService<MailService>().ForSessionAsync(_s.SessionId));
        var originals = f.AfterClosing.Select(m => m.Id).ToHashSet();
        Assert.Equal(Fixture.Messages, mail.Decisions.Count(d => originals.Contains(d.Id)));
        Assert.All(mail.Decisions.Where(d => originals.Contains(d.Id)), d => Assert.Equal("envoyé", d.StatusText));
        // Every candidate has an e-mail; the employer without a contact e-mail gets its copy by post or by hand.
        var byHand = Assert.Single(mail.ByHand);
        Assert.Equal("Nadia Haddad", byHand.CandidateName);
        Assert.Equal("l'employeur (Compétences & Territoires SAS (fictif))", byHand.Recipient);

        // The secretariat corrects Leroy's address, then resends his message.
        await _factory.WithDbAsync(async db =>
        {
            var candidate = await db.Dossiers.Where(d => d.Id == _s.Dossier("Leroy")).Select(d => d.Candidate!).SingleAsync();
            candidate.Email = "maxime.leroy@nouvelle-adresse.test";
            await db.SaveChangesAsync();
        });
        var leroy = mail.Decisions.Single(d => originals.Contains(d.Id) && d.DossierId == _s.Dossier("Leroy") && d.Role == OutboxRecipientRole.Candidate);
        await _factory.AsUserAsync(_s.SecretariatEmail, sp => sp.GetRequiredService<MailService>().ResendAsync(leroy.Id));
        Assert.Equal(1, await _factory.DeliverAsync());

        var received = await _smtp.WaitForAsync(Fixture.Messages + 1);
        var first = f.Delivered.First(r => r.Message.To.Mailboxes.Single().Name!.EndsWith("Leroy", StringComparison.Ordinal));
        var again = Assert.Single(received, r => r.Message.To.Mailboxes.Single().Address == "maxime.leroy@nouvelle-adresse.test");
        Assert.NotEqual(first.Message.MessageId, again.Message.MessageId);
        Assert.Equal(
            first.Message.Attachments.OfType<MimePart>().Select(p => MailTestSupport.Hash(p.Bytes())),
            again.Message.Attachments.OfType<MimePart>().Select(p => MailTestSupport.Hash(p.Bytes())));

        // A member may not resend, nor read the statuses.
        await Assert.ThrowsAsync<CqpJury.App.Services.AccessDeniedException>(() =>
            _factory.AsUserAsync(_s.Email(Olivier), sp => sp.GetRequiredService<MailService>().ResendAsync(leroy.Id)));
        await Assert.ThrowsAsync<CqpJury.App.Services.AccessDeniedException>(() =>
            _factory.AsUserAsync(_s.Email(Olivier), sp => sp.GetRequiredService<MailService>().ForSessionAsync(_s.SessionId)));
    }
}
