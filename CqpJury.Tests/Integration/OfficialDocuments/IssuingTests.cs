using CqpJury.App.Data.Entities;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.Services;
using CqpJury.App.Services.OfficialDocuments;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.OfficialDocuments;

/// <summary>Issuing a closed session's official documents (R14, R15, R4.1): what, when, by whom, and never twice.</summary>
public sealed class IssuingTests(ClosedSessionFixture f) : IClassFixture<ClosedSessionFixture>
{
    [Fact]
    public async Task R14_documents_are_refused_while_the_session_is_not_closed_and_nothing_is_issued()
    {
        using var factory = new CqpJuryAppFactory();
        var s = await SeedAsync(factory);
        await s.EnterAllWithPresidentAsync(Olivier);

        var asSecretariat = await Assert.ThrowsAsync<UserFacingException>(() => factory.AsUserAsync(s.SecretariatEmail,
            sp => sp.GetRequiredService<OfficialDocumentService>().IssueAsync(s.SessionId, ClosedSessionFixture.BaseUri)));
        var asPresident = await Assert.ThrowsAsync<UserFacingException>(() => factory.AsUserAsync(s.Email(Olivier),
            sp => sp.GetRequiredService<OfficialDocumentService>().IssueAsync(s.SessionId, ClosedSessionFixture.BaseUri)));

        const string expected = "Les documents officiels sont produits une fois la session clôturée par le président.";
        Assert.Equal(expected, asSecretariat.Message);
        Assert.Equal(expected, asPresident.Message);
        var issued = await factory.AsUserAsync(s.SecretariatEmail, sp => sp.GetRequiredService<OfficialDocumentService>().ListAsync(s.SessionId));
        Assert.Empty(issued);
        Assert.False(Directory.Exists(Path.Combine(factory.DataRoot, "issued")) && Directory.EnumerateFiles(Path.Combine(factory.DataRoot, "issued")).Any());
    }

