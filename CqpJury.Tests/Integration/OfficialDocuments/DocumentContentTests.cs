using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.Services;
using CqpJury.Domain.Outcomes;
using Microsoft.EntityFrameworkCore;
using CqpJury.Tests.Integration.Room;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.OfficialDocuments;

/// <summary>Every issued PDF read back with PdfPig: what it states (R14, R15, R4.1, R4.2, R13) and its verification code.</summary>
public sealed class DocumentContentTests(ClosedSessionFixture f) : IClassFixture<ClosedSessionFixture>
{
    private static readonly DateOnly JuryDate = new(2026, 11, 27);

    private ReferentialCatalog Catalog => f.Factory.Services.GetRequiredService<ReferentialCatalog>();

    [Theory]
    [InlineData("Fontaine", "FONTAINE Élodie", "CQP-AF", "", true)]
    [InlineData("Mercier", "MERCIER Julien", "CQP-CCF", "C5", false)]
    [InlineData("Haddad", "HADDAD Nadia", "CQP-AF", "", true)]
    [InlineData("Dubois", "DUBOIS Claire", "CQP-AF", "C2", false)]
    [InlineData("Leroy", "LEROY Maxime", "CQP-CCF", "", true)]
    public async Task R14_the_decision_sheet_states_the_candidate_the_jury_date_each_competence_and_its_result_the_outcome_and_the_signing_president(
        string lastName, string officialName, string certificateCode, string notValidated, bool awarded)
    {
        var document = await f.DocumentAsync(IssuedDocumentKind.DecisionSheet, lastName);
        var pdf = OfficialPdf.Read(await f.StoredFileAsync(document.Id));
        var certificate = Catalog.Get(certificateCode);
        var signedAt = await SignedAtParisAsync(lastName);

        Assert.Contains(certificate.Title + " Décision du jury paritaire", pdf.Text, StringComparison.Ordinal);
        Assert.Contains("Fiche individuelle de décision", pdf.Text, StringComparison.Ordinal);
        Assert.Contains("Nom et prénom du candidat : " + officialName, pdf.Text, StringComparison.Ordinal);
        Assert.Contains("Date du jury : 27/11/2026", pdf.Text, StringComparison.Ordinal);
        for (var i = 0; i < certificate.Competences.Count; i++)
        {
            Assert.Contains($"Compétence {i + 1} – {certificate.Competences[i].Title}", pdf.Text, StringComparison.Ordinal);
        }

        var expected = certificate.Competences.Select(c => c.Code == notValidated ? "Non validée" : "Validée").ToList();
        Assert.Equal(expected, pdf.TickedResults());
        Assert.Equal(certificate.Competences.Count, OfficialPdf.Count(pdf.Text, "Non validée"));
        Assert.Contains("CQP DÉLIVRÉ NON DÉLIVRÉ", pdf.Text, StringComparison.Ordinal);
        if (awarded)
        {
            Assert.Contains("CQP DÉLIVRÉ", pdf.Bold, StringComparison.Ordinal);
            Assert.DoesNotContain("NON DÉLIVRÉ", pdf.Bold, StringComparison.Ordinal);
            Assert.Contains("Décision : Délivrance du CQP", pdf.Text, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("NON DÉLIVRÉ", pdf.Bold, StringComparison.Ordinal);
            Assert.DoesNotContain("CQP DÉLIVRÉ", pdf.Bold, StringComparison.Ordinal);
            Assert.Contains("Décision : Validation partielle", pdf.Text, StringComparison.Ordinal);
        }

        Assert.Contains($"Signature du Président du jury paritaire : Olivier Garnier — signé électroniquement le 27/11/2026 à {signedAt:HH:mm}",
            pdf.Text, StringComparison.Ordinal);
        Assert.Contains("Code de vérification : " + document.VerificationCode, pdf.Text, StringComparison.Ordinal);
        Assert.Contains("https://jury.exemple.test/verifier/" + document.VerificationCode, pdf.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R13_the_decision_sheet_carries_the_comments_and_the_jury_answer_to_the_candidate_observations()
    {
        var dubois = await f.TextOfAsync(IssuedDocumentKind.DecisionSheet, "Dubois");
        var leroy = await f.TextOfAsync(IssuedDocumentKind.DecisionSheet, "Leroy");
        var fontaine = await f.TextOfAsync(IssuedDocumentKind.DecisionSheet, "Fontaine");

        Assert.Contains("Commentaires : Dossier solide.", dubois, StringComparison.Ordinal);
        Assert.Contains("Réponse du jury aux observations du candidat : " + ClosedSession.DuboisAnswer, dubois, StringComparison.Ordinal);
        Assert.Contains("Commentaires : " + ClosedSession.LeroyComments, leroy, StringComparison.Ordinal);
        Assert.DoesNotContain("Réponse du jury aux observations", leroy, StringComparison.Ordinal);
        Assert.Contains("Commentaires : Aucun commentaire.", fontaine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R4_1_the_partial_validation_sheet_and_attestation_state_each_validated_competence_valid_until_five_years_less_a_day()
    {
        var certificate = Catalog.Get("CQP-CCF");
        var until = new CompetenceAcquisition("C1", JuryDate).ValidUntil;
        Assert.Equal(new DateOnly(2031, 11, 26), until);
        var sheet = await f.TextOfAsync(IssuedDocumentKind.DecisionSheet, "Mercier");
        var attestationDocument = await f.DocumentAsync(IssuedDocumentKind.PartialAttestation, "Mercier");
        var attestation = OfficialPdf.Read(await f.StoredFileAsync(attestationDocument.Id)).Text;

        Assert.Equal(5, OfficialPdf.Count(sheet, "Validée (valable jusqu'au 26/11/2031)"));
        Assert.Contains("Attestation de validation partielle", attestation, StringComparison.Ordinal);
        Assert.Contains("MERCIER Julien", attestation, StringComparison.Ordinal);
        Assert.Contains("Date de naissance : 03/11/1985", attestation, StringComparison.Ordinal);
        Assert.Contains("Date du jury : 27/11/2026", attestation, StringComparison.Ordinal);
        Assert.Contains("Le jury paritaire réuni le 27/11/2026 a validé les compétences suivantes du " + certificate.Title, attestation, StringComparison.Ordinal);
        foreach (var (competence, i) in certificate.Competences.Select((c, i) => (c, i)))
        {
            var label = $"Compétence {i + 1} – {competence.Title}";
            if (competence.Code == "C5")
            {
                Assert.DoesNotContain(label, attestation, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains(label, attestation, StringComparison.Ordinal);
            }
        }

        Assert.Equal(5, OfficialPdf.Count(attestation, "26/11/2031"));
        Assert.Contains("Le Président du jury paritaire : Olivier Garnier", attestation, StringComparison.Ordinal);
        Assert.Contains("Code de vérification : " + attestationDocument.VerificationCode, attestation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R4_2_R4_1_the_returning_candidate_awarded_sees_the_competences_still_held_from_the_earlier_decision_and_no_end_of_validity()
    {
        var sheet = await f.TextOfAsync(IssuedDocumentKind.DecisionSheet, "Haddad");
        var earlier = new CompetenceAcquisition("C1", new DateOnly(2023, 6, 15)).ValidUntil;

        Assert.Equal(3, OfficialPdf.Count(sheet, "Validée (décision antérieure)"));
        Assert.DoesNotContain("valable jusqu'au", sheet, StringComparison.Ordinal);
        Assert.DoesNotContain(earlier.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), sheet, StringComparison.Ordinal);
        Assert.DoesNotContain("26/11/2031", sheet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Fontaine", "FONTAINE Élodie", "CQP-AF", "né(e) le 12/04/1992")]
    [InlineData("Haddad", "HADDAD Nadia", "CQP-AF", "né(e) le 27/02/1990")]
    [InlineData("Leroy", "LEROY Maxime", "CQP-CCF", "né(e) le 30/01/1998")]
    public async Task R15_the_certificate_names_the_candidate_the_CQP_the_jury_date_every_competence_and_the_president(
        string lastName, string officialName, string certificateCode, string born)
    {
        var document = await f.DocumentAsync(IssuedDocumentKind.Certificate, lastName);
        var pdf = OfficialPdf.Read(await f.StoredFileAsync(document.Id));
        var text = pdf.Text;
        var certificate = Catalog.Get(certificateCode);

        Assert.Contains("Certificat de Qualification Professionnelle " + certificate.Title + " délivré à " + officialName + " " + born, text, StringComparison.Ordinal);
        Assert.Contains("par décision du jury paritaire du 27/11/2026", text, StringComparison.Ordinal);
        for (var i = 0; i < certificate.Competences.Count; i++)
        {
            Assert.Contains($"Compétence {i + 1} – {certificate.Competences[i].Title}", text, StringComparison.Ordinal);
        }

        Assert.Contains("Le Président du jury paritaire Olivier Garnier", text, StringComparison.Ordinal);
        Assert.Contains("Motif : Décision du jury paritaire du 27/11/2026 — présidence : Olivier Garnier", text, StringComparison.Ordinal);
        Assert.Contains("Code de vérification : " + document.VerificationCode, text, StringComparison.Ordinal);
        Assert.Single(pdf.Pages); // the signature's block beside the president keeps the certificate on one page
    }

    [Fact]
    public async Task R12_an_objections_reason_stays_in_the_jury_and_is_printed_on_no_issued_document()
    {
        List<App.Data.Entities.DeliberationEvent> facts = [];
        await f.Factory.WithDbAsync(async db => facts = await db.DeliberationEvents.AsNoTracking().ToListAsync());
        Assert.Contains(facts, e => e.Payload == ClosedSession.LeroyObjection);

        var files = await f.StoredFilesAsync();

        Assert.True(files.Count >= 10, $"{files.Count} documents issued");
        Assert.All(files.Values, bytes => Assert.DoesNotContain("Zébulon", OfficialPdf.Read(bytes).Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_minutes_state_the_session_the_members_present_and_per_dossier_the_panel_recusals_stand_asides_and_outcome()
    {
        var document = await f.DocumentAsync(IssuedDocumentKind.SessionMinutes);
        var pdf = OfficialPdf.Read(await f.StoredFileAsync(document.Id));
        var text = pdf.Text;
        string standing = ClosedSession.NameOf(f.S, (await StoodAsideAsync("Fontaine")));
        var stoodAsideName = standing == RoomScenario.Karim ? "Karim Benali" : "Amandine Roux";

        Assert.Contains("Procès-verbal de la session du jury paritaire", text, StringComparison.Ordinal);
        Assert.Contains("Date : 27/11/2026", text, StringComparison.Ordinal);
        Assert.Contains("Lieu : CPEF – salle Jean Monnet, Paris (fictif)", text, StringComparison.Ordinal);
        Assert.Contains("Président du jury : Olivier Garnier", text, StringComparison.Ordinal);
        Assert.Contains("Olivier Garnier Collège entreprises Président du jury", text, StringComparison.Ordinal);
        Assert.Contains("Hélène Marchand Collège entreprises Membre", text, StringComparison.Ordinal);
        Assert.Contains("Sophie Lambert Expert métier Membre", text, StringComparison.Ordinal);
        Assert.Contains("Dossiers examinés (6)", text, StringComparison.Ordinal);
        Assert.Matches("Dossier D-2026-0001 — FONTAINE Élodie .*Conflit d'intérêts \\(récusation\\) : Hélène Marchand Retrait pour parité : " + stoodAsideName + " Décision : Délivrance du CQP", text);
        Assert.Matches("Dossier D-2026-0002 — MERCIER Julien .*Décision : Validation partielle", text);
        Assert.Matches("Dossier D-2026-0004 — PERRIN Thomas .*Conflit d'intérêts \\(récusation\\) : Sophie Lambert Retrait pour parité : aucun Ajourné : " + System.Text.RegularExpressions.Regex.Escape(ClosedSession.PerrinReason), text);
        Assert.Contains("Compétence 5 – " + Catalog.Get("CQP-CCF").Competences[4].Title + " Non validée —", text, StringComparison.Ordinal);
        Assert.Contains("Signature du président : Olivier Garnier", text, StringComparison.Ordinal);
        Assert.All(pdf.Pages, page => Assert.Contains("Code de vérification : " + document.VerificationCode, page, StringComparison.Ordinal));
    }

    [Fact]
    public async Task R16_the_minutes_print_the_journal_head_at_closing_the_closing_entrys_place_and_hash()
    {
        var document = await f.DocumentAsync(IssuedDocumentKind.SessionMinutes);
        var pdf = OfficialPdf.Read(await f.StoredFileAsync(document.Id));
        await using var db = await f.Factory.Services.GetRequiredService<IDbContextFactory<App.Data.CqpJuryDbContext>>().CreateDbContextAsync();
        var closing = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.SessionId == f.S.SessionId && a.Action == "Clôture de la session");
        var verdict = await f.Factory.Services.GetRequiredService<App.Services.Audit.JournalVerifier>().VerifyAsync();

        Assert.True(verdict.Intact, verdict.Text);
        Assert.Matches("^[0-9a-f]{64}$", closing.Hash);
        Assert.Contains($"Journal électronique à la clôture : entrée n° {closing.Sequence}, empreinte SHA-256 " + closing.Hash,
            OfficialPdf.Normalize(pdf.Text), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_attendance_sheet_lists_every_convened_member_with_seat_presence_and_time_of_arrival_in_Paris_time()
    {
        var document = await f.DocumentAsync(IssuedDocumentKind.AttendanceSheet);
        var text = OfficialPdf.Read(await f.StoredFileAsync(document.Id)).Text;

        Assert.Contains("Feuille d'émargement", text, StringComparison.Ordinal);
        Assert.Contains("Session : Jury paritaire CQP – session de démonstration", text, StringComparison.Ordinal);
        Assert.Contains("Date : 27/11/2026", text, StringComparison.Ordinal);
        foreach (var line in new[]
        {
            "Karim Benali Collège salariés Présent(e) 10:00",
            "Amandine Roux Collège salariés Présent(e) 10:00",
            "Olivier Garnier Collège entreprises Présent(e) 10:00",
            "Hélène Marchand Collège entreprises Présent(e) 10:00",
            "Sophie Lambert Expert métier Présent(e) 10:00",
        })
        {
            Assert.Contains(line, text, StringComparison.Ordinal);
        }

        Assert.Contains("5 membre(s) présent(s) sur 5 convoqué(s).", text, StringComparison.Ordinal);
        Assert.Contains("Code de vérification : " + document.VerificationCode, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_document_prints_its_own_verification_code_and_verification_address_on_every_page()
    {
        var files = await f.StoredFilesAsync();
        foreach (var document in await f.ListAsync())
        {
            var pdf = OfficialPdf.Read(files[document.Id]);
            Assert.All(pdf.Pages, page =>
            {
                Assert.Contains("Code de vérification : " + document.VerificationCode, page, StringComparison.Ordinal);
                Assert.Contains("https://jury.exemple.test/verifier/" + document.VerificationCode, page, StringComparison.Ordinal);
            });
        }
    }

    [Fact]
    public async Task No_issued_document_shows_the_codes_rule_numbers()
    {
        var files = await f.StoredFilesAsync();
        var documents = await f.ListAsync();
        var ruleNumber = new System.Text.RegularExpressions.Regex(@"\bR\d+(\.\d+)?\b", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

        Assert.Equal(12, documents.Count);
        foreach (var document in documents)
        {
            // The verification code is random letters and digits: a group such as « R479 » is not a rule number.
            var text = OfficialPdf.Read(files[document.Id]).Text.Replace(document.VerificationCode, string.Empty, StringComparison.Ordinal);
            Assert.True(!ruleNumber.IsMatch(text), $"{document.Kind}: « {ruleNumber.Match(text).Value} » in {text}");
        }
    }

    private async Task<DateTimeOffset> SignedAtParisAsync(string lastName)
    {
        DateTimeOffset signedAt = default;
        await f.Factory.WithDbAsync(async db => signedAt = (await db.Deliberations.AsNoTracking()
            .SingleAsync(d => d.SessionId == f.S.SessionId && d.DossierId == f.S.Dossier(lastName))).SignedAt!.Value);
        return TimeZoneInfo.ConvertTime(signedAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
    }

    private async Task<Guid> StoodAsideAsync(string lastName)
    {
        Guid member = default;
        await f.Factory.WithDbAsync(async db => member = (await db.StandAsides.AsNoTracking()
            .SingleAsync(a => a.SessionId == f.S.SessionId && a.DossierId == f.S.Dossier(lastName))).JuryMemberId);
        return member;
    }
}
