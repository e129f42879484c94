using System.Diagnostics;
using CqpJury.Tests.TestSupport;
using Xunit.Abstractions;

namespace CqpJury.Tests.Security;

/// <summary>Issue 23 point 4: a wrong password for a known account and any password for an unknown address take the same time.</summary>
public sealed class SignInTimingTests(ITestOutputHelper output) : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task The_median_answer_times_of_a_known_and_an_unknown_address_are_within_20_percent()
    {
        _factory.Settings["RateLimits:SignIn:PerAccount"] = "1000";
        _factory.Settings["RateLimits:SignIn:PerAddress"] = "1000";
        var (email, _) = await _factory.CreateSecretariatAsync();
        using var client = _factory.CreateBrowserLikeClient();
        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            // Interleaved, so that the machine's load weighs on both alike; the first two of each are warm-up.
            var k = await TimeAsync(client, email);
            var u = await TimeAsync(client, $"personne{i}@test.fr");
            if (i >= 2)
            {
                known.Add(k);
                unknown.Add(u);
            }
        }

        var knownMedian = Median(known);
        var unknownMedian = Median(unknown);
        output.WriteLine($"median known {knownMedian:0.0} ms, unknown {unknownMedian:0.0} ms");
        Assert.InRange(unknownMedian / knownMedian, 0.8, 1.2);
    }

    private static async Task<double> TimeAsync(HttpClient client, string email)
    {
        var form = await client.GetStringAsync(new Uri("/connexion", UriKind.Relative));
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = "Mauvais mot de passe",
        });
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsync(new Uri("/connexion", UriKind.Relative), content);
        await response.Content.ReadAsByteArrayAsync();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public void Dispose() => _factory.Dispose();
}
