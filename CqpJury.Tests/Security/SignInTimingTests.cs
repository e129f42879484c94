using System.Diagnostics;
using CqpJury.Tests.TestSupport;
using Xunit.Abstractions;

namespace CqpJury.Tests.Security;

/// <summary>Issue 23 point 4: a wrong password for a known account and any password for an unknown address take the same time.</summary>
public sealed class SignInTimingTests(ITestOutputHelper output) : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new() { PasswordIterations = null }; // the hashing's cost is what equalises the answers

    [Fact]
    public async Task The_answer_times_of_a_known_and_an_unknown_address_are_within_20_percent_of_each_other()
    {
        _factory.Settings["RateLimits:SignIn:PerAccount"] = "1000";
        _factory.Settings["RateLimits:SignIn:PerAddress"] = "1000";
        var (email, _) = await _factory.CreateSecretariatAsync();
        using var client = _factory.CreateBrowserLikeClient();
        var known = new List<double>();
        var unknown = new List<double>();
        var ratios = new List<double>();
        for (var i = 0; i < 42; i++)
        {
            // In pairs, one right after the other and each first in turn, so that the machine's load (the other tests
            // run in parallel) weighs on both alike; the first two pairs are warm-up.
            double k, u;
            if (i % 2 == 0)
            {
                k = await TimeAsync(client, email);
                u = await TimeAsync(client, $"personne{i}@test.fr");
            }
            else
            {
                u = await TimeAsync(client, $"personne{i}@test.fr");
                k = await TimeAsync(client, email);
            }

            if (i >= 2)
            {
                known.Add(k);
                unknown.Add(u);
                ratios.Add(u / k);
            }
        }

        var ratio = Median(ratios);
        output.WriteLine($"median known {Median(known):0.0} ms, unknown {Median(unknown):0.0} ms, median ratio of the pairs {ratio:0.00}");
        Assert.InRange(ratio, 0.8, 1.2);
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
