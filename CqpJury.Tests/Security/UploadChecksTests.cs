using System.Net;
using System.Text;
using CqpJury.App.Services;
using CqpJury.Tests.Integration.UploadedDocuments;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.Tests.Security;

/// <summary>
/// Issue 23 point 6, uploads (the cases DocumentUploadTests does not already hold: empty, over the limit and
/// non-PDF renamed .pdf are there): a PDF/HTML polyglot, and names with <c>../</c> and control characters —
/// the stored name, the Content-Type, <c>Content-Disposition: attachment</c> and <c>nosniff</c> on download.
/// </summary>
public sealed class UploadChecksTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public static readonly byte[] Polyglot = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    [Fact]
    public async Task A_PDF_HTML_polyglot_is_only_ever_served_as_a_PDF_attachment_that_is_not_sniffed()
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var id = await scenario.UploadAsync(Polyglot, "page.html");
        using var client = await scenario.SignedInClientAsync(scenario.SecretariatEmail, scenario.SecretariatPassword);

        foreach (var suffix in new[] { "", "/telecharger" })
        {
            using var response = await client.GetAsync(new Uri($"/documents/{id}{suffix}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Contains("frame-ancestors 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal(suffix.Length == 0 ? "inline" : "attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        }

        var stored = Assert.Single(scenario.StoredFiles());
        Assert.Matches("^[0-9a-f]{32}\\.pdf$", Path.GetFileName(stored));
    }

    [Theory]
    [InlineData("../../../etc/passwd.pdf", "passwd.pdf")]
    [InlineData("..\\..\\Windows\\system.pdf", "system.pdf")]
    [InlineData("outil\u0000 2\u0007\u001b[31m.pdf", "outil 2[31m.pdf")]
    [InlineData("a<script>\"b\".pdf", "ascriptb.pdf")]
    public async Task Path_and_control_characters_never_reach_the_disk_nor_the_download_name(string uploaded, string shown)
    {
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var id = await scenario.UploadAsync(DocumentScenario.MinimalPdf, uploaded);

        await _factory.WithDbAsync(async db =>
        {
            var row = await db.Documents.SingleAsync(d => d.Id == id);
            Assert.Equal(shown, row.OriginalFileName);
            Assert.Matches("^[0-9a-f]{32}\\.pdf$", row.StoredFileName);
        });
        var stored = Assert.Single(scenario.StoredFiles());
        Assert.Equal(scenario.DocumentsFolder, Path.GetDirectoryName(stored));

        using var client = await scenario.SignedInClientAsync(scenario.SecretariatEmail, scenario.SecretariatPassword);
        using var response = await client.GetAsync(new Uri($"/documents/{id}/telecharger", UriKind.Relative));
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.NotNull(disposition);
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(shown, disposition.FileNameStar);
        Assert.DoesNotContain("..", disposition.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_the_limit_and_empty_files_are_refused_in_French_and_nothing_is_stored()
    {
        _factory.Settings["Documents:MaxUploadBytes"] = "2048";
        var scenario = await DocumentScenario.CreateAsync(_factory);
        var big = new byte[4096];
        DocumentScenario.MinimalPdf.CopyTo(big, 0);

        var tooBig = await Assert.ThrowsAsync<InputValidationException>(() => scenario.UploadAsync(big, "gros.pdf"));
        var empty = await Assert.ThrowsAsync<InputValidationException>(() => scenario.UploadAsync([], "vide.pdf"));

        Assert.NotEmpty(tooBig.Errors);
        Assert.NotEmpty(empty.Errors);
        Assert.Empty(scenario.StoredFiles());
    }

    public void Dispose() => _factory.Dispose();
}
