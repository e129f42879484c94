using System.Text;
using CqpJury.App.OfficialDocuments.Pdf;
using static CqpJury.Tests.OfficialDocuments.Pdf.DocumentSamples;

namespace CqpJury.Tests.OfficialDocuments.Pdf;

public class DecisionSheetTests
{
    [Fact]
    public void R14_sheet_carries_the_annex_title_the_candidate_the_jury_date_and_the_dossier_reference()
    {
        var pdf = PdfText.Read(PdfDocuments.DecisionSheet(PartialSheet()));

        Assert.Contains("CQP Assistant(e) de formation Décision du jury paritaire", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Nom et prénom du candidat : Élodie Lefèvre", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Date du jury : 12/06/2025", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Référence du dossier : VAE-2025-0042", pdf.All, StringComparison.Ordinal);
        Assert.Equal("CQP Assistant(e) de formation — Décision du jury paritaire", pdf.Title);
        Assert.Equal("CqpJury", pdf.Author);
        Assert.Contains("Élodie Lefèvre", pdf.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void R14_each_competence_appears_with_its_full_title_even_when_the_title_wraps()
    {
        var pdf = PdfText.Read(PdfDocuments.DecisionSheet(PartialSheet()));

        for (var i = 0; i < AssistantCompetences.Length; i++)
        {
            Assert.Contains($"Compétence {i + 1} – {AssistantCompetences[i]}", pdf.All, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void R14_the_label_of_the_ticked_box_is_set_in_bold_so_each_result_reads_in_the_text()
    {
        var partial = PdfText.Read(PdfDocuments.DecisionSheet(PartialSheet()));
        var awarded = PdfText.Read(PdfDocuments.DecisionSheet(AwardedSheet()));

        // Competences 1, 2 (held earlier), 3 and 5 validated; 4 and 6 not; the CQP is not delivered.
        Assert.Contains("Résultat Validée Validée Validée Non validée Validée Non validée NON DÉLIVRÉ", partial.Bold, StringComparison.Ordinal);
        Assert.DoesNotContain("CQP DÉLIVRÉ", partial.Bold, StringComparison.Ordinal);
        Assert.Contains("Résultat Validée Validée Validée Validée Validée Validée CQP DÉLIVRÉ", awarded.Bold, StringComparison.Ordinal);
        Assert.DoesNotContain("NON DÉLIVRÉ", awarded.Bold, StringComparison.Ordinal);
        Assert.DoesNotContain("Non validée", awarded.Bold, StringComparison.Ordinal);
    }

    [Fact]
    public void R14_the_outcome_is_written_out_beside_the_delivered_boxes()
    {
        var partial = PdfText.Read(PdfDocuments.DecisionSheet(PartialSheet()));
        var awarded = PdfText.Read(PdfDocuments.DecisionSheet(AwardedSheet()));

        Assert.Contains("CQP DÉLIVRÉ NON DÉLIVRÉ Décision : Validation partielle", partial.All, StringComparison.Ordinal);
        Assert.Contains("CQP DÉLIVRÉ NON DÉLIVRÉ Décision : Délivrance du CQP", awarded.All, StringComparison.Ordinal);
    }

    [Fact]
    public void R4_1_partial_validation_prints_until_when_each_validated_competence_is_held()
    {
        var pdf = PdfText.Read(PdfDocuments.DecisionSheet(PartialSheet()));

        Assert.Contains("Validée (décision antérieure, valable jusqu'au 04/03/2027)", pdf.All, StringComparison.Ordinal);
        Assert.Equal(3, Occurrences(pdf.All, "Validée (valable jusqu'au 12/06/2030)"));
        Assert.Contains("Compétence 4 – Traiter les aléas et les situations difficiles Validée Non validée Compétence 5", pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public void R14_an_awarded_sheet_prints_no_end_of_validity()
    {
        var pdf = PdfText.Read(PdfDocuments.DecisionSheet(AwardedSheet()));

        Assert.DoesNotContain("valable jusqu'au", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Nom et prénom du candidat : François Nœl", pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public void R13_comments_and_the_jurys_answer_to_the_candidates_observations_are_printed()
    {
        var model = PartialSheet(
            comments: "Dossier « solide » ; l’entretien a confirmé la maîtrise – sauf la compétence 4.",
            answer: "Les preuves apportées ne couvrent pas les situations difficiles avec des apprenants.");

        var pdf = PdfText.Read(PdfDocuments.DecisionSheet(model));

        Assert.Contains("Commentaires : Dossier « solide » ; l’entretien a confirmé la maîtrise – sauf la compétence 4.", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Réponse du jury aux observations du candidat : Les preuves apportées ne couvrent pas les situations difficiles avec des apprenants.", pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public void R13_without_observations_there_is_no_answer_and_without_comments_the_sheet_says_so()
    {
        var pdf = PdfText.Read(PdfDocuments.DecisionSheet(PartialSheet(comments: null, answer: null)));

        Assert.Contains("Commentaires : Aucun commentaire.", pdf.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Réponse du jury", pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public void R14_signature_names_the_president_and_the_Paris_time_of_the_electronic_signature()
    {
        var pdf = PdfText.Read(PdfDocuments.DecisionSheet(PartialSheet()));

        // Signed at 15:45 UTC on 12 June: 17:45 in Paris (summer time).
        Assert.Contains("Signature du Président du jury paritaire : Hélène Dubois-Marchal — signé électroniquement le 12/06/2025 à 17:45", pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_comments_flow_over_several_pages_without_losing_a_line_and_every_page_carries_the_code()
    {
        const string sentence = "Commentaire détaillé du jury sur la pratique professionnelle du candidat, avec des exemples précis et des remarques « entre guillemets ».";
        var comments = string.Join("\n", Enumerable.Range(1, 80).Select(i => $"{i}. {sentence}"));

        var pdf = PdfText.Read(PdfDocuments.DecisionSheet(PartialSheet(comments: comments)));

        Assert.True(pdf.Pages.Count >= 3, $"{pdf.Pages.Count} page(s)");
        // Body text without the page furniture (footer, running header), pages joined.
        const string runningHeader = "CQP Assistant(e) de formation — Décision du jury paritaire — Élodie Lefèvre";
        var body = string.Join(" ", pdf.Pages.Select(p =>
            p[..p.IndexOf("Code de vérification", StringComparison.Ordinal)].Replace(runningHeader, "", StringComparison.Ordinal)));
        for (var i = 1; i <= 80; i++)
        {
            Assert.Contains($"{i}. {sentence}", PdfText.Normalize(body), StringComparison.Ordinal);
        }

        for (var i = 0; i < pdf.Pages.Count; i++)
        {
            Assert.Contains("Code de vérification : K7QP-3MZD-W9TX", pdf.Pages[i], StringComparison.Ordinal);
            Assert.Contains($"Page {i + 1} / {pdf.Pages.Count}", pdf.Pages[i], StringComparison.Ordinal);
        }

        Assert.Contains("Signature du Président du jury paritaire", pdf.Pages[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_page_prints_the_verification_code_and_the_address_of_the_verification_page()
    {
        var pdf = PdfText.Read(PdfDocuments.DecisionSheet(PartialSheet()));

        var page = Assert.Single(pdf.Pages);
        Assert.Contains("Code de vérification : K7QP-3MZD-W9TX", page, StringComparison.Ordinal);
        Assert.Contains("https://cqpjury.example.fr/verifier/K7QP-3MZD-W9TX", page, StringComparison.Ordinal);
        Assert.Contains("Page 1 / 1", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Fonts_are_embedded_so_the_sheet_prints_the_same_everywhere()
    {
        var bytes = PdfDocuments.DecisionSheet(PartialSheet());
        var raw = Encoding.Latin1.GetString(bytes);

        Assert.StartsWith("%PDF-", raw, StringComparison.Ordinal);
        Assert.Contains("/FontFile2", raw, StringComparison.Ordinal);
        Assert.Contains("DejaVu", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Sheets_can_be_generated_in_parallel_from_a_cold_start()
    {
        var sheets = new byte[16][];
        Parallel.For(0, sheets.Length, i => sheets[i] = PdfDocuments.DecisionSheet(PartialSheet()));

        Assert.All(sheets, s => Assert.Contains("Élodie Lefèvre", PdfText.Read(s).All, StringComparison.Ordinal));
    }

    internal static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
