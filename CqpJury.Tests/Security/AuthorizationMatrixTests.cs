using System.Net;
using System.Reflection;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Members;
using CqpJury.Domain.Juries;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CqpJury.Tests.Security;

/// <summary>
/// Issue 23 point 6: every page and endpoint found by reflection × six roles, on one app (the demo data):
/// each cell asked over HTTP as that role's browser would, the answer checked against <see cref="AuthorizationMatrix"/>.
/// </summary>
[Collection(SecurityDemoAppGroup.Name)]
public sealed class AuthorizationMatrixTests(SecurityDemoApp app, ITestOutputHelper output)
{
    private readonly CqpJuryAppFactory _factory = app.Factory;

    [Fact]
    public void Every_page_and_endpoint_has_a_row()
    {
        var found = DiscoveredRoutes();
        var rows = AuthorizationMatrix.Rows.Select(r => r.Route).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = found.Where(r => !rows.Contains(r)).ToList();
        var stale = rows.Where(r => !found.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();

        Assert.True(missing.Count == 0,
            $"These pages or endpoints have no row in CqpJury.Tests/Security/AuthorizationMatrix.cs (say what each of the six roles gets): {string.Join(", ", missing)}");
        Assert.True(stale.Count == 0, $"These rows of AuthorizationMatrix.cs name no page or endpoint any more: {string.Join(", ", stale)}");
    }

    [Fact]
    public async Task Each_role_gets_what_the_matrix_says_on_every_page_and_endpoint()
    {
        var scenario = app.Scenario;
        var other = app.OtherSessionMember;
        var gone = app.DeactivatedMember;
        var documentId = app.FontaineDocumentId;
        var candidateId = Guid.Empty;
        await _factory.WithDbAsync(async db => candidateId = await db.Dossiers.Where(d => d.Id == scenario.Dossier("Fontaine")).Select(d => d.CandidateId).SingleAsync());
        var ids = new MatrixIds(scenario.SessionId, scenario.Dossier("Fontaine"), documentId, scenario.Member(RoomScenario.Helene), candidateId);

        var clients = new Dictionary<MatrixRole, HttpClient>
        {
            [MatrixRole.Anonymous] = _factory.CreateBrowserLikeClient(),
            [MatrixRole.Secretariat] = await SignedInAsync(scenario.SecretariatEmail, scenario.Passwords[scenario.SecretariatEmail]),
            [MatrixRole.ConvenedMember] = await SignedInAsync(scenario.Email(RoomScenario.Amandine), scenario.Password(RoomScenario.Amandine)),
            [MatrixRole.OtherSessionMember] = await SignedInAsync(other.Email, other.Password),
            [MatrixRole.ConflictedMember] = await SignedInAsync(scenario.Email(RoomScenario.Helene), scenario.Password(RoomScenario.Helene)),
            [MatrixRole.DeactivatedMember] = await SignedInAsync(gone.Email, gone.Password),
        };

        // Deactivated after signing in: the cookie it kept is what it would replay.
        await _factory.AsUserAsync(scenario.SecretariatEmail, sp => sp.GetRequiredService<JuryMemberService>().DeactivateAsync(gone.MemberId));

        var wrong = new List<string>();
        var cells = 0;
        foreach (var row in AuthorizationMatrix.Rows)
        {
            foreach (var (role, client) in clients)
            {
                cells++;
                var url = row.Url(ids);
                using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
                var got = await ClassifyAsync(response);
                if (row.For(role) == Access.RefusedInCircuit && got == Access.Ok && await RefusedInCircuitAsync(role, ids))
                {
                    got = Access.RefusedInCircuit;
                }

                if (got != row.For(role))
                {
                    wrong.Add($"{row.Route} as {role}: expected {row.For(role)}, got {got} ({(int)response.StatusCode} {response.Headers.Location})");
                }
            }
        }

        output.WriteLine($"{cells} cells ({AuthorizationMatrix.Rows.Length} pages and endpoints × {clients.Count} roles)");
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    /// <summary>The room's circuit, as that role's account: entering is refused.</summary>
    private async Task<bool> RefusedInCircuitAsync(MatrixRole role, MatrixIds ids)
    {
        var email = role switch
        {
            MatrixRole.OtherSessionMember => app.OtherSessionMember.Email,
            MatrixRole.ConflictedMember => app.Scenario.Email(RoomScenario.Helene),
            MatrixRole.ConvenedMember => app.Scenario.Email(RoomScenario.Amandine),
            _ => app.Scenario.SecretariatEmail,
        };
        try
        {
            await _factory.AsUserAsync(email, sp => sp.GetRequiredService<App.Services.Room.RoomService>().EnterAsync(ids.SessionId));
            return false;
        }
        catch (App.Services.AccessDeniedException)
        {
            return true;
        }
    }

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = _factory.CreateBrowserLikeClient();
        using var response = await client.SignInAsync(email, password);
        Assert.True(response.IsRedirect(), $"{email} could not sign in");
        return client;
    }

    private static async Task<Access> ClassifyAsync(HttpResponseMessage response)
    {
        if (response.IsRedirect())
        {
            return response.Headers.Location?.OriginalString.Contains("/connexion", StringComparison.Ordinal) == true ? Access.SignIn : Access.Refused;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            return Access.Refused;
        }

        var text = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        // The refusal's own words (the AccessDenied component); a journal page listing earlier refusals is not one.
        return text.Contains("Accès refusé : vous n'avez pas les droits nécessaires pour cette page", StringComparison.Ordinal)
            ? Access.Refused
            : Access.Ok;
    }

    /// <summary>Every page (@page of a component) and every endpoint the app maps (static files and the framework's own excepted).</summary>
    private List<string> DiscoveredRoutes()
    {
        var pages = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<Microsoft.AspNetCore.Components.RouteAttribute>())
            .Select(a => a.Template);
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal)))
            .Select(e => "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'))
            .Where(p => !p.StartsWith("/_", StringComparison.Ordinal) && !p.Contains(":file}", StringComparison.Ordinal)); // the static files' fallback
        return pages.Concat(endpoints).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }

}
