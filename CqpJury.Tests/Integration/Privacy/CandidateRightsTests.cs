using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using CqpJury.App.Data.Entities;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.Services;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Mail;
using CqpJury.App.Services.Privacy;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Outcomes;
using CqpJury.Tests.Integration.UploadedDocuments;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Privacy;

/// <summary>
/// R16, RGPD — the rights of the person, answered by the secretariat: the export (right of access) is one zip whose
/// JSON, in French, holds what CqpJury keeps about the candidate and whose documents are the stored ones (same SHA-256);
/// the erasure anonymises, refused with the reason while the dossier is on a session not closed or a decision still
/// counts (five years, R4.1); both journaled, the export in the access history; an unknown or anonymised candidate is
/// refused in French with nothing changed; members are refused both.
/// </summary>
public sealed class CandidateRightsTests : IDisposable
{
    private const string IssuedBytes = "%PDF-1.7\n% fiche de décision émise (test)\n%%EOF\n";

    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task<T> AsSecretariatAsync<T>(DocumentScenario d, Func<CandidateRightsService, Task<T>> work) =>
        _factory.AsUserAsync(d.SecretariatEmail, sp => work(sp.GetRequiredService<CandidateRightsService>()));

    private Task AsSecretariatAsync(DocumentScenario d, Func<CandidateRightsService, Task> work) =>
        _factory.AsUserAsync(d.SecretariatEmail, sp => work(sp.GetRequiredService<CandidateRightsService>()));

    private async Task<Guid> CandidateOfAsync(Guid dossierId)
    {
        var id = Guid.Empty;
        await _factory.WithDbAsync(async db => id = await db.Dossiers.Where(x => x.Id == dossierId).Select(x => x.CandidateId).SingleAsync());
        return id;
    }

