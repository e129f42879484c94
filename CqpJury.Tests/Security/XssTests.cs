using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using System.Net;
using System.Text.Json.Nodes;
using CqpJury.App.Components.Pages.Room;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.Services.Dossiers;
using CqpJury.Domain.Dossiers;
using CqpJury.Tests.OfficialDocuments.Pdf;
using CqpJury.Tests.Integration.Dossiers;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CqpJury.Tests.Security;

/// <summary>
/// Issue 23 point 6: script payloads typed in the dossier form or brought by an import are shown as text —
/// escaped in the secretariat's pages and in the room's HTML, verbatim in the PDFs' text — never run.
/// </summary>
[Collection(SecurityDemoAppGroup.Name)]
public sealed class XssTests(SecurityDemoApp app)
{
    public static readonly string[] Payloads =
    [
        "<script>alert('xss')</script>",
        "\"><img src=x onerror=alert(1)>",
        "</textarea><svg onload=alert(1)>",
        "javascript:alert(1)//<b>gras</b>",
    ];

    [Fact]
    public async Task Payloads_typed_in_the_dossier_form_are_escaped_in_the_secretariat_pages()
    {
        var factory = app.Factory;
        var email = app.Scenario.SecretariatEmail;
        var (sp, ea) = await DossierTestData.AddEvaluatorsAsync(factory);
        var created = await factory.AsUserAsync(email, s => s.GetRequiredService<DossierService>().CreateAsync(new NewDossierInput
        {
            CandidateLastName = "Xss" + Payloads[1],
            CandidateFirstName = "Prénom" + Payloads[0],
            CertificateCode = "CQP-AF",
            Route = Route.SkillsDevelopment,
            SectorProfessionalId = sp.Id,
            ExternalAssessorId = ea.Id,
            EvaluationDate = new DateOnly(2026, 10, 15),
            SignedBySectorProfessional = true,
            CandidateObservations = string.Join(" ", Payloads),
        }));

        using var client = await SecretariatAsync();
        await AssertEscapedAsync(client, "/secretariat/dossiers", Payloads[1]);
        await AssertEscapedAsync(client, $"/secretariat/dossiers/{created.Id}", Payloads[0], Payloads[1]);
    }

    [Fact]
    public async Task Payloads_brought_by_an_import_are_escaped_in_the_secretariat_pages()
    {
        var factory = app.Factory;
        var email = app.Scenario.SecretariatEmail;
        await DossierTestData.AddEvaluatorsAsync(factory);
        var json = JsonNode.Parse(await File.ReadAllTextAsync(DossierTestData.DocsFile("dossier-import.example.json")))!;
        var first = json["dossiers"]![0]!;
        first["candidate"]!["lastName"] = "Import" + Payloads[2];
        first["candidate"]!["firstName"] = "Prénom" + Payloads[3];
        first["employer"]!["name"] = "Entreprise " + Payloads[0];
        first["candidateObservations"] = string.Join(" ", Payloads);
        first["evaluations"]![0]!["elements"]![0]!["label"] = "Élément " + Payloads[1];

        var result = await factory.AsUserAsync(email, s => s.GetRequiredService<DossierImportService>().ImportAsync(json.ToJsonString()));
        var imported = result.Dossiers[0];

        using var client = await SecretariatAsync();
        await AssertEscapedAsync(client, "/secretariat/dossiers", Payloads[2]);
        await AssertEscapedAsync(client, $"/secretariat/dossiers/{imported.Id}", Payloads[2], Payloads[0]);
        await AssertEscapedAsync(client, "/secretariat/organisations", Payloads[0]);
    }

    [Fact]
    public async Task Payloads_in_an_agenda_dossier_are_escaped_in_the_room_HTML()
    {
        var scenario = app.Scenario;
        await app.Factory.WithDbAsync(async db =>
        {
            var dossier = await db.Dossiers.Include(d => d.Candidate).Include(d => d.Evaluations).ThenInclude(e => e.Elements)
                .SingleAsync(d => d.Id == scenario.Dossier("Leroy"));
            dossier.CandidateObservations = string.Join(" ", Payloads);
            dossier.Evaluations.SelectMany(e => e.Elements).First().Label = "Élément " + Payloads[1];
            await db.SaveChangesAsync();
        });

        // The dossier content as the room's component renders it for a member's circuit.
        var view = await scenario.DossierAsync(RoomScenario.Amandine, "Leroy");
        Assert.NotNull(view.Content);
        await using var renderer = new HtmlRenderer(app.Factory.Services, app.Factory.Services.GetRequiredService<ILoggerFactory>());
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<DossierContentView>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(DossierContentView.Content)] = view.Content }));
            return output.ToHtmlString();
        });
        AssertEscapedHtml(html, "room dossier content", Payloads);

        // And the room page itself, pre-rendered for the member.
        using var member = app.Factory.CreateBrowserLikeClient();
        await member.SignInAsync(scenario.Email(RoomScenario.Amandine), scenario.Password(RoomScenario.Amandine));
        using var room = await member.GetAsync(new Uri($"/sessions/{scenario.SessionId}", UriKind.Relative));
        AssertEscapedHtml(await room.Content.ReadAsStringAsync(), "room page");
    }

    [Fact]
    public void Payloads_are_printed_verbatim_as_text_in_the_PDFs()
    {
        var sheet = DocumentSamples.PartialSheet(comments: Payloads[0], answer: Payloads[1]) with { CandidateName = "Nom " + Payloads[2] };

        var text = PdfText.Normalize(PdfText.Read(PdfDocuments.DecisionSheet(sheet)).All);

        Assert.Contains(PdfText.Normalize(Payloads[0]), text, StringComparison.Ordinal);
        Assert.Contains(PdfText.Normalize(Payloads[1]), text, StringComparison.Ordinal);
        Assert.Contains(PdfText.Normalize(Payloads[2]), text, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;", text, StringComparison.Ordinal); // not HTML-encoded twice: the PDF shows what was typed
    }

    private async Task<HttpClient> SecretariatAsync()
    {
        var client = app.Factory.CreateBrowserLikeClient();
        var email = app.Scenario.SecretariatEmail;
        await client.SignInAsync(email, app.Scenario.Passwords[email]);
        return client;
    }

    /// <summary>The page shows each payload as text (present once decoded) and holds none of it as markup.</summary>
    private static async Task AssertEscapedAsync(HttpClient client, string url, params string[] shown)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        AssertEscapedHtml(html, url, shown);
    }

    private static void AssertEscapedHtml(string html, string where, params string[] shown)
    {
        foreach (var marker in new[] { "<script>alert", "<img src=x", "<svg onload", "onerror=alert(1)>", "<b>gras</b>" })
        {
            Assert.False(html.Contains(marker, StringComparison.OrdinalIgnoreCase), $"{where}: raw markup « {marker} » in the HTML");
        }

        var text = WebUtility.HtmlDecode(html);
        foreach (var payload in shown)
        {
            // Names may be shown in capitals (« DUPONT Jean »).
            Assert.True(text.Contains(payload, StringComparison.OrdinalIgnoreCase), $"{where}: the payload « {payload} » is not shown as text");
        }
    }
}
