using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.OfficialDocuments;

/// <summary>Over real HTTP with real sign-in cookies: the downloads (as issued, same bytes) and the anonymous verification page.</summary>
public sealed class DownloadAndVerificationPageTests(ClosedSessionFixture f) : IClassFixture<ClosedSessionFixture>
{
    [Fact]
    public async Task The_secretariat_opens_a_document_inline_with_exactly_the_issued_bytes()
    {
        var sheet = await f.DocumentAsync(IssuedDocumentKind.DecisionSheet, "Fontaine");
        using var client = await SignedInAsync(f.S.SecretariatEmail);

        using var response = await client.GetAsync(new Uri($"/documents-officiels/{sheet.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await f.StoredFileAsync(sheet.Id), await response.Content.ReadAsByteArrayAsync());
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.NotNull(disposition);
        Assert.Equal("inline", disposition.DispositionType);
        Assert.Equal("fiche-decision-fontaine-elodie-2026-11-27.pdf", disposition.FileNameStar ?? disposition.FileName?.Trim('"'));
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_download_link_sends_the_document_as_an_attachment()
    {
        var attestation = await f.DocumentAsync(IssuedDocumentKind.PartialAttestation, "Mercier");
        using var client = await SignedInAsync(f.S.SecretariatEmail);

        using var response = await client.GetAsync(new Uri($"/documents-officiels/{attestation.Id}?telecharger=true", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.NotNull(disposition);
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("attestation-validation-partielle-mercier-julien-2026-11-27.pdf", disposition.FileNameStar ?? disposition.FileName?.Trim('"'));
        Assert.Equal(await f.StoredFileAsync(attestation.Id), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_president_downloads_a_document_too()
    {
        var minutes = await f.DocumentAsync(IssuedDocumentKind.SessionMinutes);
        using var client = await SignedInAsync(f.S.Email(Olivier), f.S.Password(Olivier));

        using var response = await client.GetAsync(new Uri($"/documents-officiels/{minutes.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await f.StoredFileAsync(minutes.Id), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_session_archive_holds_every_issued_PDF_byte_for_byte()
    {
        var documents = await f.ListAsync();
        var stored = await f.StoredFilesAsync();
        using var client = await SignedInAsync(f.S.SecretariatEmail);

        using var response = await client.GetAsync(new Uri($"/documents-officiels/session/{f.S.SessionId}/archive.zip", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("documents-jury-2026-11-27.zip", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        await using var zipStream = await response.Content.ReadAsStreamAsync();
        using var zip = new ZipArchive(zipStream, ZipArchiveMode.Read);
        Assert.Equal(documents.Count, zip.Entries.Count);
        Assert.Equal(zip.Entries.Count, zip.Entries.Select(e => e.FullName).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(zip.Entries, e => Assert.EndsWith(".pdf", e.FullName, StringComparison.Ordinal));
        var entryHashes = new List<string>();
        foreach (var entry in zip.Entries)
        {
            await using var content = await entry.OpenAsync();
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer);
            entryHashes.Add(Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray())));
        }

        Assert.Equal(
            stored.Values.Select(b => Convert.ToHexStringLower(SHA256.HashData(b))).Order(StringComparer.Ordinal),
            entryHashes.Order(StringComparer.Ordinal));
        Assert.Contains("fiche-decision-fontaine-elodie-2026-11-27.pdf", zip.Entries.Select(e => e.FullName));
        Assert.Contains("proces-verbal-2026-11-27.pdf", zip.Entries.Select(e => e.FullName));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Anonymous_requests_are_sent_to_the_sign_in_page_without_any_PDF(bool archive)
    {
        var sheet = await f.DocumentAsync(IssuedDocumentKind.DecisionSheet, "Fontaine");
        using var client = f.Factory.CreateBrowserLikeClient();
        var url = archive ? $"/documents-officiels/session/{f.S.SessionId}/archive.zip" : $"/documents-officiels/{sheet.Id}";

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.True(response.IsRedirect(), $"statut {response.StatusCode}");
        Assert.Contains("/connexion", response.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.NotEqual("application/zip", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.False(body.Length >= 5 && body.AsSpan(0, 5).SequenceEqual("%PDF-"u8));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_jury_member_who_is_not_the_president_gets_403_with_a_French_text(bool archive)
    {
        var sheet = await f.DocumentAsync(IssuedDocumentKind.DecisionSheet, "Fontaine");
        using var client = await SignedInAsync(f.S.Email(Karim), f.S.Password(Karim));
        var url = archive ? $"/documents-officiels/session/{f.S.SessionId}/archive.zip" : $"/documents-officiels/{sheet.Id}";

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Les documents officiels de la session sont réservés au secrétariat, à son président et, pour chaque dossier, au membre qui a présidé sa délibération.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_document_is_404_with_a_French_text()
    {
        using var client = await SignedInAsync(f.S.SecretariatEmail);

        using var response = await client.GetAsync(new Uri($"/documents-officiels/{Guid.NewGuid()}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Ce document n'existe pas.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_archive_of_a_session_without_issued_documents_is_404_with_a_French_text()
    {
        using var client = await SignedInAsync(f.S.SecretariatEmail);

        using var response = await client.GetAsync(new Uri($"/documents-officiels/session/{f.S.DraftSessionId}/archive.zip", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Aucun document officiel n'a encore été émis pour cette session.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_archive_of_an_unknown_session_is_404_never_500()
    {
        using var client = await SignedInAsync(f.S.SecretariatEmail);

        using var response = await client.GetAsync(new Uri($"/documents-officiels/session/{Guid.NewGuid()}/archive.zip", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_verification_page_confirms_a_valid_code_to_anyone()
    {
        var sheet = await f.DocumentAsync(IssuedDocumentKind.DecisionSheet, "Fontaine");
        using var client = f.Factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri($"/verifier/{sheet.VerificationCode}", UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Document authentique", html, StringComparison.Ordinal);
        Assert.Contains("FONTAINE Élodie", html, StringComparison.Ordinal);
        Assert.Contains("CQP Assistant(e) de formation", html, StringComparison.Ordinal);
        Assert.Contains("Délivrance du CQP", html, StringComparison.Ordinal);
        Assert.Contains("27/11/2026", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R14_The_address_in_capitals_that_a_QR_code_carries_opens_the_same_verification_page()
    {
        var sheet = await f.DocumentAsync(IssuedDocumentKind.DecisionSheet, "Fontaine");
        var qr = VerificationStamp.For(sheet.VerificationCode, "http://localhost").QrContent;
        Assert.StartsWith("HTTP://LOCALHOST/VERIFIER/", qr, StringComparison.Ordinal);
        using var client = f.Factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri(new Uri(qr).PathAndQuery, UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Document authentique", html, StringComparison.Ordinal);
        Assert.Contains("FONTAINE Élodie", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verification_page_says_an_unknown_code_is_not_recognised()
    {
        using var client = f.Factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri("/verifier/ABCD-EFGH-JKMN", UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Document non reconnu", html, StringComparison.Ordinal);
        Assert.Contains("Aucun document n'a été émis avec le code ABCD-EFGH-JKMN.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Document authentique", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("XXXX")]
    [InlineData("1234-5678-90AB-CDEF-X")]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    public async Task The_verification_page_answers_a_malformed_code_in_French_never_with_an_error(string code)
    {
        using var client = f.Factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri($"/verifier/{code}", UriKind.Relative));
        var raw = await response.Content.ReadAsStringAsync();
        var html = WebUtility.HtmlDecode(raw);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("n'est pas valide", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Document authentique", html, StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignedInAsync(string email, string? password = null)
    {
        var client = f.Factory.CreateBrowserLikeClient();
        using var signIn = await client.SignInAsync(email, password ?? f.S.Passwords[email]);
        Assert.True(signIn.IsRedirect(), $"connexion refusée : {signIn.StatusCode}");
        return client;
    }
}
