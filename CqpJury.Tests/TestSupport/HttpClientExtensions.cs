using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CqpJury.Tests.TestSupport;

/// <summary>Signing in through the real sign-in form (antiforgery token included), with cookies kept.</summary>
public static partial class HttpClientExtensions
{
    public static HttpClient CreateBrowserLikeClient(this CqpJuryAppFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    /// <summary>A browser-like client signed in as <paramref name="email"/> (the sign-in must succeed); the caller disposes it.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this CqpJuryAppFactory factory, string email, string password)
    {
        var client = factory.CreateBrowserLikeClient();
        using var signIn = await client.SignInAsync(email, password);
        Assert.True(signIn.IsRedirect(), $"connexion refusée pour {email} : {(int)signIn.StatusCode}");
        return client;
    }

    /// <summary>Posts the sign-in form; returns the response (302 on success, 200 with an error message otherwise).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = await client.GetStringAsync(new Uri("/connexion", UriKind.Relative));
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(new Uri("/connexion", UriKind.Relative), content);
    }

    public static bool IsRedirect(this HttpResponseMessage response) =>
        response?.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
