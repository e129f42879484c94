using CqpJury.App.OfficialDocuments.Pdf;
using static CqpJury.Tests.OfficialDocuments.Pdf.DocumentSamples;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace CqpJury.Tests.OfficialDocuments.Pdf;

public class CertificateTests
{
    [Fact]
    public void R15_certificate_names_the_CQP_the_holder_the_jury_date_the_competences_and_the_president()
    {
        var pdf = PdfText.Read(PdfDocuments.Certificate(Certificate()));

        var page = Assert.Single(pdf.Pages);
        Assert.Contains("Certificat de Qualification Professionnelle CQP Assistant(e) de formation délivré à Élodie Lefèvre né(e) le 03/11/1988 par décision du jury paritaire du 12/06/2025", page, StringComparison.Ordinal);
        for (var i = 0; i < AssistantCompetences.Length; i++)
        {
            Assert.Contains($"Compétence {i + 1} – {AssistantCompetences[i]}", page, StringComparison.Ordinal);
        }

        Assert.Contains("Le Président du jury paritaire Hélène Dubois-Marchal", page, StringComparison.Ordinal);
        Assert.Contains("Code de vérification : K7QP-3MZD-W9TX", page, StringComparison.Ordinal);
    }

    [Fact]
    public void R15_a_sealed_certificate_with_the_longest_competence_titles_keeps_one_page_with_the_president_beside_the_signature_block()
    {
        using var test = CqpJury.App.OfficialDocuments.Signing.SealCertificates.CreateTestCertificate(DateTimeOffset.UtcNow);
        var model = LongCertificate();

        var pdf = PdfText.Read(PdfDocuments.Certificate(model, Integration.OfficialDocuments.TestCertificates.Seal(test)));

        var page = Assert.Single(pdf.Pages);
        foreach (var c in model.Competences)
        {
            Assert.Contains($"Compétence {c.Position} – {c.Title}", page, StringComparison.Ordinal);
        }

        Assert.Contains("Le Président du jury paritaire", page, StringComparison.Ordinal);
        Assert.Contains("Document signé électroniquement par : " + CqpJury.App.OfficialDocuments.Signing.SealCertificate.TestMarker, page, StringComparison.Ordinal);
        Assert.Contains("Motif : Décision du jury paritaire du 12/06/2025 — présidence : Hélène Dubois-Marchal", page, StringComparison.Ordinal);
    }

    [Fact]
    public void R15_certificate_is_a_landscape_A4_page()
    {
        using var pig = PigDocument.Open(PdfDocuments.Certificate(Certificate()));
        var page = pig.GetPage(1);

        Assert.Equal(842, page.Width, 0);
        Assert.Equal(595, page.Height, 0);
    }

    [Fact]
    public void R15_birth_date_is_left_out_when_unknown()
    {
        var pdf = PdfText.Read(PdfDocuments.Certificate(Certificate() with { BirthDate = null }));

        Assert.DoesNotContain("né(e) le", pdf.All, StringComparison.Ordinal);
        Assert.Contains("délivré à Élodie Lefèvre par décision du jury paritaire du 12/06/2025", pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public void R4_1_attestation_lists_only_the_validated_competences_each_with_its_end_of_validity()
    {
        var pdf = PdfText.Read(PdfDocuments.PartialAttestation(Attestation()));

        Assert.Contains("Attestation de validation partielle CQP Assistant(e) de formation", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Nom et prénom du candidat : Élodie Lefèvre Date du jury : 12/06/2025", pdf.All, StringComparison.Ordinal);
        Assert.Contains($"Compétence 1 – {AssistantCompetences[0]} 12/06/2030", pdf.All, StringComparison.Ordinal);
        Assert.Contains($"Compétence 2 – {AssistantCompetences[1]} (décision antérieure) 04/03/2027", pdf.All, StringComparison.Ordinal);
        Assert.Contains($"Compétence 3 – {AssistantCompetences[2]} 12/06/2030", pdf.All, StringComparison.Ordinal);
        Assert.Contains($"Compétence 5 – {AssistantCompetences[4]} 12/06/2030", pdf.All, StringComparison.Ordinal);
        Assert.DoesNotContain(AssistantCompetences[3], pdf.All, StringComparison.Ordinal);
        Assert.DoesNotContain(AssistantCompetences[5], pdf.All, StringComparison.Ordinal);
        Assert.Contains("Le Président du jury paritaire : Hélène Dubois-Marchal", pdf.All, StringComparison.Ordinal);
    }

    [Fact]
    public void R4_2_attestation_states_the_five_years_and_that_only_the_other_competences_will_be_evaluated()
    {
        var pdf = PdfText.Read(PdfDocuments.PartialAttestation(Attestation()));

        Assert.Contains("garde le bénéfice des compétences validées durant cinq ans", pdf.All, StringComparison.Ordinal);
        Assert.Contains("uniquement sur les compétences n'ayant pas été validées par le jury", pdf.All, StringComparison.Ordinal);
        Assert.Contains("Code de vérification : K7QP-3MZD-W9TX", pdf.All, StringComparison.Ordinal);
    }
}
