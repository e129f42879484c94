using CqpJury.App.Data.Entities;
using System.Net;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.Tests.Integration.UploadedDocuments;

/// <summary>The /documents endpoints over real HTTP with real sign-in cookies (R16, R10.2).</summary>
public sealed class DocumentDownloadTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task The_secretariat_views_the_PDF_inline_with_safe_headers()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var id = await scenario.UploadAsync(DocumentScenario.MinimalPdf, "Outil 2 – Élodie Lefèvre.pdf");
        using var client = await scenario.SignedInClientAsync(scenario.SecretariatEmail, scenario.SecretariatPassword);

        using var response = await client.GetAsync(new Uri($"/documents/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(DocumentScenario.MinimalPdf, await response.Content.ReadAsByteArrayAsync());
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.NotNull(disposition);
        Assert.Equal("inline", disposition.DispositionType);
        Assert.Equal("Outil 2 – Élodie Lefèvre.pdf", disposition.FileNameStar);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task The_download_link_sends_an_attachment_with_the_accented_name()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var id = await scenario.UploadAsync(DocumentScenario.MinimalPdf, "Dossier VAE – Hélène Çelik.pdf");
        using var client = await scenario.SignedInClientAsync(scenario.SecretariatEmail, scenario.SecretariatPassword);

        using var response = await client.GetAsync(new Uri($"/documents/{id}/telecharger", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.NotNull(disposition);
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Dossier VAE – Hélène Çelik.pdf", disposition.FileNameStar);
        Assert.Equal(DocumentScenario.MinimalPdf, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/telecharger")]
    public async Task Anonymous_requests_are_sent_to_the_sign_in_page_without_the_PDF(string suffix)
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var id = await scenario.UploadAsync(DocumentScenario.MinimalPdf);
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri($"/documents/{id}{suffix}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith("/connexion", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("%PDF", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_of_another_session_is_refused_with_a_French_403()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var id = await scenario.UploadAsync(DocumentScenario.MinimalPdf);
        using var client = await scenario.SignedInClientAsync(scenario.OtherSessionMember.Email, scenario.OtherSessionMember.Password);

        using var response = await client.GetAsync(new Uri($"/documents/{id}/telecharger", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("Accès refusé : ce dossier n'est inscrit à aucune session de jury à laquelle vous êtes convoqué(e).", body);
    }

    [Fact]
    public async Task A_convened_member_in_conflict_is_refused_and_the_refusal_is_audited()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var id = await scenario.UploadAsync(DocumentScenario.MinimalPdf);
        using var client = await scenario.SignedInClientAsync(scenario.ConflictedMember.Email, scenario.ConflictedMember.Password);

        using var response = await client.GetAsync(new Uri($"/documents/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("conflit d'intérêts", body, StringComparison.Ordinal);
        Assert.DoesNotContain("%PDF", body, StringComparison.Ordinal);
        await _factory.WithDbAsync(async db =>
        {
            var refusal = await db.AuditEntries.SingleAsync(a => a.Action.StartsWith("Refus : "));
            Assert.Equal("Refus : Consulter un document", refusal.Action);
            Assert.Equal(scenario.DossierId, refusal.DossierId);
            Assert.Equal("Paul Martin", refusal.UserName);
        });
    }

    [Fact]
    public async Task A_convened_member_without_conflict_can_view_the_PDF()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var id = await scenario.UploadAsync(DocumentScenario.MinimalPdf);
        using var client = await scenario.SignedInClientAsync(scenario.ConvenedMember.Email, scenario.ConvenedMember.Password);

        using var response = await client.GetAsync(new Uri($"/documents/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DocumentScenario.MinimalPdf, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task R10_A_convened_member_who_has_not_yet_answered_the_conflict_question_is_refused()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var id = await scenario.UploadAsync(DocumentScenario.MinimalPdf);
        await _factory.WithDbAsync(db => db.ConflictDeclarations.ExecuteDeleteAsync());
        using var client = await scenario.SignedInClientAsync(scenario.ConvenedMember.Email, scenario.ConvenedMember.Password);

        using var response = await client.GetAsync(new Uri($"/documents/{id}", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("déclarez d'abord", body, StringComparison.Ordinal);
        Assert.DoesNotContain("%PDF", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R10_2_A_member_who_declared_a_link_in_the_room_is_refused()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var id = await scenario.UploadAsync(DocumentScenario.MinimalPdf);
        await _factory.WithDbAsync(db => db.ConflictDeclarations.ExecuteUpdateAsync(s => s.SetProperty(c => c.HasConflict, true)));
        using var client = await scenario.SignedInClientAsync(scenario.ConvenedMember.Email, scenario.ConvenedMember.Password);

        using var response = await client.GetAsync(new Uri($"/documents/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("vous avez déclaré un lien", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task R10_1_A_member_who_stood_aside_for_the_dossier_is_refused()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var id = await scenario.UploadAsync(DocumentScenario.MinimalPdf);
        await _factory.WithDbAsync(async db =>
        {
            var declaration = await db.ConflictDeclarations.SingleAsync();
            db.StandAsides.Add(new StandAside
            {
                Id = Guid.NewGuid(),
                SessionId = declaration.SessionId,
                DossierId = declaration.DossierId,
                JuryMemberId = declaration.JuryMemberId,
                AppliedByMemberId = declaration.JuryMemberId,
                At = _factory.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        });
        using var client = await scenario.SignedInClientAsync(scenario.ConvenedMember.Email, scenario.ConvenedMember.Password);

        using var response = await client.GetAsync(new Uri($"/documents/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_deactivated_member_loses_access_at_once()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var id = await scenario.UploadAsync(DocumentScenario.MinimalPdf);
        using var client = await scenario.SignedInClientAsync(scenario.ConvenedMember.Email, scenario.ConvenedMember.Password);
        await _factory.WithDbAsync(db => db.Users.Where(u => u.Email == scenario.ConvenedMember.Email)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));

        using var response = await client.GetAsync(new Uri($"/documents/{id}", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("%PDF", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_document_answers_a_French_404()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        using var client = await scenario.SignedInClientAsync(scenario.SecretariatEmail, scenario.SecretariatPassword);

        using var response = await client.GetAsync(new Uri($"/documents/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Ce document est introuvable : il a peut-être été supprimé.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_row_whose_file_is_missing_answers_404_not_500()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var id = await scenario.UploadAsync(DocumentScenario.MinimalPdf);
        File.Delete(Assert.Single(scenario.StoredFiles()));
        using var client = await scenario.SignedInClientAsync(scenario.SecretariatEmail, scenario.SecretariatPassword);

        using var response = await client.GetAsync(new Uri($"/documents/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("introuvable sur le serveur", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();
}
