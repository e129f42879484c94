using CqpJury.App.Services;
using CqpJury.App.Services.Mail;
using CqpJury.App.Services.Privacy;
using CqpJury.Tests.Integration.OfficialDocuments;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Mail;

/// <summary>
/// Issue 20: the president's closing confirmation says what closing will send, to whom, at which address — on the
/// demo data as seeded (two employers with a contact e-mail, Haddad and Dubois without one) — and closing then queues
/// exactly the messages announced. A president in conflict with a dossier reads nothing of its recipients (R10.2).
/// </summary>
public sealed class ClosingPreviewMailTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task R17_the_closing_confirmation_lists_per_dossier_each_recipient_their_documents_and_address_and_closing_queues_exactly_those()
    {
        var s = await SeedAsync(_factory);
        await ClosedSession.RunToClosingAsync(s, close: false);

        var mail = (await s.AsAsync(Olivier, room => room.PreviewClosingAsync(s.SessionId))).Mail!;

        // Agenda order, the postponed dossier (Perrin) left out.
        Assert.Equal(["FONTAINE", "MERCIER", "HADDAD", "DUBOIS", "LEROY"], mail.Dossiers.Select(d => d.Label.Split(' ')[0]));
        Assert.All(mail.Dossiers, d => Assert.False(d.Withheld));
        Assert.Equal(7, mail.MessageCount);
        Assert.Equal(3, mail.ByHandCount);
        Assert.Equal("Dès la clôture, 7 messages partiront par courrier électronique ; 3 envois sont à remettre par courrier ou en main propre (aucune adresse électronique).", mail.Summary);
        Assert.Equal(
            [
                "au candidat : fiche de décision et certificat, par courriel à elodie.fontaine@candidat.exemple.test",
                "à l'employeur (Formavenir Conseil (fictif)) : fiche de décision, par courriel à rh@formavenir.exemple.test",
            ],
            mail.Dossiers[0].Recipients.Select(r => r.Text));
        Assert.Equal(
            "au candidat : fiche de décision et attestation de validation partielle, par courriel à julien.mercier@candidat.exemple.test",
            mail.Dossiers[1].Recipients[0].Text);
        Assert.Equal(
            [
                "au candidat : fiche de décision et certificat — à remettre par courrier ou en main propre",
                "à l'employeur (Compétences & Territoires SAS (fictif)) : fiche de décision — à remettre par courrier ou en main propre",
            ],
            mail.Dossiers[2].Recipients.Select(r => r.Text));
        Assert.Equal(
            [
                "au candidat : fiche de décision et attestation de validation partielle — à remettre par courrier ou en main propre",
                "à l'employeur (Atelier Pédagogique du Rhône (fictif)) : fiche de décision, par courriel à contact@atelier-pedagogique.exemple.test",
            ],
            mail.Dossiers[3].Recipients.Select(r => r.Text));

        await s.AsAsync(Olivier, room => room.CloseSessionAsync(s.SessionId));
        var outbox = await _factory.OutboxAsync();
        Assert.Equal(
            mail.Dossiers.SelectMany(d => d.Recipients).Select(r => r.Email).OfType<string>().Order(StringComparer.Ordinal),
            outbox.Select(m => m.RecipientAddress).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task R10_2_a_president_in_conflict_with_a_dossier_reads_neither_its_recipients_nor_their_addresses()
    {
        var s = await SeedAsync(_factory);
        await ClosedSession.RunToClosingAsync(s, president: Helene, close: false);

        var mail = (await s.AsAsync(Helene, room => room.PreviewClosingAsync(s.SessionId))).Mail!;

        var fontaine = mail.Dossiers[0];
        Assert.True(fontaine.Withheld);
        Assert.Empty(fontaine.Recipients);
        Assert.StartsWith("Dossier D-", fontaine.Label, StringComparison.Ordinal);
        var texts = mail.Dossiers.SelectMany(d => d.Recipients).Select(r => r.Text).ToList();
        Assert.DoesNotContain(texts, t => t.Contains("fontaine", StringComparison.OrdinalIgnoreCase) || t.Contains("Formavenir", StringComparison.Ordinal));
        Assert.DoesNotContain(mail.Dossiers, d => d.Label.Contains("FONTAINE", StringComparison.Ordinal));
        Assert.Equal(["MERCIER", "HADDAD", "DUBOIS", "LEROY"], mail.Dossiers.Skip(1).Select(d => d.Label.Split(' ')[0]));
        Assert.Equal(5, mail.MessageCount); // Fontaine's two messages are not counted for her
    }

    [Fact]
    public async Task R16_the_closing_confirmation_is_in_the_access_history_of_each_dossier_whose_recipients_it_shows_and_no_other()
    {
        var s = await SeedAsync(_factory);
        await ClosedSession.RunToClosingAsync(s, president: Helene, close: false);
        Task<IReadOnlyList<DossierAccessLine>> HistoryAsync(string candidate) =>
            _factory.AsUserAsync(s.SecretariatEmail, sp => sp.GetRequiredService<AccessHistory>().ForDossierAsync(s.Dossier(candidate)));
        static bool AtClosing(DossierAccessLine line) => line.Place == AccessPlaces.ClosingConfirmation;

        var mail = (await s.AsAsync(Helene, room => room.PreviewClosingAsync(s.SessionId))).Mail!;

        // Hélène read the addresses of Mercier's recipients (and the others she takes part in), not Fontaine's (R10.2).
        var mercier = Assert.Single(await HistoryAsync("Mercier"), AtClosing);
        Assert.Equal(("Hélène Marchand", false, null), (mercier.UserName, mercier.Refused, mercier.Document));
        Assert.Equal(mail.Dossiers.Count(d => !d.Withheld), (await Task.WhenAll(new[] { "Mercier", "Haddad", "Dubois", "Leroy" }.Select(HistoryAsync))).Count(h => h.Any(AtClosing)));
        Assert.DoesNotContain(await HistoryAsync("Fontaine"), AtClosing);
        Assert.DoesNotContain(await HistoryAsync("Perrin"), AtClosing); // postponed: no decision to send

        // A member who may not ask (not the president) reads nothing and leaves no such line.
        await Assert.ThrowsAsync<AccessDeniedException>(() => s.AsAsync(Karim, room => room.PreviewClosingAsync(s.SessionId)));
        Assert.Single(await HistoryAsync("Mercier"), AtClosing);
    }
}
