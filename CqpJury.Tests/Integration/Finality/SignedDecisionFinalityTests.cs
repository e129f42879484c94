using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.Services;
using CqpJury.App.Services.UploadedDocuments;
using CqpJury.App.Services.OfficialDocuments;
using CqpJury.App.Services.Dossiers;
using CqpJury.App.Services.Security;
using CqpJury.App.Services.Sessions;
using CqpJury.Domain.Deliberations;
using CqpJury.Domain.Dossiers;
using CqpJury.Tests.Integration.OfficialDocuments;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Finality;

/// <summary>
/// R12 after the demo session was held, closed and its documents issued (Leroy, Fontaine, Mercier,
/// Haddad, Dubois signed; Perrin postponed): a signed decision is final everywhere — agenda, dossier
/// page, database — a postponed dossier goes on a later agenda with its history, members' access to
/// working documents ends with the session, and the session's zip is the same bytes at every download.
/// </summary>
public sealed class SignedDecisionFinalityTests(ClosedSessionFixture f) : IClassFixture<ClosedSessionFixture>
{
    private Task<T> AsSecretariatAsync<T>(Func<IServiceProvider, Task<T>> work) => f.Factory.AsUserAsync(f.S.SecretariatEmail, work);

    private Task<SessionDetails> DraftSessionAsync() =>
        AsSecretariatAsync(sp => sp.GetRequiredService<SessionAdminService>().GetAsync(f.S.DraftSessionId));

    [Fact]
    public async Task R12_A_signed_dossier_is_not_offered_on_a_new_agenda_and_a_crafted_inscription_is_refused_and_journaled()
    {
        var draft = await DraftSessionAsync();
        var offered = draft.AvailableDossiers.Select(d => d.Id).ToHashSet();
        foreach (var signed in new[] { "Fontaine", "Mercier", "Haddad", "Dubois", "Leroy" })
        {
            Assert.DoesNotContain(f.S.Dossier(signed), offered);
        }

        // A crafted request (the page never offers it).
        var refused = await Assert.ThrowsAsync<InputValidationException>(() => AsSecretariatAsync(async sp =>
        {
            await sp.GetRequiredService<SessionAdminService>().AddDossierAsync(f.S.DraftSessionId, f.S.Dossier("Leroy"), draft.ConcurrencyStamp);
            return true;
        }));

        var message = Assert.Single(refused.Errors).Message;
        Assert.Contains("a déjà fait l'objet d'une décision signée", message, StringComparison.Ordinal);
        Assert.DoesNotContain("R12", message, StringComparison.Ordinal);
        Assert.DoesNotContain((await DraftSessionAsync()).Agenda, l => l.DossierId == f.S.Dossier("Leroy"));
        Assert.Contains(await f.S.AuditAsync(), a => a.Action == "Refus : inscrire un dossier à l'ordre du jour"
            && a.SessionId == f.S.DraftSessionId && a.DossierId == f.S.Dossier("Leroy"));
    }

