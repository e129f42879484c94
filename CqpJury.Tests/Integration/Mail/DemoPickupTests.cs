using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Mail;
using CqpJury.Tests.Integration.OfficialDocuments;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CqpJury.Tests.Integration.Mail;

/// <summary>
/// Issue 20, the embedded default on the demo data (`--demo`, no SMTP server configured): closing the demo session
/// drops its decision messages as .eml files in the pickup folder under the data folder, marked so on the secretariat's
/// page; the demo's two candidates without e-mail and one employer without contact e-mail are listed for hand delivery,
/// and every awarded candidate has a postal address for the paper certificate (R15).
/// </summary>
public sealed class DemoPickupTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Closing_the_demo_session_without_an_SMTP_server_drops_each_message_as_an_eml_file_and_lists_the_hand_deliveries()
    {
        var s = await RoomScenario.SeedAsync(_factory);
        await ClosedSession.RunToClosingAsync(s);

        Assert.Equal(7, await _factory.DeliverAsync());

        var files = Directory.GetFiles(Path.Combine(_factory.DataRoot, "mail-pickup"), "*.eml");
        Assert.Equal(7, files.Length);
        var messages = new List<MimeMessage>();
        foreach (var file in files)
        {
            messages.Add(await MimeMessage.LoadAsync(file));
        }

        Assert.Equal(
            ["contact@atelier-pedagogique.exemple.test", "contact@atelier-pedagogique.exemple.test", "contact@atelier-pedagogique.exemple.test",
             "elodie.fontaine@candidat.exemple.test", "julien.mercier@candidat.exemple.test", "maxime.leroy@candidat.exemple.test", "rh@formavenir.exemple.test"],
            messages.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        Assert.All(messages, m => Assert.StartsWith("Décision du jury paritaire – CQP", m.Subject, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.NotEmpty(m.Attachments));

        var view = await _factory.AsUserAsync(s.SecretariatEmail, sp => sp.GetRequiredService<MailService>().ForSessionAsync(s.SessionId));
        Assert.All(view.Decisions, d => Assert.Equal(MailTexts.DroppedInPickup, d.StatusText));
        Assert.Equal(
            ["Claire Dubois · le candidat", "Nadia Haddad · l'employeur (Compétences & Territoires SAS (fictif))", "Nadia Haddad · le candidat"],
            view.ByHand.Select(h => $"{h.CandidateName} · {h.Recipient}").Order(StringComparer.Ordinal));
        Assert.Equal(["Résidence Les Tilleuls, bât. B", "4 avenue Alsace-Lorraine", "38000 GRENOBLE"],
            view.ByHand.Single(h => h.Role == OutboxRecipientRole.Candidate && h.CandidateName == "Nadia Haddad").PostalLines);
        Assert.Equal(3, view.PaperLetters.Count);
        Assert.All(view.PaperLetters, l => Assert.True(l.HasPostalAddress, $"{l.CandidateName} has no postal address"));
    }
}