    /// <summary>The candidate's dossier decided (signed, <paramref name="outcome"/>) in its session, then the session closed; an issued decision sheet and its e-mail.</summary>
    private async Task DecideAndCloseAsync(DocumentScenario d, DecisionOutcome outcome)
    {
        var now = _factory.Clock.GetUtcNow();
        var issuedFolder = Path.Combine(_factory.DataRoot, "issued");
        Directory.CreateDirectory(issuedFolder);
        var bytes = System.Text.Encoding.ASCII.GetBytes(IssuedBytes);
        await File.WriteAllBytesAsync(Path.Combine(issuedFolder, "fiche-test.pdf"), bytes);
        await _factory.WithDbAsync(async db =>
        {
            db.Deliberations.Add(new DeliberationRecord
            {
                Id = Guid.NewGuid(), SessionId = d.SessionId, DossierId = d.DossierId, State = DeliberationState.Decided, Outcome = outcome,
                DecidedValidations = "C1=1;C2=0", Comments = "Très bon dossier.", OpenedAt = now, DecidedAt = now, SignedAt = now, SignedByName = "Président Test",
            });
            db.IssuedDocuments.Add(new IssuedDocument
            {
                Id = Guid.NewGuid(), Kind = IssuedDocumentKind.DecisionSheet, SessionId = d.SessionId, DossierId = d.DossierId, VerificationCode = "K7QM-2XPA-9RTD",
                Title = "Fiche individuelle de décision – LEFÈVRE Élodie", CandidateName = "LEFÈVRE Élodie", Statement = outcome.ToFrench(), JuryDate = new DateOnly(2026, 12, 10),
                ContentHash = new string('a', 64), FileSha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), StoredFileName = "fiche-test.pdf", SizeBytes = bytes.Length,
                IssuedAt = now, IssuedBy = "Président Test",
            });
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.NewGuid(), Purpose = OutboxPurpose.Decision, RecipientRole = OutboxRecipientRole.Candidate, SessionId = d.SessionId, DossierId = d.DossierId,
                RecipientName = "LEFÈVRE Élodie", RecipientAddress = "elodie.lefevre@example.org", Subject = "Décision du jury paritaire – CQP", Contents = "fiche de décision",
                Content = [1, 2, 3], MessageId = "<test@cqpjury>", Status = OutboxStatus.Sent, CreatedAt = now, CreatedBy = "Président Test", NextAttemptAt = now, SentAt = now,
            });
            var session = await db.Sessions.SingleAsync(s => s.Id == d.SessionId);
            session.Status = SessionStatus.Closed;
            session.ClosedAt = now;
            await db.SaveChangesAsync();
        });
    }

    private async Task<(int Journal, int Accesses)> CountsAsync()
    {
        var counts = (0, 0);
        await _factory.WithDbAsync(async db => counts = (await db.AuditEntries.CountAsync(), await db.DossierAccesses.CountAsync()));
        return counts;
    }

    [Fact]
    public async Task R16_the_export_is_one_zip_whose_French_JSON_holds_the_candidates_data_and_whose_documents_are_the_stored_ones_journaled_and_in_the_access_history()
    {
        var d = await DocumentScenario.CreateAsync(_factory);
        var outil1 = await d.UploadAsync(DocumentScenario.MinimalPdf, "Outil 1 – repérage.pdf", CqpJury.Domain.Dossiers.DocumentKind.Outil1);
        var outil2 = await d.UploadAsync([.. DocumentScenario.MinimalPdf, .. "% autre\n"u8.ToArray()], "Outil 2 – Élodie Lefèvre.pdf");
        await DecideAndCloseAsync(d, DecisionOutcome.PartiallyValidated);
        var candidateId = await CandidateOfAsync(d.DossierId);

        var export = await AsSecretariatAsync(d, rights => rights.ExportAsync(candidateId));

        using var buffer = new MemoryStream();
        await using (export.Content)
        {
            await export.Content.CopyToAsync(buffer);
        }

        Assert.Equal(export.Length, buffer.Length);
        Assert.Matches("^donnees-personnelles-lefevre-elodie-2026-11-27\\.zip$", export.FileName);
        buffer.Position = 0;
        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
        var reference = (await StoredDossierAsync(d.DossierId)).Reference;
        Assert.Equal(
            [$"documents-deposes/{reference}/01-Outil 1 – repérage.pdf", $"documents-deposes/{reference}/02-Outil 2 – Élodie Lefèvre.pdf",
                $"documents-officiels/{reference}/01-fiche-decision-lefevre-elodie-2026-12-10.pdf", "donnees-candidat.json"],
            zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));

        using var json = JsonDocument.Parse(await ReadAsync(zip.GetEntry("donnees-candidat.json")!));
        var root = json.RootElement;
        Assert.Contains("demande d'accès (article 15 du RGPD)", root.GetProperty("À propos de ce fichier").GetString(), StringComparison.Ordinal);
        Assert.Equal("Secrétariat Test", root.GetProperty("Établi par").GetString());
        var candidate = root.GetProperty("Candidat");
        Assert.Equal(("Lefèvre", "Élodie"), (candidate.GetProperty("Nom").GetString(), candidate.GetProperty("Prénom").GetString()));
        var dossier = Assert.Single(root.GetProperty("Dossiers").EnumerateArray());
        Assert.Equal(reference, dossier.GetProperty("Référence du dossier").GetString());
        Assert.Equal("Formations Horizon SARL", dossier.GetProperty("Entreprise (employeur)").GetProperty("Nom").GetString());
        Assert.Equal(6, dossier.GetProperty("Évaluation par compétence").GetArrayLength());
        var decision = Assert.Single(dossier.GetProperty("Décisions et ajournements du jury").EnumerateArray());
        Assert.Equal(("Validation partielle", "10/12/2026", "Très bon dossier."),
            (decision.GetProperty("Décision").GetString(), decision.GetProperty("Date du jury").GetString(), decision.GetProperty("Commentaires du jury").GetString()));
        Assert.Equal("09/12/2031", decision.GetProperty("Compétences")[0].GetProperty("Compte jusqu'au").GetString());
        var mail = Assert.Single(dossier.GetProperty("Courriels envoyés au sujet de ce dossier").EnumerateArray());
        Assert.Equal("elodie.lefevre@example.org", mail.GetProperty("Adresse électronique").GetString());
        Assert.Contains(dossier.GetProperty("Journal des actions sur ce dossier").EnumerateArray(), e => e.GetProperty("Action").GetString() == "Ajout d'un document");

        // Every document named in the JSON is in the zip, with the SHA-256 recorded when it was stored.
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        await _factory.WithDbAsync(async db =>
        {
            foreach (var x in await db.Documents.Where(x => x.DossierId == d.DossierId).ToListAsync())
            {
                stored[x.OriginalFileName] = x.Sha256;
            }

            stored["issued"] = (await db.IssuedDocuments.SingleAsync(x => x.DossierId == d.DossierId)).FileSha256;
        });
        var uploaded = dossier.GetProperty("Documents déposés").EnumerateArray().ToList();
        Assert.Equal(2, uploaded.Count);
        foreach (var document in uploaded)
        {
            var recorded = document.GetProperty("Empreinte SHA-256 enregistrée").GetString();
            Assert.Equal(stored[document.GetProperty("Nom du fichier déposé").GetString()!], recorded);
            Assert.Equal(recorded, await Sha256Async(zip.GetEntry(document.GetProperty("Fichier dans l'archive").GetString()!)!));
            Assert.Equal(JsonValueKind.Null, document.GetProperty("Remarque").ValueKind);
        }

        var official = Assert.Single(dossier.GetProperty("Documents officiels émis").EnumerateArray());
        Assert.Equal(stored["issued"], official.GetProperty("Empreinte SHA-256 enregistrée").GetString());
        Assert.Equal(stored["issued"], await Sha256Async(zip.GetEntry(official.GetProperty("Fichier dans l'archive").GetString()!)!));

        // Journaled, and in the dossier's access history: the dossier and each document exported.
        await _factory.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Action == CandidateRightsService.ExportAction);
            Assert.Equal("Secrétariat Test", entry.UserName);
            Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray())), entry.Details, StringComparison.Ordinal);
            var lines = await db.DossierAccesses.Where(a => a.Place == AccessPlaces.Export).ToListAsync();
            Assert.All(lines, l => Assert.Equal(d.DossierId, l.DossierId));
            Assert.Equal(4, lines.Count);
            Assert.Equal(new Guid?[] { null, outil1, outil2 }.Order(), lines.Where(l => l.SessionId is null).Select(l => l.DocumentId).Order());
        });
        Assert.Empty(Directory.GetFiles(Path.Combine(_factory.DataRoot, "exports"))); // the temporary zip went with its stream
        var verdict = await _factory.Services.GetRequiredService<JournalVerifier>().VerifyAsync();
        Assert.True(verdict.Intact, verdict.Text);
    }

    [Fact]
    public async Task R16_the_export_over_HTTP_is_a_zip_download_for_the_secretariat_and_a_French_refusal_for_a_member()
    {
        var d = await DocumentScenario.CreateAsync(_factory);
        var candidateId = await CandidateOfAsync(d.DossierId);
        using var office = await d.SignedInClientAsync(d.SecretariatEmail, d.SecretariatPassword);
        using var member = await d.SignedInClientAsync(d.ConvenedMember.Email, d.ConvenedMember.Password);

        using var download = await office.GetAsync(new Uri($"/secretariat/candidats/{candidateId}/donnees.zip", UriKind.Relative));
        using var refused = await member.GetAsync(new Uri($"/secretariat/candidats/{candidateId}/donnees.zip", UriKind.Relative));
        using var unknown = await office.GetAsync(new Uri($"/secretariat/candidats/{Guid.NewGuid()}/donnees.zip", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("no-store", download.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        using (var zip = new ZipArchive(await download.Content.ReadAsStreamAsync(), ZipArchiveMode.Read))
        {
            Assert.NotNull(zip.GetEntry("donnees-candidat.json"));
        }

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(CandidateRightsService.UnknownCandidate, await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task R16_R4_1_erasure_is_refused_while_the_session_is_not_closed_and_for_five_years_after_a_partial_validation_then_anonymises()
    {
        var d = await DocumentScenario.CreateAsync(_factory);
        await d.UploadAsync(DocumentScenario.MinimalPdf, "Outil 2 – Élodie Lefèvre.pdf");
        var candidateId = await CandidateOfAsync(d.DossierId);

        var pending = await Assert.ThrowsAsync<ErasureRetainedException>(() => AsSecretariatAsync(d, rights => rights.EraseAsync(candidateId)));
        Assert.Contains("à l'ordre du jour de la session « Jury paritaire de test » du 10/12/2026, qui n'est pas clôturée", pending.Message, StringComparison.Ordinal);

        await DecideAndCloseAsync(d, DecisionOutcome.PartiallyValidated);
        var view = await AsSecretariatAsync(d, rights => rights.GetAsync(candidateId));
        Assert.Contains("jusqu'au 09/12/2031 inclus", Assert.Single(view.Retentions), StringComparison.Ordinal);
        _factory.Clock.SetUtcNow(new DateTimeOffset(2031, 12, 9, 20, 0, 0, TimeSpan.Zero)); // the last day it counts (Paris)
        var counting = await Assert.ThrowsAsync<ErasureRetainedException>(() => AsSecretariatAsync(d, rights => rights.EraseAsync(candidateId)));
        Assert.Contains("la validation partielle décidée par le jury du 10/12/2026", counting.Message, StringComparison.Ordinal);
        await _factory.WithDbAsync(async db =>
        {
            Assert.Equal("Lefèvre", (await db.Candidates.SingleAsync(c => c.Id == candidateId)).LastName);
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "Refus : " + CandidateRightsService.ErasureAction));
        });
        Assert.Single(d.StoredFiles());

        _factory.Clock.SetUtcNow(new DateTimeOffset(2031, 12, 9, 23, 30, 0, TimeSpan.Zero)); // 10/12/2031 00:30 in Paris
        Assert.Empty((await AsSecretariatAsync(d, rights => rights.GetAsync(candidateId))).Retentions);
        await AsSecretariatAsync(d, rights => rights.EraseAsync(candidateId));

        await _factory.WithDbAsync(async db =>
        {
            var candidate = await db.Candidates.SingleAsync(c => c.Id == candidateId);
            Assert.Equal((CandidateErasure.AnonymousLastName, string.Empty, (DateOnly?)null, (string?)null), (candidate.LastName, candidate.FirstName, candidate.BirthDate, candidate.Email));
            Assert.NotNull(candidate.AnonymisedAt);
            Assert.False(await db.Documents.AnyAsync(x => x.DossierId == d.DossierId));
            var erased = await db.AuditEntries.SingleAsync(a => a.Action == "Anonymisation d'un candidat");
            Assert.Equal("Secrétariat Test", erased.UserName);
            Assert.Contains("droit à l'effacement", erased.Details, StringComparison.Ordinal);
            var mail = await db.OutboxMessages.SingleAsync(m => m.DossierId == d.DossierId);
            Assert.Equal((CandidateErasure.AnonymousLastName, string.Empty, (byte[]?)null), (mail.RecipientName, mail.RecipientAddress, mail.Content));
            Assert.Null((await db.IssuedDocuments.SingleAsync(x => x.DossierId == d.DossierId)).CandidateName);
            Assert.True(await db.Deliberations.AnyAsync(x => x.DossierId == d.DossierId && x.Outcome == DecisionOutcome.PartiallyValidated)); // the decision stays, without a name
        });
        Assert.Empty(d.StoredFiles());
        Assert.True((await AsSecretariatAsync(d, rights => rights.GetAsync(candidateId))).IsAnonymised);
        var verdict = await _factory.Services.GetRequiredService<JournalVerifier>().VerifyAsync();
        Assert.True(verdict.Intact, verdict.Text);
    }

    [Fact]
    public async Task R16_the_messages_of_an_anonymised_candidates_dossier_stay_listed_but_are_never_sent_again()
    {
        var d = await DocumentScenario.CreateAsync(_factory);
        await DecideAndCloseAsync(d, DecisionOutcome.Awarded);
        var candidateId = await CandidateOfAsync(d.DossierId);
        Task<IReadOnlyList<OutboxMessageView>> MessagesAsync() =>
            _factory.AsUserAsync(d.SecretariatEmail, sp => sp.GetRequiredService<MailService>().ForDossierAsync(d.DossierId));
        Assert.True(Assert.Single(await MessagesAsync()).CanResend); // sent: the secretariat may send it again

        _factory.Clock.SetUtcNow(new DateTimeOffset(2031, 12, 9, 23, 30, 0, TimeSpan.Zero)); // past the decision's five years (R4.1)
        await AsSecretariatAsync(d, rights => rights.EraseAsync(candidateId));

        // Still listed (a record of what was sent), without the button; asked anyway, refused in French, nothing queued.
        var message = Assert.Single(await MessagesAsync());
        Assert.True(message.CandidateAnonymised);
        Assert.False(message.CanResend);
        var refused = await Assert.ThrowsAsync<UserFacingException>(() =>
            _factory.AsUserAsync(d.SecretariatEmail, sp => sp.GetRequiredService<MailService>().ResendAsync(message.Id)));
        Assert.Equal(MailTexts.AnonymisedCandidate, refused.Message);
        Assert.Single(await MessagesAsync());
        var outbox = 0;
        await _factory.WithDbAsync(async db => outbox = await db.OutboxMessages.CountAsync());
        Assert.Equal(1, outbox);
    }

    [Fact]
    public async Task R16_an_export_or_erasure_of_an_unknown_or_anonymised_candidate_is_refused_in_French_and_changes_nothing()
    {
        var d = await DocumentScenario.CreateAsync(_factory);
        var candidateId = await CandidateOfAsync(d.DossierId);
        await _factory.WithDbAsync(async db =>
        {
            (await db.Sessions.SingleAsync(s => s.Id == d.SessionId)).Status = SessionStatus.Closed; // no decision: no retention
            await db.SaveChangesAsync();
        });
        await AsSecretariatAsync(d, rights => rights.EraseAsync(candidateId));
        var before = await CountsAsync();

        var unknownExport = await Assert.ThrowsAsync<UserFacingException>(() => AsSecretariatAsync(d, rights => rights.ExportAsync(Guid.NewGuid())));
        var unknownErasure = await Assert.ThrowsAsync<UserFacingException>(() => AsSecretariatAsync(d, rights => rights.EraseAsync(Guid.NewGuid())));
        var anonymisedExport = await Assert.ThrowsAsync<UserFacingException>(() => AsSecretariatAsync(d, rights => rights.ExportAsync(candidateId)));
        var anonymisedErasure = await Assert.ThrowsAsync<UserFacingException>(() => AsSecretariatAsync(d, rights => rights.EraseAsync(candidateId)));

        Assert.Equal(CandidateRightsService.UnknownCandidate, unknownExport.Message);
        Assert.Equal(CandidateRightsService.UnknownCandidate, unknownErasure.Message);
        Assert.StartsWith("Ce candidat a déjà été anonymisé le 27/11/2026", anonymisedExport.Message, StringComparison.Ordinal);
        Assert.Equal(anonymisedExport.Message, anonymisedErasure.Message);
        Assert.Equal(before, await CountsAsync());
        Assert.False(Directory.Exists(Path.Combine(_factory.DataRoot, "exports")) && Directory.GetFiles(Path.Combine(_factory.DataRoot, "exports")).Length > 0);
    }

    [Fact]
    public async Task R16_only_the_secretariat_exports_or_erases_a_candidate()
    {
        var d = await DocumentScenario.CreateAsync(_factory);
        var candidateId = await CandidateOfAsync(d.DossierId);

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _factory.AsUserAsync(d.ConvenedMember.Email, sp => sp.GetRequiredService<CandidateRightsService>().ExportAsync(candidateId)));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _factory.AsUserAsync(d.ConvenedMember.Email, sp => sp.GetRequiredService<CandidateRightsService>().EraseAsync(candidateId)));

        await _factory.WithDbAsync(async db =>
        {
            Assert.Equal("Lefèvre", (await db.Candidates.SingleAsync(c => c.Id == candidateId)).LastName);
            Assert.False(await db.DossierAccesses.AnyAsync(a => a.Place == AccessPlaces.Export));
        });
    }

    [Fact]
    public async Task R16_a_visit_of_the_secretariats_dossier_page_is_recorded_once()
    {
        var d = await DocumentScenario.CreateAsync(_factory);
        using var office = await d.SignedInClientAsync(d.SecretariatEmail, d.SecretariatPassword);

        var html = WebUtility.HtmlDecode(await office.GetStringAsync(new Uri($"/secretariat/dossiers/{d.DossierId}", UriKind.Relative)));

        Assert.Contains("LEFÈVRE Élodie", html, StringComparison.Ordinal); // prerendered: the content is read (and recorded) once, here
        await _factory.WithDbAsync(async db =>
            Assert.Equal(1, await db.DossierAccesses.CountAsync(a => a.DossierId == d.DossierId && a.Place == AccessPlaces.SecretariatDossierPage)));
    }

    private async Task<DossierEntity> StoredDossierAsync(Guid dossierId)
    {
        DossierEntity? dossier = null;
        await _factory.WithDbAsync(async db => dossier = await db.Dossiers.AsNoTracking().SingleAsync(x => x.Id == dossierId));
        return dossier!;
    }

    private static async Task<byte[]> ReadAsync(ZipArchiveEntry entry)
    {
        await using var stream = await entry.OpenAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<string> Sha256Async(ZipArchiveEntry entry) => Convert.ToHexStringLower(SHA256.HashData(await ReadAsync(entry)));
}