    [Fact]
    public async Task R12_A_postponed_dossier_is_offered_again_goes_on_a_later_agenda_and_keeps_its_history()
    {
        var perrin = f.S.Dossier("Perrin");
        var draft = await DraftSessionAsync();
        if (draft.Agenda.All(l => l.DossierId != perrin))
        {
            var choice = Assert.Single(draft.AvailableDossiers, d => d.Id == perrin);
            Assert.True(choice.WasPostponed);
            await AsSecretariatAsync(async sp =>
            {
                await sp.GetRequiredService<SessionAdminService>().AddDossierAsync(f.S.DraftSessionId, perrin, draft.ConcurrencyStamp);
                return true;
            });
        }

        var line = Assert.Single((await DraftSessionAsync()).Agenda, l => l.DossierId == perrin);
        var history = Assert.Single(line.History);
        Assert.StartsWith("Ajourné lors de la session « ", history, StringComparison.Ordinal);
        Assert.EndsWith(ClosedSession.PerrinReason, history, StringComparison.Ordinal);

        var page = await AsSecretariatAsync(sp => sp.GetRequiredService<DossierService>().GetAsync(perrin));
        Assert.Equal(DossierStandingKind.OnDraftAgenda, page.Standing.Kind);
        Assert.False(page.IsLocked);
        Assert.Equal([HearingOutcome.Postponed, HearingOutcome.Pending], page.Sessions.Select(s => s.Outcome));
        Assert.Equal(ClosedSession.PerrinReason, page.Sessions[0].PostponementReason);

        var journal = await f.S.AuditAsync();
        var inscription = Assert.Single(journal, a => a.Action == "Inscription d'un dossier à l'ordre du jour" && a.DossierId == perrin && a.SessionId == f.S.DraftSessionId);
        Assert.Contains("ajourné lors de : session « ", inscription.Details, StringComparison.Ordinal);
        Assert.Contains(journal, a => a.SessionId == f.S.SessionId && a.DossierId == perrin && a.Action.StartsWith("Dossier ajourné", StringComparison.Ordinal));
    }

