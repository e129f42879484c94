using CqpJury.App.OfficialDocuments.Pdf;
using static CqpJury.Tests.OfficialDocuments.Pdf.DocumentSamples;

namespace CqpJury.Tests.OfficialDocuments.Pdf;

public class SessionDocumentsTests
{
    [Fact]
    public void Minutes_of_thirty_dossiers_flow_over_several_pages_each_with_the_code_and_its_number()
    {
        var pdf = PdfText.Read(PdfDocuments.SessionMinutes(Minutes(30)));

        Assert.True(pdf.Pages.Count > 5, $"{pdf.Pages.Count} page(s)");
        for (var i = 0; i < pdf.Pages.Count; i++)
        {
            Assert.Contains("Code de vérification : K7QP-3MZD-W9TX", pdf.Pages[i], StringComparison.Ordinal);
            Assert.Contains($"Page {i + 1} / {pdf.Pages.Count}", pdf.Pages[i], StringComparison.Ordinal);
        }

        for (var d = 1; d <= 30; d++)
        {
            Assert.Contains($"Dossier VAE-2025-{d:0000} — ", pdf.All, StringComparison.Ordinal);
        }

        Assert.Equal("Procès-verbal de la session du jury paritaire — Session de juin — CQP Assistant(e) de formation", pdf.Title);
    }

    [Fact]
    public void Minutes_give_date_time_place_members_present_with_their_seat_and_the_president()
    {
        var pdf = PdfText.Read(PdfDocuments.SessionMinutes(Minutes(2)));

        Assert.Contains("Procès-verbal de la session du jury paritaire Session de juin — CQP Assistant(e) de formation", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Date : 12/06/2025 Heure : 09:30 Lieu : Maison de la formation, 12 rue de l'Église, Lyon", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Président du jury : Hélène Dubois-Marchal", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Hélène Dubois-Marchal Collège entreprises Président du jury", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Marc Rousseau Collège salariés Membre", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Anaïs Béranger Expert métier Membre", pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Minutes_record_per_dossier_the_panel_recusals_stand_asides_and_the_outcome_or_postponement()
    {
        var pdf = PdfText.Read(PdfDocuments.SessionMinutes(Minutes(10)));

        Assert.Contains("Dossier VAE-2025-0001 — Jérôme Çelik 1 CQP : CQP Assistant(e) de formation Jury du dossier : Hélène Dubois-Marchal, Marc Rousseau, Anaïs Béranger Conflit d'intérêts (récusation) : aucun Retrait pour parité : aucun Décision : Validation partielle", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Dossier VAE-2025-0003 — Jérôme Çelik 3", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Ajourné : Pièce manquante : attestation de l'employeur", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Conflit d'intérêts (récusation) : Chloé Martin", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Retrait pour parité : Paul Girard", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Dossier VAE-2025-0006 — Élodie Lefèvre 6", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Décision : Délivrance du CQP", pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Minutes_give_each_competence_result_and_until_when_it_is_held()
    {
        var pdf = PdfText.Read(PdfDocuments.SessionMinutes(Minutes(1)));

        Assert.Contains($"Compétence 1 – {AssistantCompetences[0]} Validée 12/06/2030", pdf.All, StringComparison.Ordinal);
        Assert.Contains($"Compétence 3 – {AssistantCompetences[2]} Non validée —", pdf.All, StringComparison.Ordinal);
        Assert.Contains($"Compétence 5 – {AssistantCompetences[4]} Validée (décision antérieure) 04/03/2027", pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Minutes_end_with_the_closing_time_in_Paris_and_the_presidents_signature()
    {
        var pdf = PdfText.Read(PdfDocuments.SessionMinutes(Minutes(3)));

        Assert.Contains("Clôturée le 12/06/2025 à 18:05 — Signature du président : Hélène Dubois-Marchal", pdf.Pages[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Minutes_never_leave_the_closing_block_alone_on_the_last_page_whatever_the_number_of_dossiers()
    {
        var seal = Integration.OfficialDocuments.TestCertificates.Seal();
        var alone = new List<string>();
        foreach (var documentSeal in new[] { null, seal })
        {
            for (var dossiers = 1; dossiers <= 16; dossiers++)
            {
                var pages = PdfText.Read(PdfDocuments.SessionMinutes(Minutes(dossiers), documentSeal)).Pages;
                Assert.Contains("Clôturée le 12/06/2025 à 18:05 — Signature du président : Hélène Dubois-Marchal", pages[^1], StringComparison.Ordinal);
                Assert.Equal(documentSeal is not null, pages[^1].Contains("Document signé électroniquement par", StringComparison.Ordinal));
                if (!pages[^1].Contains($"Dossier VAE-2025-{dossiers:0000} — ", StringComparison.Ordinal))
                {
                    alone.Add($"{dossiers} dossier(s){(documentSeal is null ? "" : ", signé")}");
                }
            }
        }

        Assert.True(alone.Count == 0, "Closing block without the last dossier: " + string.Join("; ", alone));
    }

    [Fact]
    public void Attendance_sheet_lists_each_member_seat_presence_and_arrival_time_in_Paris()
    {
        var pdf = PdfText.Read(PdfDocuments.AttendanceSheet(Attendance()));

        Assert.Contains("Feuille d'émargement", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Session : Session de juin — CQP Assistant(e) de formation Date : 12/06/2025 Lieu : Maison de la formation, Lyon", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Nom Siège Présence Heure d'arrivée", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Hélène Dubois-Marchal Collège entreprises Présent(e) 09:22", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Marc Rousseau Collège salariés Présent(e) 09:31", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Zoé Lemaître Collège salariés Absent(e) —", pdf.All, StringComparison.Ordinal);
        Assert.Contains("2 membre(s) présent(s) sur 3 convoqué(s)", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Code de vérification : K7QP-3MZD-W9TX", pdf.All, StringComparison.Ordinal);
    }
}
