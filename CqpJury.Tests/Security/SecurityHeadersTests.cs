using System.Net;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CqpJury.Tests.Security;

/// <summary>Issue 23 point 1: the headers of every response (pages, files, errors).</summary>
public sealed class SecurityHeadersTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Theory]
    [InlineData("/connexion")]
    [InlineData("/verifier")]
    [InlineData("/page-qui-n-existe-pas")]
    [InlineData("/health/live")]
    [InlineData("/app.css")]
    public async Task Every_response_carries_the_CSP_nosniff_referrer_and_permissions_policies(string path)
    {
        using var client = _factory.CreateBrowserLikeClient();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        var csp = response.Header("Content-Security-Policy");
        Assert.NotNull(csp);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'nonce-[0-9a-f]{32}';", csp);
        Assert.Contains("connect-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Equal(path.StartsWith("/verifier", StringComparison.Ordinal) ? "no-referrer" : "strict-origin-when-cross-origin", response.Header("Referrer-Policy"));
        var permissions = response.Header("Permissions-Policy");
        Assert.NotNull(permissions);
        Assert.Contains("camera=()", permissions, StringComparison.Ordinal);
        Assert.Contains("microphone=()", permissions, StringComparison.Ordinal);
        Assert.Contains("geolocation=()", permissions, StringComparison.Ordinal);
        Assert.Null(response.Header("Server"));
        Assert.Null(response.Header("Strict-Transport-Security")); // not HTTPS, not Production
    }

    [Fact]
    public async Task The_import_map_carries_the_nonce_of_its_response_and_no_other_inline_script_exists()
    {
        using var client = _factory.CreateBrowserLikeClient();
        using var response = await client.GetAsync(new Uri("/connexion", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var nonce = System.Text.RegularExpressions.Regex.Match(response.Header("Content-Security-Policy")!, "'nonce-([^']+)'").Groups[1].Value;

        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", html, StringComparison.Ordinal);
        var inline = System.Text.RegularExpressions.Regex.Matches(html, "<script(?![^>]*\\bsrc=)[^>]*>").Select(m => m.Value).ToList();
        Assert.All(inline, tag => Assert.Contains($"nonce=\"{nonce}\"", tag, StringComparison.Ordinal));

        using var second = await client.GetAsync(new Uri("/connexion", UriKind.Relative));
        Assert.DoesNotContain(nonce, second.Header("Content-Security-Policy")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_sends_HSTS_on_HTTPS_requests()
    {
        using var production = new CqpJuryAppFactory();
        using var client = production.WithWebHostBuilder(b => b.UseEnvironment("Production"))
            .CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://jury.exemple.test"), AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri("/connexion", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", response.Header("Strict-Transport-Security"), StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();
}