    [Fact]
    public async Task R12_A_signed_dossiers_page_says_decided_and_signed_and_every_change_is_refused_at_the_server()
    {
        var leroy = f.S.Dossier("Leroy");
        var page = await AsSecretariatAsync(sp => sp.GetRequiredService<DossierService>().GetAsync(leroy));
        var documents = await AsSecretariatAsync(sp => sp.GetRequiredService<DocumentService>().ListAsync(leroy));

        Assert.Equal(DossierStandingKind.DecisionSigned, page.Standing.Kind);
        Assert.True(page.IsLocked);
        Assert.StartsWith("La décision sur ce dossier a été signée le ", page.Standing.Message, StringComparison.Ordinal);
        Assert.Contains("elle est définitive", page.Standing.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ouverte", page.Standing.Message, StringComparison.Ordinal);
        Assert.False(documents.CanUpload);
        Assert.False(documents.CanDelete);

        page.Input.CandidateObservations = "Ajout après la décision";
        var update = await Assert.ThrowsAsync<UserFacingException>(() =>
            AsSecretariatAsync(async sp => await sp.GetRequiredService<DossierService>().UpdateAsync(leroy, page.Input)));
        var delete = await Assert.ThrowsAsync<UserFacingException>(() =>
            AsSecretariatAsync(async sp => { await sp.GetRequiredService<DocumentService>().DeleteAsync(documents.Documents[0].Id); return true; }));
        var upload = await Assert.ThrowsAsync<UserFacingException>(() =>
            AsSecretariatAsync(sp => sp.GetRequiredService<DocumentService>().UploadAsync(leroy, DocumentKind.Other, "ajout.pdf", new MemoryStream("%PDF-1.4\n"u8.ToArray()))));

        Assert.All(new[] { update, delete, upload }, e => Assert.Equal(page.Standing.Message, e.Message));
        var after = await AsSecretariatAsync(sp => sp.GetRequiredService<DocumentService>().ListAsync(leroy));
        Assert.Equal(documents.Documents.Select(d => d.Id), after.Documents.Select(d => d.Id));
    }

    [Fact]
    public async Task R12_A_signed_dossiers_page_shows_one_banner_with_its_true_state_and_offers_no_action_that_cannot_succeed()
    {
        using var client = await SignedInAsync(f.S.SecretariatEmail);

        using var response = await client.GetAsync(new Uri($"/secretariat/dossiers/{f.S.Dossier("Leroy")}", UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "data-testid=\"dossier-standing\""));
        Assert.Contains("data-standing=\"DecisionSigned\"", html, StringComparison.Ordinal);
        Assert.Contains("La décision sur ce dossier a été signée le ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("session ouverte", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Déposer le document", html, StringComparison.Ordinal);
        Assert.Contains("Voir le document « ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Supprimer le document « ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Enregistrer le contrôle de complétude", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Enregistrer le dossier", html, StringComparison.Ordinal);
        Assert.Contains("Décision signée lors de la session « ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R12_The_database_refuses_a_second_signed_decision_for_a_dossier_and_any_change_to_a_signed_one_or_to_an_issued_document()
    {
        var leroy = f.S.Dossier("Leroy");
        var second = new DeliberationRecord
        {
            Id = Guid.NewGuid(),
            SessionId = f.S.DraftSessionId,
            DossierId = leroy,
            PanelMemberIds = string.Join(",", Everyone.Select(f.S.Member)),
            State = DeliberationState.Decided,
            OpenedAt = f.Factory.Clock.GetUtcNow(),
            SignedByMemberId = f.S.Member(Olivier),
            SignedAt = f.Factory.Clock.GetUtcNow(),
        };

        var insert = await Assert.ThrowsAsync<DbUpdateException>(() => f.Factory.WithDbAsync(async db =>
        {
            db.Deliberations.Add(second);
            await db.SaveChangesAsync();
        }));
        Assert.True(DatabaseErrors.IsUniqueViolation(insert, "Deliberations", "DossierId"), insert.InnerException?.Message);

        await Assert.ThrowsAnyAsync<Exception>(() => f.Factory.WithDbAsync(db =>
            db.Deliberations.Where(d => d.SessionId == f.S.SessionId && d.DossierId == leroy).ExecuteUpdateAsync(u => u.SetProperty(d => d.Comments, "Réécrit"))));
        await Assert.ThrowsAnyAsync<Exception>(() => f.Factory.WithDbAsync(db =>
            db.Deliberations.Where(d => d.SessionId == f.S.SessionId && d.DossierId == leroy).ExecuteDeleteAsync()));
        await Assert.ThrowsAnyAsync<Exception>(() => f.Factory.WithDbAsync(db =>
            db.IssuedDocuments.Where(d => d.SessionId == f.S.SessionId).ExecuteDeleteAsync()));
        await Assert.ThrowsAnyAsync<Exception>(() => f.Factory.WithDbAsync(db =>
            db.IssuedDocuments.Where(d => d.SessionId == f.S.SessionId).ExecuteUpdateAsync(u => u.SetProperty(d => d.FileSha256, "0"))));

        await f.Factory.WithDbAsync(async db =>
        {
            var kept = await db.Deliberations.AsNoTracking().SingleAsync(d => d.DossierId == leroy && d.SignedAt != null);
            Assert.Equal(f.S.SessionId, kept.SessionId);
            Assert.Equal(ClosedSession.LeroyComments, kept.Comments);
            Assert.Equal(12, await db.IssuedDocuments.CountAsync(d => d.SessionId == f.S.SessionId));
        });
    }

    [Fact]
    public async Task Two_downloads_of_the_session_zip_by_two_roles_at_two_moments_are_byte_identical_and_dated_by_issuance()
    {
        using var secretariat = await SignedInAsync(f.S.SecretariatEmail);
        using var president = await SignedInAsync(f.S.Email(Olivier));
        var url = new Uri($"/documents-officiels/session/{f.S.SessionId}/archive.zip", UriKind.Relative);

        var first = await secretariat.GetByteArrayAsync(url);
        f.Factory.Clock.Advance(TimeSpan.FromMinutes(17));
        await Task.Delay(TimeSpan.FromSeconds(2.1)); // the real clock too: a zip dated by its download would differ
        var second = await president.GetByteArrayAsync(url);

        Assert.Equal(Convert.ToHexString(SHA256.HashData(first)), Convert.ToHexString(SHA256.HashData(second)));
        List<IssuedDocument> issued = [];
        await f.Factory.WithDbAsync(async db => issued = await db.IssuedDocuments.AsNoTracking().Where(d => d.SessionId == f.S.SessionId).ToListAsync());
        using var zip = new ZipArchive(new MemoryStream(first), ZipArchiveMode.Read);
        Assert.Equal(issued.Count, zip.Entries.Count);
        var expectedOrder = issued.OrderBy(d => d.Kind).ThenBy(d => d.CandidateName, StringComparer.Create(CqpJury.Domain.Common.FrenchFormat.Culture, false))
            .Select(d => d.Kind).ToList();
        Assert.Equal(expectedOrder, zip.Entries.Select(e => KindOf(e.FullName)).ToList());
        foreach (var entry in zip.Entries)
        {
            var bytes = new MemoryStream();
            await using (var content = await entry.OpenAsync())
            {
                await content.CopyToAsync(bytes);
            }

            var document = Assert.Single(issued, d => d.FileSha256 == Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())));
            var issuedAt = FrenchTime.ToFrench(document.IssuedAt).DateTime;
            Assert.InRange((entry.LastWriteTime.DateTime - issuedAt).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(2)); // zip times are to 2 s
        }
    }

    [Fact]
    public async Task R16_Once_the_session_is_closed_members_no_longer_open_its_working_documents_and_the_refusal_is_journaled()
    {
        var leroy = f.S.Dossier("Leroy");
        var documents = await AsSecretariatAsync(sp => sp.GetRequiredService<DocumentService>().ListAsync(leroy));
        var document = documents.Documents[0];

        var list = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            f.Factory.AsUserAsync(f.S.Email(Olivier), sp => sp.GetRequiredService<DocumentService>().ListAsync(leroy)));
        var open = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            f.Factory.AsUserAsync(f.S.Email(Karim), sp => sp.GetRequiredService<DocumentService>().OpenAsync(document.Id)));
        using var karim = await SignedInAsync(f.S.Email(Karim));
        using var response = await karim.GetAsync(new Uri($"/documents/{document.Id}", UriKind.Relative));

        Assert.Equal(DossierAccessService.ClosedSessionRefusal, list.Message);
        Assert.Equal(DossierAccessService.ClosedSessionRefusal, open.Message);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(DossierAccessService.ClosedSessionRefusal, await response.Content.ReadAsStringAsync());
        Assert.Contains(await f.S.AuditAsync(), a => a.Action == "Refus : Consulter un document" && a.UserName == "Karim Benali" && a.DossierId == leroy);
        await using var bySecretariat = (await AsSecretariatAsync(sp => sp.GetRequiredService<DocumentService>().OpenAsync(document.Id))).Content;
        Assert.True(bySecretariat.Length > 0);
    }

