using System.Diagnostics;
using System.Net;
using CqpJury.App.Data;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Security;

/// <summary>Issue 26 points 5 and 6: no stack trace in any environment; readiness checks a write.</summary>
public sealed class HealthAndErrorTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task Ready_answers_503_while_the_database_file_cannot_be_written_and_200_again_after()
    {
        using var client = _factory.CreateClient();
        using (var healthy = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        // The database file and its write-ahead log made immutable (even root cannot write them).
        var file = Path.Combine(_factory.DataRoot, "cqpjury.db");
        Immutable(file + "-wal", on: true);
        if (!Immutable(file, on: true))
        {
            Assert.Fail("chattr +i is not available here (root on a file system with attributes is needed to make a file unwritable for root).");
        }

        try
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("écriture", WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Unescape(body)), StringComparison.Ordinal);
            using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }
        finally
        {
            Immutable(file, on: false);
            Immutable(file + "-wal", on: false);
        }

        using var again = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task In_Development_a_server_error_shows_the_French_page_with_a_correlation_id_and_no_detail()
    {
        using var development = new DevelopmentFactory();
        using var client = development.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri("/essai/erreur", UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Une erreur est survenue", html, StringComparison.Ordinal);
        Assert.Matches("Référence de l'incident : <code data-testid=\"correlation-id\">[^<]+</code>", html);
        Assert.DoesNotContain(DevelopmentFactory.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Development_a_malformed_request_to_an_endpoint_gets_the_French_page_not_the_developer_page()
    {
        using var development = new DevelopmentFactory();
        var (email, password) = await development.CreateSecretariatAsync();
        using var client = development.CreateBrowserLikeClient();
        await client.SignInAsync(email, password);

        using var response = await client.GetAsync(new Uri($"/documents-officiels/{Guid.NewGuid()}?telecharger=peut-etre", UriKind.Relative));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Une erreur est survenue", html, StringComparison.Ordinal);
        Assert.DoesNotContain("BadHttpRequestException", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }

    /// <summary>The app in Development (what <c>dotnet run</c> starts), with one address that fails as a bug would.</summary>
    private sealed class DevelopmentFactory : CqpJuryAppFactory
    {
        public const string Secret = "détail interne /srv/cqpjury/secret.cs";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
            builder.ConfigureServices(services => services.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, FailingAddress>());
        }

        private sealed class FailingAddress : Microsoft.AspNetCore.Hosting.IStartupFilter
        {
            public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
            {
                next(app);
                app.Use((context, nextMiddleware) =>
                    context.Request.Path == "/essai/erreur" ? throw new InvalidOperationException(Secret) : nextMiddleware(context));
            };
        }
    }

    private static bool Immutable(string file, bool on)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("chattr", [on ? "+i" : "-i", file]) { RedirectStandardError = true, UseShellExecute = false })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public void Dispose() => _factory.Dispose();
}
