using System.Security.Cryptography;
using System.Text;
using CqpJury.App.Services;
using CqpJury.App.Services.UploadedDocuments;
using CqpJury.Domain.Dossiers;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.UploadedDocuments;

public sealed class DocumentUploadTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task A_PDF_is_stored_outside_wwwroot_under_a_generated_name_with_its_SHA256()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);

        var id = await scenario.UploadAsync(DocumentScenario.MinimalPdf, "Outil 2 – Élodie Lefèvre.pdf");

        var row = await SingleDocumentAsync();
        Assert.Equal(id, row.Id);
        Assert.Equal(scenario.DossierId, row.DossierId);
        Assert.Equal(DocumentKind.Outil2, row.Kind);
        Assert.Equal("Outil 2 – Élodie Lefèvre.pdf", row.OriginalFileName);
        Assert.Matches("^[0-9a-f]{32}\\.pdf$", row.StoredFileName);
        Assert.Equal(DocumentScenario.MinimalPdf.Length, row.SizeBytes);
        Assert.Equal("Secrétariat Test", row.UploadedBy);
        Assert.Equal(_factory.Clock.GetUtcNow(), row.UploadedAt);

        var stored = Assert.Single(scenario.StoredFiles());
        Assert.Equal(Path.Combine(scenario.DocumentsFolder, row.StoredFileName), stored);
        Assert.DoesNotContain("Élodie", stored, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(stored);
        Assert.Equal(DocumentScenario.MinimalPdf, bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), row.Sha256);

        await _factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Action == "Ajout d'un document");
            Assert.Equal(scenario.DossierId, entry.DossierId);
            Assert.Contains("Élodie Lefèvre.pdf", entry.Details, StringComparison.Ordinal);
        });
    }

    public static TheoryData<string, byte[]> NotPdfContents() => new()
    {
        { "image.pdf", DocumentScenario.PngBytes },
        { "notes.pdf", Encoding.UTF8.GetBytes("Ceci est un fichier texte renommé en .pdf\n%PDF-1.4 plus loin ne compte pas") },
        { "presque.pdf", Encoding.ASCII.GetBytes("%PDF") },
    };

    [Theory]
    [MemberData(nameof(NotPdfContents))]
    public async Task Content_that_is_not_a_PDF_is_refused_whatever_its_name_and_nothing_is_stored(string fileName, byte[] content)
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => scenario.UploadAsync(content, fileName));

        var error = Assert.Single(ex.Errors);
        Assert.Equal("File", error.Field);
        Assert.Equal("Ce fichier n'est pas un PDF (contenu vérifié), il a été refusé.", error.Message);
        await AssertNothingStoredAsync(scenario);
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => scenario.UploadAsync([], "vide.pdf"));

        Assert.Equal("Le fichier est vide.", Assert.Single(ex.Errors).Message);
        await AssertNothingStoredAsync(scenario);
    }

    [Fact]
    public async Task A_file_over_the_configured_limit_is_refused_by_its_real_size_and_nothing_is_stored()
    {
        _factory.Settings["Documents:MaxUploadBytes"] = "1024";
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var big = DocumentScenario.MinimalPdf.Concat(new byte[1100]).ToArray();

        // The stream cannot tell its length: the limit is enforced on the bytes actually read.
        var ex = await Assert.ThrowsAsync<InputValidationException>(() => scenario.UploadAsync(big, "gros.pdf"));

        Assert.Equal("Le fichier dépasse la taille maximale autorisée (1 Ko).", Assert.Single(ex.Errors).Message);
        await AssertNothingStoredAsync(scenario);
    }

    [Fact]
    public async Task A_file_of_exactly_the_limit_is_accepted()
    {
        _factory.Settings["Documents:MaxUploadBytes"] = "1024";
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var exact = DocumentScenario.MinimalPdf.Concat(new byte[1024 - DocumentScenario.MinimalPdf.Length]).ToArray();

        await scenario.UploadAsync(exact, "juste.pdf");

        Assert.Equal(1024, (await SingleDocumentAsync()).SizeBytes);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once_when_the_kind_is_missing_and_the_file_is_not_a_PDF()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);

        var ex = await Assert.ThrowsAsync<InputValidationException>(() =>
            scenario.UploadAsync(DocumentScenario.PngBytes, "image.pdf", kind: null));

        Assert.Contains(ex.Errors, e => e.Field == "Kind" && e.Message == "Choisissez le type de document.");
        Assert.Contains(ex.Errors, e => e.Field == "File" && e.Message == "Ce fichier n'est pas un PDF (contenu vérifié), il a été refusé.");
        await AssertNothingStoredAsync(scenario);
    }

    [Fact]
    public async Task A_jury_member_cannot_upload()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => _factory.AsUserAsync(scenario.ConvenedMember.Email, sp =>
            sp.GetRequiredService<DocumentService>().UploadAsync(scenario.DossierId, DocumentKind.Other, "x.pdf", new MemoryStream(DocumentScenario.MinimalPdf))));

        Assert.Equal("Cette action est réservée au secrétariat de la CPEF.", ex.Message);
        await AssertNothingStoredAsync(scenario);
    }

    [Theory]
    [InlineData("C:\\Users\\marie\\Documents\\Outil 1 – Élodie.pdf", "Outil 1 – Élodie.pdf")]
    [InlineData("../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("   ", "document.pdf")]
    [InlineData("rapport\u0000\u0007final.pdf", "rapportfinal.pdf")]
    public async Task The_original_name_is_kept_for_display_only_as_its_file_name_part(string uploaded, string shown)
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);

        await scenario.UploadAsync(DocumentScenario.MinimalPdf, uploaded);

        var row = await SingleDocumentAsync();
        Assert.Equal(shown, row.OriginalFileName);
        Assert.Matches("^[0-9a-f]{32}\\.pdf$", row.StoredFileName);
    }

    [Fact]
    public async Task A_very_long_name_is_cut_to_200_characters_keeping_its_extension()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);

        await scenario.UploadAsync(DocumentScenario.MinimalPdf, new string('é', 300) + ".pdf");

        var name = (await SingleDocumentAsync()).OriginalFileName;
        Assert.Equal(200, name.Length);
        Assert.EndsWith("é.pdf", name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_secretariat_deletes_a_document_row_and_file_with_an_audit_entry()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var id = await scenario.UploadAsync(DocumentScenario.MinimalPdf);

        await _factory.AsUserAsync(scenario.SecretariatEmail, sp => sp.GetRequiredService<DocumentService>().DeleteAsync(id));

        await AssertNothingStoredAsync(scenario, auditedUpload: true);
        await _factory.WithDbAsync(async db =>
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "Suppression d'un document" && a.DossierId == scenario.DossierId)));
    }

    [Theory]
    [InlineData(CqpJury.App.Data.Entities.SessionStatus.Open, "ouverte")]
    [InlineData(CqpJury.App.Data.Entities.SessionStatus.Closed, "clôturée")]
    public async Task Deleting_is_refused_while_the_dossier_is_on_an_open_or_closed_session(CqpJury.App.Data.Entities.SessionStatus status, string state)
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var id = await scenario.UploadAsync(DocumentScenario.MinimalPdf);
        await _factory.WithDbAsync(db => db.Sessions.Where(s => s.Id == scenario.SessionId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, status)));

        var ex = await Assert.ThrowsAsync<UserFacingException>(() =>
            _factory.AsUserAsync(scenario.SecretariatEmail, sp => sp.GetRequiredService<DocumentService>().DeleteAsync(id)));

        Assert.Equal($"Ce dossier est inscrit à la session « Jury paritaire de test » du 10/12/2026, {state} : il ne peut plus être modifié.", ex.Message);
        Assert.Single(scenario.StoredFiles());
        await SingleDocumentAsync();
        // Only what can succeed is offered: no deletion; an addition while the jury sits, not once the session is closed.
        var list = await _factory.AsUserAsync(scenario.SecretariatEmail, sp => sp.GetRequiredService<DocumentService>().ListAsync(scenario.DossierId));
        Assert.False(list.CanDelete);
        Assert.Equal(status == CqpJury.App.Data.Entities.SessionStatus.Open, list.CanUpload);
    }

    [Fact]
    public async Task The_list_shows_documents_to_a_convened_member_without_management_rights()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        await scenario.UploadAsync(DocumentScenario.MinimalPdf, "dossier-vae.pdf", DocumentKind.DossierVae);

        var list = await _factory.AsUserAsync(scenario.ConvenedMember.Email, sp =>
            sp.GetRequiredService<DocumentService>().ListAsync(scenario.DossierId));

        Assert.False(list.CanUpload);
        Assert.False(list.CanDelete);
        var document = Assert.Single(list.Documents);
        Assert.Equal("dossier-vae.pdf", document.OriginalFileName);
        Assert.Equal(DocumentKind.DossierVae, document.Kind);
    }

    [Fact]
    public async Task The_list_is_refused_to_a_member_in_conflict_with_the_dossier()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => _factory.AsUserAsync(scenario.ConflictedMember.Email, sp =>
            sp.GetRequiredService<DocumentService>().ListAsync(scenario.DossierId)));

        Assert.Contains("conflit d'intérêts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sizes_are_written_in_French_units()
    {
        Assert.Equal("20 Mo", DocumentTexts.Size(20 * 1024 * 1024));
        Assert.Equal("1,5 Mo", DocumentTexts.Size(1536 * 1024));
        Assert.Equal("1 Ko", DocumentTexts.Size(1024));
        Assert.Equal("800 octets", DocumentTexts.Size(800));
    }

    private async Task<CqpJury.App.Data.Entities.DossierDocument> SingleDocumentAsync()
    {
        CqpJury.App.Data.Entities.DossierDocument? row = null;
        await _factory.WithDbAsync(async db => row = await db.Documents.AsNoTracking().SingleAsync());
        return row!;
    }

    private async Task AssertNothingStoredAsync(DocumentScenario scenario, bool auditedUpload = false)
    {
        Assert.Empty(scenario.StoredFiles());
        await _factory.WithDbAsync(async db =>
        {
            Assert.Equal(0, await db.Documents.CountAsync());
            Assert.Equal(auditedUpload ? 1 : 0, await db.AuditEntries.CountAsync(a => a.Action == "Ajout d'un document"));
        });
    }

    public void Dispose() => _factory.Dispose();
}