    [Fact]
    public async Task R14_R15_closing_issues_a_sheet_per_signed_decision_a_certificate_per_award_an_attestation_per_partial_validation_the_minutes_and_the_attendance_sheet()
    {
        var documents = await f.ListAsync();

        Assert.Equal(12, f.FirstIssueCount);
        Assert.Equal(12, documents.Count);
        Assert.Equal(5, documents.Count(d => d.Kind == IssuedDocumentKind.DecisionSheet));
        Assert.Equal(3, documents.Count(d => d.Kind == IssuedDocumentKind.Certificate));
        Assert.Equal(2, documents.Count(d => d.Kind == IssuedDocumentKind.PartialAttestation));
        Assert.Single(documents, d => d.Kind == IssuedDocumentKind.SessionMinutes);
        Assert.Single(documents, d => d.Kind == IssuedDocumentKind.AttendanceSheet);
        Assert.Equal(
            ["DUBOIS Claire", "FONTAINE Élodie", "HADDAD Nadia", "LEROY Maxime", "MERCIER Julien"],
            documents.Where(d => d.Kind == IssuedDocumentKind.DecisionSheet).Select(d => d.CandidateName!).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["FONTAINE Élodie", "HADDAD Nadia", "LEROY Maxime"],
            documents.Where(d => d.Kind == IssuedDocumentKind.Certificate).Select(d => d.CandidateName!).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["DUBOIS Claire", "MERCIER Julien"],
            documents.Where(d => d.Kind == IssuedDocumentKind.PartialAttestation).Select(d => d.CandidateName!).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(documents, d => d.CandidateName?.StartsWith("PERRIN", StringComparison.Ordinal) == true);
        Assert.Equal(documents.Count, documents.Select(d => d.VerificationCode).Distinct().Count());
        Assert.All(documents, d => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", d.VerificationCode));
        Assert.Equal((12, 12), await f.AsSecretariatAsync(d => d.CountAsync(f.S.SessionId)));
    }

    [Fact]
    public async Task Issuing_reports_its_progress_up_to_every_document_done()
    {
        var reports = f.Progress.Reports;

        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.Equal(12, r.Total));
        Assert.Equal(Enumerable.Range(0, 13), reports.Select(r => r.Done));
        Assert.Equal(reports[^1].Total, reports[^1].Done);
        Assert.All(reports.Skip(1), r => Assert.False(string.IsNullOrWhiteSpace(r.Current)));
        Assert.Contains(reports, r => r.Current == "Fiche de décision – FONTAINE Élodie");
    }

    [Fact]
    public async Task Each_issued_document_is_stored_as_issued_and_audited_in_the_name_of_the_president()
    {
        List<IssuedDocument> issued = [];
        List<AuditEntry> audit = [];
        await f.Factory.WithDbAsync(async db =>
        {
            issued = await db.IssuedDocuments.AsNoTracking().Where(d => d.SessionId == f.S.SessionId).ToListAsync();
            audit = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "Document officiel émis").ToListAsync();
        });
        var files = await f.StoredFilesAsync();

        Assert.All(issued, d =>
        {
            Assert.Equal("Olivier Garnier", d.IssuedBy);
            Assert.Equal(files[d.Id].LongLength, d.SizeBytes);
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(files[d.Id])), d.FileSha256);
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(files[d.Id], 0, 5), StringComparison.Ordinal);
        });
        Assert.Equal(12, audit.Count);
        Assert.All(audit, a => Assert.Equal("Olivier Garnier", a.UserName));
        Assert.All(issued, d => Assert.Contains(audit, a => a.Details != null && a.Details.EndsWith(d.VerificationCode, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task R14_issuing_again_issues_nothing_and_every_issued_file_stays_byte_identical()
    {
        var before = await f.StoredFilesAsync();
        var listBefore = await f.ListAsync();
        f.Factory.Clock.Advance(TimeSpan.FromHours(3));
        var progress = new ProgressRecorder();

        var again = await f.AsSecretariatAsync(d => d.IssueAsync(f.S.SessionId, "https://autre-adresse.exemple.test/", progress));
        var byPresident = await f.AsPresidentAsync(d => d.IssueAsync(f.S.SessionId, ClosedSessionFixture.BaseUri));

        Assert.Equal(0, again);
        Assert.Equal(0, byPresident);
        Assert.All(progress.Reports, r => Assert.Equal(0, r.Total));
        var after = await f.StoredFilesAsync();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, kv => Assert.Equal(kv.Value, after[kv.Key]));
        Assert.Equal(listBefore, await f.ListAsync());
        Assert.Equal(12, Directory.EnumerateFiles(Path.Combine(f.Factory.DataRoot, "issued")).Count());
    }

    [Fact]
    public async Task R14_a_jury_member_who_is_not_the_president_may_neither_issue_nor_list_nor_open_the_documents()
    {
        var any = (await f.ListAsync())[0];
        Task<T> AsKarim<T>(Func<OfficialDocumentService, Task<T>> work) =>
            f.Factory.AsUserAsync(f.S.Email(Karim), sp => work(sp.GetRequiredService<OfficialDocumentService>()));

        var issue = await Assert.ThrowsAsync<AccessDeniedException>(() => AsKarim(d => d.IssueAsync(f.S.SessionId, ClosedSessionFixture.BaseUri)));
        var list = await Assert.ThrowsAsync<AccessDeniedException>(() => AsKarim(d => d.ListAsync(f.S.SessionId)));
        var open = await Assert.ThrowsAsync<AccessDeniedException>(() => AsKarim(d => d.OpenAsync(any.Id)));
        var zip = await Assert.ThrowsAsync<AccessDeniedException>(() => AsKarim(d => d.ZipAsync(f.S.SessionId)));

        Assert.All(new[] { issue, list, open, zip }, e =>
            Assert.Equal("Les documents officiels de la session sont réservés au secrétariat, à son président et, pour chaque dossier, au membre qui a présidé sa délibération.", e.Message));
        Assert.Contains((await f.S.AuditAsync()), a => a.Action == "Refus : Générer les documents officiels" && a.UserName == "Karim Benali");
    }

    [Fact]
    public async Task The_president_lists_and_opens_the_same_documents_as_the_secretariat()
    {
        var bySecretariat = await f.ListAsync();
        var byPresident = await f.AsPresidentAsync(d => d.ListAsync(f.S.SessionId));
        var sheet = bySecretariat.Single(d => d.Kind == IssuedDocumentKind.DecisionSheet && d.CandidateName == "FONTAINE Élodie");

        var (content, fileName) = await f.AsPresidentAsync(d => d.OpenAsync(sheet.Id));

        Assert.Equal(bySecretariat, byPresident);
        Assert.Equal(await f.StoredFileAsync(sheet.Id), content);
        Assert.Equal("fiche-decision-fontaine-elodie-2026-11-27.pdf", fileName);
    }
}
