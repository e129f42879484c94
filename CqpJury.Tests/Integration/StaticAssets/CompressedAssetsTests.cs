using System.Text.RegularExpressions;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Integration.StaticAssets;

/// <summary>
/// Issue 25.4: every stylesheet and script a page links is served compressed to a browser that accepts it —
/// MudBlazor's package files included (its fingerprinted address had no compressed variant: 627 KB of CSS
/// went out as is, 88 % of the room's first load on a slow link).
/// </summary>
public sealed partial class CompressedAssetsTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task Every_stylesheet_and_script_of_a_page_is_served_compressed()
    {
        using var client = _factory.CreateBrowserLikeClient();
        var html = await client.GetStringAsync(new Uri("/connexion", UriKind.Relative));
        var addresses = LinkedAsset().Matches(html).Select(m => m.Groups["url"].Value).Distinct().ToList();

        Assert.Contains(addresses, a => a.Contains("MudBlazor.min", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(addresses, a => a.Contains("blazor.web", StringComparison.Ordinal));
        foreach (var address in addresses)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/" + address.TrimStart('/'), UriKind.Relative));
            request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br, zstd");
            using var response = await client.SendAsync(request);

            Assert.True(response.IsSuccessStatusCode, $"{address}: {(int)response.StatusCode}");
            var encoding = Assert.Single(response.Content.Headers.ContentEncoding);
            Assert.True(encoding is "br" or "gzip", $"{address} served with Content-Encoding {encoding}");
        }
    }

    public void Dispose() => _factory.Dispose();

    [GeneratedRegex("""<(?:link rel="stylesheet" href|script(?: type="module")? src)="(?<url>[^"]+\.(?:css|js))"(?=[\s/>])""")]
    private static partial Regex LinkedAsset();
}
