using System.Security.Cryptography;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.OfficialDocuments;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.OfficialDocuments.Signing;
using CqpJury.App.Services;
using CqpJury.App.Services.OfficialDocuments;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CqpJury.Tests.Integration.OfficialDocuments;

/// <summary>
/// A certificate that cannot sign, or a public address that cannot be printed, is refused in French, naming the
/// setting, before anything is rendered: nothing is issued. Each test restarts the app on a closed session whose
/// documents were never issued.
/// </summary>
public sealed class IssuingRefusalTests(UnissuedClosedSessionFixture f) : IClassFixture<UnissuedClosedSessionFixture>
{
    private static readonly DateTimeOffset Valid = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private string Folder => Path.Combine(f.Factory.DataRoot, "certificates");

    [Fact]
    public async Task In_Production_without_a_certificate_issuing_is_refused_naming_the_setting_and_nothing_is_issued()
    {
        using var app = new RestartedApp(f.Factory.DataRoot, "Production", ("App:PublicBaseUrl", "https://jury.exemple.test"));

        var refused = await Assert.ThrowsAsync<UserFacingException>(() => app.IssueAsync(f.S.SecretariatEmail, f.S.SessionId));

        Assert.StartsWith("Aucun certificat de signature n'est configuré : les documents officiels ne peuvent pas être émis. Renseignez le réglage Signing:CertificatePath", refused.Message, StringComparison.Ordinal);
        await AssertNothingIssuedAsync(app);
        Assert.False(File.Exists(Path.Combine(f.Factory.DataRoot, "signing", "certificat-de-test.pfx")));
        Assert.Contains(app.Logs, l => l.Level == LogLevel.Error && l.Message.StartsWith("Signature des documents officiels impossible : Aucun certificat de signature n'est configuré", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expired_certificate_is_refused_in_French_at_start_up_and_at_issuing_and_nothing_is_issued()
    {
        using var expired = TestCertificates.Create("CPEF — certificat échu", Valid.AddYears(-3), Valid.AddYears(-1));
        var path = TestCertificates.WritePkcs12(expired, Folder, "s3cret-échu");
        using var app = new RestartedApp(f.Factory.DataRoot, settings: [("Signing:CertificatePath", path), ("Signing:CertificatePassword", "s3cret-échu")]);

        var refused = await Assert.ThrowsAsync<UserFacingException>(() => app.IssueAsync(f.S.SecretariatEmail, f.S.SessionId));

        var expected = "Le certificat de signature « CPEF — certificat échu » a expiré le 01/01/2024 : aucun document n'a été émis. "
            + "Installez le nouveau certificat de l'organisme (réglage Signing:CertificatePath).";
        Assert.Equal(expected, refused.Message);
        Assert.Contains((LogLevel.Error, "Signature des documents officiels impossible : " + expected), app.Logs);
        await AssertNothingIssuedAsync(app);
    }

    [Fact]
    public async Task A_PEM_key_that_does_not_match_its_certificate_is_refused_and_nothing_is_issued()
    {
        using var certificate = TestCertificates.Create("CPEF — clé d'un autre", Valid, Valid.AddYears(5));
        using var otherKey = RSA.Create(2048);
        var (pem, key) = TestCertificates.WritePem(certificate, Folder, otherKey);
        using var app = new RestartedApp(f.Factory.DataRoot, settings: [("Signing:CertificatePath", pem), ("Signing:KeyPath", key)]);

        var refused = await Assert.ThrowsAsync<UserFacingException>(() => app.IssueAsync(f.S.Email(Room.RoomScenario.Olivier), f.S.SessionId));

        Assert.Equal($"La clé privée de « {key} » (réglage Signing:KeyPath) ne correspond pas au certificat de signature : "
            + "installez le certificat de l'organisme avec sa propre clé. Aucun document n'a été émis.", refused.Message);
        Assert.Contains(app.Logs, l => l.Level == LogLevel.Error && l.Message.Contains("ne correspond pas au certificat de signature", StringComparison.Ordinal));
        await AssertNothingIssuedAsync(app);
    }

    [Fact]
    public async Task A_wrong_PKCS12_password_and_a_missing_file_are_refused_naming_their_setting()
    {
        using var certificate = TestCertificates.Create("CPEF — mot de passe", Valid, Valid.AddYears(5));
        var path = TestCertificates.WritePkcs12(certificate, Folder, "le-bon");
        using var wrongPassword = new RestartedApp(f.Factory.DataRoot, settings: [("Signing:CertificatePath", path), ("Signing:CertificatePassword", "un-autre")]);
        using var missing = new RestartedApp(f.Factory.DataRoot, settings: [("Signing:CertificatePath", path + ".absent")]);

        var password = await Assert.ThrowsAsync<UserFacingException>(() => wrongPassword.IssueAsync(f.S.SecretariatEmail, f.S.SessionId));
        var file = await Assert.ThrowsAsync<UserFacingException>(() => missing.IssueAsync(f.S.SecretariatEmail, f.S.SessionId));

        Assert.Equal($"Le certificat de signature « {path} » (réglage Signing:CertificatePath) ne peut pas être lu : mot de passe (Signing:CertificatePassword) incorrect, "
            + "ou ce n'est pas un fichier PKCS#12. Aucun document n'a été émis.", password.Message);
        Assert.Equal($"Le fichier « {path}.absent » (réglage Signing:CertificatePath) est introuvable : aucun document officiel ne peut être émis.", file.Message);
        await AssertNothingIssuedAsync(wrongPassword);
    }

    [Fact]
    public async Task In_Production_App_PublicBaseUrl_must_be_an_absolute_https_address_before_anything_is_issued()
    {
        using var certificate = TestCertificates.Create("CPEF — cachet", Valid, Valid.AddYears(5));
        var path = TestCertificates.WritePkcs12(certificate, Folder, "secret");
        (string, string?)[] signing = [("Signing:CertificatePath", path), ("Signing:CertificatePassword", "secret")];
        using var unset = new RestartedApp(f.Factory.DataRoot, "Production", signing);
        using var plainHttp = new RestartedApp(f.Factory.DataRoot, "Production", [.. signing, ("App:PublicBaseUrl", "http://jury.exemple.test")]);

        var missing = await Assert.ThrowsAsync<UserFacingException>(() => unset.IssueAsync(f.S.SecretariatEmail, f.S.SessionId));
        var http = await Assert.ThrowsAsync<UserFacingException>(() => plainHttp.IssueAsync(f.S.SecretariatEmail, f.S.SessionId));
        var notice = await unset.AsUserAsync(f.S.SecretariatEmail, sp => Task.FromResult(sp.GetRequiredService<OfficialDocumentService>().AddressFor("http://localhost:5025/")));

        Assert.Equal("Le réglage App:PublicBaseUrl n'est pas renseigné : c'est l'adresse publique de CqpJury, imprimée sur chaque document et dans son QR code. "
            + "Renseignez une adresse https absolue (par exemple https://jury.cpef.fr) ; aucun document n'a été émis.", missing.Message);
        Assert.Equal("Le réglage App:PublicBaseUrl (« http://jury.exemple.test ») doit être une adresse https absolue, par exemple https://jury.cpef.fr : "
            + "c'est l'adresse imprimée sur chaque document et dans son QR code. Aucun document n'a été émis.", http.Message);
        Assert.Equal(missing.Message, notice.Refusal);
        Assert.Null(notice.Base);
        await AssertNothingIssuedAsync(unset);
    }

    [Fact]
    public async Task Outside_Production_without_App_PublicBaseUrl_the_room_is_told_before_issuing_that_the_browser_address_will_be_printed()
    {
        using var configured = new RestartedApp(f.Factory.DataRoot, settings: [("App:PublicBaseUrl", "https://jury.exemple.test/")]);

        var standIn = await f.Factory.AsUserAsync(f.S.SecretariatEmail, sp => Task.FromResult(sp.GetRequiredService<OfficialDocumentService>().AddressFor("http://localhost:5025/")));
        var set = await configured.AsUserAsync(f.S.SecretariatEmail, sp => Task.FromResult(sp.GetRequiredService<OfficialDocumentService>().AddressFor("http://localhost:5025/")));

        Assert.Equal(new PrintedAddress("http://localhost:5025",
            "Le réglage App:PublicBaseUrl n'est pas renseigné : les documents porteront l'adresse de ce navigateur, « http://localhost:5025 », "
            + "dans leur lien et leur QR code de vérification. Elle convient pour un essai, pas pour des documents remis aux candidats."), standIn);
        Assert.Equal(new PrintedAddress("https://jury.exemple.test"), set);
    }

    private async Task AssertNothingIssuedAsync(RestartedApp app)
    {
        Assert.Empty(await app.IssuedAsync(f.S.SessionId));
        Assert.True(!Directory.Exists(app.IssuedFolder) || !Directory.EnumerateFiles(app.IssuedFolder).Any());
    }
}

/// <summary>
/// The organisation renews its certificate: documents signed with the earlier one keep their bytes and stay valid
/// and verified; only documents not yet issued are signed with the new one; a document issued before signing
/// existed is never signed afterwards.
/// </summary>
public sealed class SigningRotationTests(UnissuedClosedSessionFixture f) : IClassFixture<UnissuedClosedSessionFixture>
{
    private static readonly DateTimeOffset From = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Documents_signed_with_an_earlier_certificate_stay_valid_and_verified_and_no_issued_document_is_ever_signed_again()
    {
        var folder = Path.Combine(f.Factory.DataRoot, "certificates");
        using var first = TestCertificates.Create("CPEF — cachet 2025", From, From.AddYears(3));
        using var second = TestCertificates.Create("CPEF — cachet 2027", From, From.AddYears(6));
        var p12 = TestCertificates.WritePkcs12(first, folder, "mot-de-passe-2025");
        var (pem, key) = TestCertificates.WritePem(second, folder);
        var s = f.S;

        // Issued in Production with the first certificate (PKCS#12 and its password) and the public address.
        List<IssuedDocument> before;
        using (var app = new RestartedApp(f.Factory.DataRoot, "Production",
            ("Signing:CertificatePath", p12), ("Signing:CertificatePassword", "mot-de-passe-2025"), ("App:PublicBaseUrl", "https://jury.cpef.example")))
        {
            Assert.Equal(12, await app.IssueAsync(s.SecretariatEmail, s.SessionId, baseUri: "http://127.0.0.1:5025/"));
            before = await app.IssuedAsync(s.SessionId);
            var minutes = before.Single(d => d.Kind == IssuedDocumentKind.SessionMinutes);
            var minutesText = OfficialPdf.Read(await File.ReadAllBytesAsync(Path.Combine(app.IssuedFolder, minutes.StoredFileName))).Text;
            Assert.Contains("https://jury.cpef.example/verifier/" + minutes.VerificationCode, minutesText, StringComparison.Ordinal);
            Assert.DoesNotContain(SealCertificate.TestMarker, minutesText, StringComparison.Ordinal);
            Assert.All(before, d => Assert.Equal(SealCertificate.ThumbprintOf(first), d.SealCertificateSha256));
            Assert.All(before, d => Assert.Equal(first.Subject, d.SealCertificateSubject));
            Assert.False(File.Exists(Path.Combine(f.Factory.DataRoot, "signing", "certificat-de-test.pfx")));

            // One document stands for those issued before signing existed: unsigned, recorded without a certificate.
            var attendance = before.Single(d => d.Kind == IssuedDocumentKind.AttendanceSheet);
            var unsigned = PdfDocuments.AttendanceSheet(new AttendanceSheetModel("Session émise avant la signature", new DateOnly(2026, 11, 27), null, [],
                "Olivier Garnier", VerificationStamp.For(attendance.VerificationCode, ClosedSessionFixture.BaseUri)));
            await File.WriteAllBytesAsync(Path.Combine(app.IssuedFolder, attendance.StoredFileName), unsigned);
            var leroy = before.Single(d => d.Kind == IssuedDocumentKind.DecisionSheet && d.DossierId == s.Dossier("Leroy"));
            // The past is arranged behind the finality triggers' back (they refuse exactly these changes, R12).
            await app.WithDbAsync(db => WithoutFinalityTriggersAsync(db, async () =>
            {
                await db.IssuedDocuments.Where(d => d.Id == attendance.Id).ExecuteUpdateAsync(u => u
                    .SetProperty(d => d.FileSha256, Convert.ToHexStringLower(SHA256.HashData(unsigned)))
                    .SetProperty(d => d.SizeBytes, unsigned.Length)
                    .SetProperty(d => d.SealCertificateSha256, (string?)null)
                    .SetProperty(d => d.SealCertificateSubject, (string?)null));

                // Leroy's sheet goes missing, to be issued after the renewal.
                await db.IssuedDocuments.Where(d => d.Id == leroy.Id).ExecuteDeleteAsync();
            }));
            File.Delete(Path.Combine(app.IssuedFolder, leroy.StoredFileName));
        }

        var files = Directory.EnumerateFiles(Path.Combine(f.Factory.DataRoot, "issued")).ToDictionary(p => Path.GetFileName(p), File.ReadAllBytes);

        // The renewed certificate, as a PEM pair: only the missing document is issued, with it.
        using var renewed = new RestartedApp(f.Factory.DataRoot, settings: [("Signing:CertificatePath", pem), ("Signing:KeyPath", key)]);
        renewed.Clock.Advance(TimeSpan.FromDays(40));
        Assert.Equal(1, await renewed.IssueAsync(s.SecretariatEmail, s.SessionId));
        var after = await renewed.IssuedAsync(s.SessionId);
        var leroySheet = after.Single(d => d.Kind == IssuedDocumentKind.DecisionSheet && d.DossierId == s.Dossier("Leroy"));
        Assert.Equal(SealCertificate.ThumbprintOf(second), leroySheet.SealCertificateSha256);
        foreach (var (name, bytes) in files)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(renewed.IssuedFolder, name)));
        }

        var fontaine = after.Single(d => d.Kind == IssuedDocumentKind.DecisionSheet && d.DossierId == s.Dossier("Fontaine"));
        var fontaineFile = files[fontaine.StoredFileName];
        var earlier = await VerifyFileAsync(renewed, fontaine.VerificationCode, fontaineFile);
        Assert.True(earlier.Matches);
        Assert.Equal(FileSignatureStatus.Valid, earlier.Signature);
        Assert.Equal("La signature électronique du fichier est valide : il a été signé avec un certificat antérieur de l'organisme, « CPEF — cachet 2025 », remplacé depuis, et n'a pas été modifié depuis.", earlier.SignatureMessage);

        var current = await VerifyFileAsync(renewed, leroySheet.VerificationCode, await File.ReadAllBytesAsync(Path.Combine(renewed.IssuedFolder, leroySheet.StoredFileName)));
        Assert.True(current.Matches);
        Assert.Equal("La signature électronique du fichier est valide : il a été signé avec le certificat de l'organisme « CPEF — cachet 2027 » et n'a pas été modifié depuis.", current.SignatureMessage);

        var attendanceSheet = after.Single(d => d.Kind == IssuedDocumentKind.AttendanceSheet);
        var old = await VerifyFileAsync(renewed, attendanceSheet.VerificationCode, files[attendanceSheet.StoredFileName]);
        Assert.True(old.Matches);
        Assert.Equal(FileSignatureStatus.NotSigned, old.Signature);
        Assert.Equal("Ce document a été émis avant la signature électronique des documents officiels : il n'en porte pas, la comparaison octet pour octet fait foi.", old.SignatureMessage);
        var oldByCode = await renewed.WithScopeAsync(sp => sp.GetRequiredService<VerificationService>().VerifyAsync(attendanceSheet.VerificationCode));
        Assert.Null(oldByCode.SealedBy);
        Assert.Equal("CPEF — cachet 2027", (await renewed.WithScopeAsync(sp => sp.GetRequiredService<VerificationService>().VerifyAsync(leroySheet.VerificationCode))).SealedBy);

        var report = await Pdfsig.ReportAsync(fontaineFile);
        if (report is not null)
        {
            Assert.Contains("Signature Validation: Signature is Valid.", report, StringComparison.Ordinal);
            Assert.Contains("Signer Certificate Common Name: CPEF — cachet 2025", report, StringComparison.Ordinal);
        }
    }

    private static Task<FileVerificationResult> VerifyFileAsync(CqpJuryAppFactory app, string code, byte[] file) =>
        app.WithScopeAsync(async sp =>
        {
            using var stream = new MemoryStream(file);
            return await sp.GetRequiredService<VerificationService>().VerifyFileAsync(code, stream);
        });

    /// <summary>Runs <paramref name="arrange"/> with the R12 finality triggers dropped, then puts them back (test arrangement only).</summary>
    private static async Task WithoutFinalityTriggersAsync(CqpJuryDbContext db, Func<Task> arrange)
    {
        var postgres = db.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
        foreach (var sql in postgres ? FinalityTriggers.PostgresDrop : FinalityTriggers.SqliteDrop)
        {
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        try
        {
            await arrange();
        }
        finally
        {
            foreach (var sql in postgres ? FinalityTriggers.PostgresCreate : FinalityTriggers.SqliteCreate)
            {
                await db.Database.ExecuteSqlRawAsync(sql);
            }
        }
    }
}
