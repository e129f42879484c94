using CqpJury.App.Data.Entities;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.Services.Mail;
using CqpJury.Tests.Integration.OfficialDocuments;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig.Content;
using static CqpJury.Tests.Integration.Room.RoomScenario;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace CqpJury.Tests.Integration.Mail;

/// <summary>
/// R15: the session's print file — for each awarded candidate a cover letter whose address block lies in the
/// window of a French DL envelope (checked from the PDF's text coordinates), followed by the certificate as issued.
/// </summary>
public sealed class PaperMailTests : IAsyncLifetime, IDisposable
{
    private const double PointsPerMm = 72 / 25.4;

    /// <summary>Millimetres lost to the PDF's coordinates' rounding.</summary>
    private const double Rounding = 0.05;
    private CqpJuryAppFactory _factory = null!;
    private RoomScenario _s = null!;

    public async Task InitializeAsync()
    {
        _factory = new CqpJuryAppFactory();
        _factory.Settings["App:PublicBaseUrl"] = MailTestSupport.PublicBase;
        _s = await SeedAsync(_factory);
        await _factory.WithDbAsync(async db =>
        {
            foreach (var (lastName, address) in new[]
                     {
                         ("Fontaine", new PostalAddress { Line1 = "12 rue de la République", PostalCode = "69002", City = "Lyon" }),
                         ("Haddad", new PostalAddress { Line1 = "Résidence Les Tilleuls, bât. B", Line2 = "4 avenue Alsace-Lorraine", PostalCode = "38000", City = "Grenoble" }),
                     })
            {
                var candidate = await db.Dossiers.Where(d => d.Id == _s.Dossier(lastName)).Select(d => d.Candidate!).SingleAsync();
                candidate.PostalAddress = address;
            }

            // Leroy's letter cannot be posted: no postal address (the demo gives him one).
            (await db.Dossiers.Where(d => d.Id == _s.Dossier("Leroy")).Select(d => d.Candidate!).SingleAsync()).PostalAddress = null;

            await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _factory.Dispose();

    private Task<(byte[] Content, string FileName)> PrintFileAsync(string email) =>
        _factory.AsUserAsync(email, sp => sp.GetRequiredService<PaperMail>().PrintFileAsync(_s.SessionId));

    [Fact]
    public async Task R15_the_print_file_has_a_letter_addressed_in_the_DL_window_then_the_certificate_as_issued_for_each_awarded_candidate()
    {
        var early = await Assert.ThrowsAsync<CqpJury.App.Services.UserFacingException>(() => PrintFileAsync(_s.SecretariatEmail));
        Assert.Equal("Les courriers des certificats s'impriment une fois la session clôturée.", early.Message);
        await ClosedSession.RunToClosingAsync(_s);

        var view = await _factory.AsUserAsync(_s.SecretariatEmail, sp => sp.GetRequiredService<MailService>().ForSessionAsync(_s.SessionId));
        Assert.Equal(["Fontaine", "Haddad", "Leroy"], view.PaperLetters.Select(l => l.CandidateName.Split(' ')[^1]));
        Assert.Equal([true, true, false], view.PaperLetters.Select(l => l.HasPostalAddress));

        var (content, fileName) = await PrintFileAsync(_s.SecretariatEmail);
        Assert.Matches(@"^courriers-certificats-\d{4}-\d{2}-\d{2}\.pdf$", fileName);
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "cqpjury-print-file.pdf"), content);
        List<IssuedDocument> certificates = [];
        await _factory.WithDbAsync(async db => certificates = await db.IssuedDocuments.AsNoTracking().Where(d => d.Kind == IssuedDocumentKind.Certificate).ToListAsync());
        Assert.Equal(3, certificates.Count);

        using var pdf = PigDocument.Open(content);
        var pages = pdf.GetPages().ToList();
        var index = 0;
        foreach (var (lastName, addressLines) in new[]
                 {
                     ("Fontaine", new[] { "Élodie Fontaine", "12 rue de la République", "69002 LYON" }),
                     ("Haddad", new[] { "Nadia Haddad", "Résidence Les Tilleuls, bât. B", "4 avenue Alsace-Lorraine", "38000 GRENOBLE" }),
                     ("Leroy", new[] { "Maxime Leroy" }),
                 })
        {
            var letter = pages[index++];
            Assert.Equal(210, letter.Width / PointsPerMm, 0);
            Assert.Equal(297, letter.Height / PointsPerMm, 0);
            var words = letter.GetWords().ToList();
            var text = string.Join(' ', words.Select(w => w.Text));
            Assert.Contains("Objet : envoi de votre certificat de qualification professionnelle", text, StringComparison.Ordinal);
            var certificate = certificates.Single(c => c.DossierId == _s.Dossier(lastName));
            Assert.Contains($"{MailTestSupport.PublicBase}/verifier/{certificate.VerificationCode}", text, StringComparison.Ordinal);

            // The address block: its lines in order, every word inside the window (x 100–200 mm, y 50–95 mm from
            // the top), with the margin the letter needs to slide in its envelope (10 mm left, 5 mm elsewhere).
            var window = PaperMailing.WindowMm;
            var inWindow = words.Where(w => Mm(w.BoundingBox.Left) >= window.Left && Mm(letter.Height - w.BoundingBox.Top) >= window.Top
                                            && Mm(letter.Height - w.BoundingBox.Bottom) <= window.Bottom).ToList();
            Assert.Equal(addressLines, Lines(inWindow));
            foreach (var word in inWindow)
            {
                Assert.InRange(Mm(word.BoundingBox.Left), window.Left + 10 - Rounding, window.Right - 5);
                Assert.InRange(Mm(word.BoundingBox.Right), window.Left + 10, window.Right - 5 + Rounding);
                Assert.InRange(Mm(letter.Height - word.BoundingBox.Top), window.Top + 5 - Rounding, window.Bottom - 5);
                Assert.InRange(Mm(letter.Height - word.BoundingBox.Bottom), window.Top + 5, window.Bottom - 5 + Rounding);
            }

            // Nothing else shows through the window.
            Assert.DoesNotContain(words.Except(inWindow), w =>
                Mm(w.BoundingBox.Right) > window.Left && Mm(w.BoundingBox.Left) < window.Right
                && Mm(letter.Height - w.BoundingBox.Bottom) > window.Top && Mm(letter.Height - w.BoundingBox.Top) < window.Bottom);

            // Then the certificate's pages, as issued (same text, landscape).
            using var issued = PigDocument.Open(await File.ReadAllBytesAsync(Path.Combine(_factory.DataRoot, "issued", certificate.StoredFileName)));
            foreach (var issuedPage in issued.GetPages())
            {
                var page = pages[index++];
                Assert.True(page.Width > page.Height);
                Assert.Equal(issuedPage.Text, page.Text);
                Assert.Contains(lastName, page.Text, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Equal(index, pages.Count);

        // A member may not print the file.
        await Assert.ThrowsAsync<CqpJury.App.Services.AccessDeniedException>(() => PrintFileAsync(_s.Email(Olivier)));
    }

    private static double Mm(double points) => points / PointsPerMm;

    /// <summary>Words grouped into lines (same baseline), top to bottom, left to right.</summary>
    private static List<string> Lines(IEnumerable<Word> words) =>
        words.GroupBy(w => Math.Round(w.BoundingBox.Bottom))
            .OrderByDescending(g => g.Key)
            .Select(g => string.Join(' ', g.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text)))
            .ToList();
}