    [Fact]
    public async Task The_documents_date_of_the_jury_is_the_day_the_session_sat_and_signed()
    {
        List<IssuedDocument> issued = [];
        List<DeliberationRecord> signed = [];
        await f.Factory.WithDbAsync(async db =>
        {
            issued = await db.IssuedDocuments.AsNoTracking().Where(d => d.SessionId == f.S.SessionId).ToListAsync();
            signed = await db.Deliberations.AsNoTracking().Where(d => d.SessionId == f.S.SessionId && d.SignedAt != null).ToListAsync();
        });

        var sat = Assert.Single(signed.Select(d => DateOnly.FromDateTime(FrenchTime.ToFrench(d.SignedAt!.Value).DateTime)).Distinct());
        Assert.All(issued, d => Assert.Equal(sat, d.JuryDate));
        Assert.Equal(sat, (await f.S.SessionAsync()).Date);
    }

    private static IssuedDocumentKind KindOf(string entryName) =>
        Enum.GetValues<IssuedDocumentKind>().OrderByDescending(k => k.FileSlug().Length).First(k => entryName.StartsWith(k.FileSlug(), StringComparison.Ordinal));

    private Task<HttpClient> SignedInAsync(string email) => f.Factory.SignedInClientAsync(email, f.S.Passwords[email]);
}
