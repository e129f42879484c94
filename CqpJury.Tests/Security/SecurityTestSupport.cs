using System.Net;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Security;

/// <summary>
/// The app with a client address per test client: the in-memory test server has none, so a request's
/// <c>X-Test-Client</c> header becomes its remote address (first in the pipeline), as Kestrel or the
/// forwarded headers would set it. Lets the rate-limit tests tell addresses apart.
/// </summary>
public sealed class AddressedAppFactory : CqpJuryAppFactory
{
    public const string Header = "X-Test-Client";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressFilter>());
    }

    /// <summary>A browser-like client (cookies, no redirects followed) seen from <paramref name="address"/>.</summary>
    public HttpClient ClientFrom(string address)
    {
        var client = this.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

internal static class SecurityHttp
{
    public static async Task<string> TextAsync(this HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
        : null;
}
