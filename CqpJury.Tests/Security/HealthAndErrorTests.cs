using System.Net;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Security;

/// <summary>Issue 26 point 5: no stack trace in any environment a user meets, Development included.</summary>
public sealed class HealthAndErrorTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

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

    public void Dispose() => _factory.Dispose();
}
