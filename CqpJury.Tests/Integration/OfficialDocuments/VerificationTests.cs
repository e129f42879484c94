using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.OfficialDocuments.Signing;
using CqpJury.App.Services.OfficialDocuments;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.Tests.Integration.OfficialDocuments;

/// <summary>The public verification of an issued document: by its code (content hash) and by its file (byte hash).</summary>
public sealed class VerificationTests(ClosedSessionFixture f) : IClassFixture<ClosedSessionFixture>
{
    [Fact]
    public async Task A_valid_code_confirms_the_document_with_its_candidate_CQP_and_statement()
    {
        var sheet = await f.DocumentAsync(IssuedDocumentKind.DecisionSheet, "Mercier");

        var result = await f.VerifyAsync(v => v.VerifyAsync(sheet.VerificationCode));

        Assert.Equal(VerificationStatus.Valid, result.Status);
        Assert.Equal("Ce code correspond à un document officiel émis par le jury, et la décision enregistrée est identique à celle du document.", result.Message);
        Assert.Equal(sheet.VerificationCode, result.Code);
        Assert.Equal("Fiche individuelle de décision", result.DocumentTitle);
        Assert.Equal("MERCIER Julien", result.CandidateName);
        Assert.Equal("CQP Conseiller(ère) commercial(e) en formation", result.CertificateTitle);
        Assert.Equal("Validation partielle", result.Statement);
        Assert.Equal(new DateOnly(2026, 11, 27), result.JuryDate);
        Assert.Equal(sheet.IssuedAt, result.IssuedAt);
    }

    [Fact]
    public async Task Every_issued_document_verifies_as_valid_right_after_issuing()
    {
        foreach (var document in await f.ListAsync())
        {
            var result = await f.VerifyAsync(v => v.VerifyAsync(document.VerificationCode));
            Assert.True(result.Status == VerificationStatus.Valid, $"{document.Title} : {result.Status}");
            Assert.Equal(document.Kind.ToFrench(), result.DocumentTitle);
        }
    }

    [Fact]
    public async Task A_code_typed_in_lower_case_without_dashes_or_with_spaces_is_recognised()
    {
        var certificate = await f.DocumentAsync(IssuedDocumentKind.Certificate, "Fontaine");
        var code = certificate.VerificationCode;

        var lower = await f.VerifyAsync(v => v.VerifyAsync(code.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal)));
        var spaced = await f.VerifyAsync(v => v.VerifyAsync("  " + code.Replace("-", " ", StringComparison.Ordinal) + " "));

        Assert.Equal(VerificationStatus.Valid, lower.Status);
        Assert.Equal(code, lower.Code);
        Assert.Equal("FONTAINE Élodie", lower.CandidateName);
        Assert.Equal("CQP délivré", lower.Statement);
        Assert.Equal(VerificationStatus.Valid, spaced.Status);
    }

    [Fact]
    public async Task An_unknown_well_formed_code_is_not_authentic_with_a_French_message()
    {
        var issued = (await f.ListAsync()).Select(d => d.VerificationCode).ToHashSet();
        var unknown = "ABCD-EFGH-JKMN";
        Assert.DoesNotContain(unknown, issued);

        var result = await f.VerifyAsync(v => v.VerifyAsync(unknown.ToLowerInvariant()));

        Assert.Equal(VerificationStatus.Unknown, result.Status);
        Assert.Equal("Aucun document n'a été émis avec le code ABCD-EFGH-JKMN. Ce document n'est pas authentique, ou le code a été mal saisi.", result.Message);
        Assert.Null(result.CandidateName);
        Assert.Null(result.DocumentTitle);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("1234-5678-90AB-CDEF-X")]
    [InlineData("<script>")]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("ABCD-EFGH-JKMU")]
    [InlineData("'; DROP TABLE IssuedDocuments; --")]
    public async Task A_malformed_code_is_answered_in_French_without_an_exception(string? typed)
    {
        var result = await f.VerifyAsync(v => v.VerifyAsync(typed));

        Assert.Equal(VerificationStatus.Malformed, result.Status);
        Assert.Equal("Ce code de vérification n'est pas valide : il comporte 12 caractères, au format XXXX-XXXX-XXXX.", result.Message);
        Assert.Null(result.CandidateName);
    }

    [Fact]
    public async Task A_changed_recorded_decision_makes_its_sheet_fail_verification_while_documents_not_stating_it_stay_valid()
    {
        var sheet = await f.DocumentAsync(IssuedDocumentKind.DecisionSheet, "Leroy");
        var certificate = await f.DocumentAsync(IssuedDocumentKind.Certificate, "Leroy");
        var dossierId = f.S.Dossier("Leroy");
        var sessionId = f.S.SessionId;
        var filesBefore = await f.StoredFilesAsync();
        try
        {
            // Someone with direct access to the database, who first removes its finality triggers.
            await f.Factory.TamperAsync(db => db.Deliberations.Where(d => d.SessionId == sessionId && d.DossierId == dossierId)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Comments, "Commentaire réécrit après la signature.")));

            var changed = await f.VerifyAsync(v => v.VerifyAsync(sheet.VerificationCode));
            var untouched = await f.VerifyAsync(v => v.VerifyAsync(certificate.VerificationCode));
            var reissued = await f.AsSecretariatAsync(d => d.IssueAsync(sessionId, ClosedSessionFixture.BaseUri));

            Assert.Equal(VerificationStatus.ContentChanged, changed.Status);
            Assert.Equal("Ce code correspond à un document émis, mais la décision enregistrée ne correspond plus à son contenu : contactez le secrétariat de la CPEF.", changed.Message);
            Assert.Equal("LEROY Maxime", changed.CandidateName);
            Assert.Equal(VerificationStatus.Valid, untouched.Status);
            Assert.Equal(0, reissued);
            var filesAfter = await f.StoredFilesAsync();
            Assert.All(filesBefore, kv => Assert.Equal(kv.Value, filesAfter[kv.Key]));
        }
        finally
        {
            await f.Factory.TamperAsync(db => db.Deliberations.Where(d => d.SessionId == sessionId && d.DossierId == dossierId)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Comments, ClosedSession.LeroyComments)));
        }

        Assert.Equal(VerificationStatus.Valid, (await f.VerifyAsync(v => v.VerifyAsync(sheet.VerificationCode))).Status);
    }

    [Fact]
    public async Task A_changed_decided_validation_makes_the_sheet_the_attestation_and_the_minutes_fail_verification()
    {
        var sheet = await f.DocumentAsync(IssuedDocumentKind.DecisionSheet, "Dubois");
        var attestation = await f.DocumentAsync(IssuedDocumentKind.PartialAttestation, "Dubois");
        var minutes = await f.DocumentAsync(IssuedDocumentKind.SessionMinutes);
        var attendance = await f.DocumentAsync(IssuedDocumentKind.AttendanceSheet);
        var dossierId = f.S.Dossier("Dubois");
        var sessionId = f.S.SessionId;
        string original = string.Empty;
        await f.Factory.WithDbAsync(async db => original = (await db.Deliberations.AsNoTracking()
            .SingleAsync(d => d.SessionId == sessionId && d.DossierId == dossierId)).DecidedValidations!);
        Assert.Contains("C2=0", original, StringComparison.Ordinal);
        try
        {
            await f.Factory.TamperAsync(db => db.Deliberations.Where(d => d.SessionId == sessionId && d.DossierId == dossierId)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.DecidedValidations, original.Replace("C2=0", "C2=1", StringComparison.Ordinal))));

            Assert.Equal(VerificationStatus.ContentChanged, (await f.VerifyAsync(v => v.VerifyAsync(sheet.VerificationCode))).Status);
            Assert.Equal(VerificationStatus.ContentChanged, (await f.VerifyAsync(v => v.VerifyAsync(attestation.VerificationCode))).Status);
            Assert.Equal(VerificationStatus.ContentChanged, (await f.VerifyAsync(v => v.VerifyAsync(minutes.VerificationCode))).Status);
            Assert.Equal(VerificationStatus.Valid, (await f.VerifyAsync(v => v.VerifyAsync(attendance.VerificationCode))).Status);
        }
        finally
        {
            await f.Factory.TamperAsync(db => db.Deliberations.Where(d => d.SessionId == sessionId && d.DossierId == dossierId)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.DecidedValidations, original)));
        }
    }

    [Fact]
    public async Task The_minutes_stay_valid_when_the_secretariat_later_edits_a_member_employer_since_the_recusals_of_the_session_are_facts()
    {
        var minutes = await f.DocumentAsync(IssuedDocumentKind.SessionMinutes);
        var helene = f.S.Member(RoomScenario.Helene);
        Guid? organisation = null;
        await f.Factory.WithDbAsync(async db => organisation = (await db.JuryMembers.AsNoTracking().SingleAsync(m => m.Id == helene)).OrganisationId);
        Assert.NotNull(organisation);
        try
        {
            // Hélène leaves Formavenir after the session: her recusal on Fontaine remains a fact of that session.
            await f.Factory.WithDbAsync(db => db.JuryMembers.Where(m => m.Id == helene)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.OrganisationId, (Guid?)null)));

            var result = await f.VerifyAsync(v => v.VerifyAsync(minutes.VerificationCode));

            Assert.Equal(VerificationStatus.Valid, result.Status);
        }
        finally
        {
            await f.Factory.WithDbAsync(db => db.JuryMembers.Where(m => m.Id == helene)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.OrganisationId, organisation)));
        }
    }

    [Fact]
    public async Task The_exact_issued_file_matches_its_code()
    {
        var sheet = await f.DocumentAsync(IssuedDocumentKind.DecisionSheet, "Fontaine");
        using var stream = new MemoryStream(await f.StoredFileAsync(sheet.Id));

        var result = await f.VerifyAsync(v => v.VerifyFileAsync(sheet.VerificationCode, stream));

        Assert.True(result.Matches);
        Assert.Equal("Le fichier est identique, octet pour octet, au document émis : il n'a pas été modifié.", result.Message);
        Assert.Equal(FileSignatureStatus.Valid, result.Signature);
        Assert.Equal("La signature électronique du fichier est valide : il a été signé avec le certificat de l'organisme « CERTIFICAT DE TEST — sans valeur » et n'a pas été modifié depuis.", result.SignatureMessage);
    }

    [Fact]
    public async Task Every_issued_document_is_signed_with_the_test_certificate_created_once_under_the_data_folder()
    {
        var testCertificate = Path.Combine(f.Factory.DataRoot, "signing", "certificat-de-test.pfx");
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(testCertificate, null);
        List<App.Data.Entities.IssuedDocument> issued = [];
        await f.Factory.WithDbAsync(async db => issued = await db.IssuedDocuments.AsNoTracking().ToListAsync());
        var files = await f.StoredFilesAsync();

        Assert.Equal(12, issued.Count);
        foreach (var document in issued)
        {
            var report = PdfSignatureInspector.Inspect(files[document.Id]);
            Assert.Equal(PdfSignatureState.Valid, report.State);
            Assert.Equal(SealCertificate.ThumbprintOf(certificate), report.SignerThumbprint);
            Assert.Equal(report.SignerThumbprint, document.SealCertificateSha256);
            Assert.Equal(certificate.Subject, document.SealCertificateSubject);
            Assert.Contains(SealCertificate.TestMarker, OfficialPdf.Read(files[document.Id]).Text, StringComparison.Ordinal);
        }

        Assert.Contains(SealCertificate.TestMarker, certificate.Subject, StringComparison.Ordinal);
        var byCode = await f.VerifyAsync(v => v.VerifyAsync(issued[0].VerificationCode));
        Assert.Equal(SealCertificate.TestMarker, byCode.SealedBy);
    }

    [Fact]
    public async Task pdfsig_reports_an_issued_decision_sheet_signed_by_the_test_certificate_in_SHA_256_over_the_whole_file()
    {
        var sheet = await f.DocumentAsync(IssuedDocumentKind.DecisionSheet, "Mercier");

        var report = await Pdfsig.ReportAsync(await f.StoredFileAsync(sheet.Id));
        if (report is null)
        {
            return;
        }

        Assert.Contains("Signature Validation: Signature is Valid.", report, StringComparison.Ordinal);
        Assert.Contains("Signer Certificate Common Name: " + SealCertificate.TestMarker, report, StringComparison.Ordinal);
        Assert.Contains("Signing Hash Algorithm: SHA-256", report, StringComparison.Ordinal);
        Assert.Contains("Total document signed", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_byte_changed_in_the_signed_content_is_reported_by_pdfsig_and_by_the_verification_as_altered_after_signing()
    {
        var sheet = await f.DocumentAsync(IssuedDocumentKind.DecisionSheet, "Dubois");
        var bytes = await f.StoredFileAsync(sheet.Id);
        var raw = System.Text.Encoding.Latin1.GetString(bytes);
        var signatureStart = raw.IndexOf("/Contents<30", StringComparison.Ordinal);
        Assert.True(signatureStart > 2000);
        bytes[signatureStart / 2] ^= 0x01; // in the signed bytes, before the signature's own
        using var stream = new MemoryStream(bytes);

        var result = await f.VerifyAsync(v => v.VerifyFileAsync(sheet.VerificationCode, stream));

        Assert.False(result.Matches);
        Assert.Equal(FileSignatureStatus.Altered, result.Signature);
        Assert.Equal("La signature électronique du fichier n'est plus valide : le fichier a été modifié après sa signature.", result.SignatureMessage);
        var report = await Pdfsig.ReportAsync(bytes);
        if (report is not null)
        {
            Assert.DoesNotContain("Signature is Valid", report, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_same_document_unsigned_or_signed_with_another_certificate_is_not_the_original()
    {
        var sheet = await f.DocumentAsync(IssuedDocumentKind.DecisionSheet, "Haddad");
        var lookalike = new AttendanceSheetModel("Session", new DateOnly(2026, 11, 27), null, [], "Olivier Garnier",
            VerificationStamp.For(sheet.VerificationCode, ClosedSessionFixture.BaseUri));
        var unsigned = PdfDocuments.AttendanceSheet(lookalike);
        var forged = PdfDocuments.AttendanceSheet(lookalike, TestCertificates.Seal());
        using var first = new MemoryStream(unsigned);
        using var second = new MemoryStream(forged);

        var notSigned = await f.VerifyAsync(v => v.VerifyFileAsync(sheet.VerificationCode, first));
        var otherSigner = await f.VerifyAsync(v => v.VerifyFileAsync(sheet.VerificationCode, second));

        Assert.Equal(FileSignatureStatus.NotSigned, notSigned.Signature);
        Assert.Equal("Ce fichier ne porte pas de signature électronique, alors que le document émis sous ce code est signé : ce n'est pas le document original.", notSigned.SignatureMessage);
        Assert.False(otherSigner.Matches);
        Assert.Equal(FileSignatureStatus.UnknownSigner, otherSigner.Signature);
        Assert.Equal("Le fichier porte une signature électronique valide, mais elle n'a pas été faite avec un certificat de l'organisme : ce n'est pas un document émis par le jury.", otherSigner.SignatureMessage);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public async Task The_same_file_with_one_byte_changed_does_not_match(double where)
    {
        var sheet = await f.DocumentAsync(IssuedDocumentKind.DecisionSheet, "Fontaine");
        var bytes = await f.StoredFileAsync(sheet.Id);
        var index = (int)Math.Min(bytes.Length - 1, where * bytes.Length);
        bytes[index] ^= 0x01;
        using var stream = new MemoryStream(bytes);

        var result = await f.VerifyAsync(v => v.VerifyFileAsync(sheet.VerificationCode, stream));

        Assert.False(result.Matches);
        Assert.Equal("Le fichier ne correspond pas au document émis sous ce code : il a été modifié, ou ce n'est pas le bon fichier.", result.Message);
    }

    [Fact]
    public async Task Another_documents_file_does_not_match_the_code()
    {
        var fontaine = await f.DocumentAsync(IssuedDocumentKind.DecisionSheet, "Fontaine");
        var leroy = await f.DocumentAsync(IssuedDocumentKind.DecisionSheet, "Leroy");
        using var stream = new MemoryStream(await f.StoredFileAsync(leroy.Id));

        var result = await f.VerifyAsync(v => v.VerifyFileAsync(fontaine.VerificationCode, stream));

        Assert.False(result.Matches);
    }

    [Fact]
    public async Task A_file_checked_against_an_unknown_or_malformed_code_does_not_match()
    {
        var bytes = await f.StoredFileAsync((await f.DocumentAsync(IssuedDocumentKind.AttendanceSheet)).Id);
        using var first = new MemoryStream(bytes);
        using var second = new MemoryStream(bytes);

        var unknown = await f.VerifyAsync(v => v.VerifyFileAsync("ABCD-EFGH-JKMN", first));
        var malformed = await f.VerifyAsync(v => v.VerifyFileAsync("<script>", second));

        Assert.False(unknown.Matches);
        Assert.Equal("Aucun document n'a été émis avec le code ABCD-EFGH-JKMN.", unknown.Message);
        Assert.False(malformed.Matches);
        Assert.Equal("Ce code de vérification n'est pas valide.", malformed.Message);
    }

    [Fact]
    public async Task A_file_larger_than_ten_megabytes_is_refused_in_French()
    {
        var code = (await f.DocumentAsync(IssuedDocumentKind.AttendanceSheet)).VerificationCode;
        using var stream = new MemoryStream(new byte[VerificationService.MaxFileBytes + 1]);

        var result = await f.VerifyAsync(v => v.VerifyFileAsync(code, stream));

        Assert.False(result.Matches);
        Assert.Equal("Ce fichier est trop volumineux pour être un document du jury (10 Mo au plus).", result.Message);
    }
}
