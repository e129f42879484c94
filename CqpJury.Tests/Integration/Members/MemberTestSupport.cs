using System.Text.RegularExpressions;
using CqpJury.App.Services.Members;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Members;

/// <summary>Arranging members and invitations as the secretariat, and posting the real invitation form.</summary>
internal static partial class MemberTestSupport
{
    public const string StrongPassword = "Jury-Paritaire-2026";

    public static JuryMemberInput MemberInput(string firstName = "Léa", string lastName = "Durand", Seat seat = Seat.TradeExpert, string? email = null) => new()
    {
        FirstName = firstName,
        LastName = lastName,
        Email = email ?? $"{firstName}.{lastName}@exemple.fr".ToLowerInvariant().Replace('é', 'e'),
        Seat = seat,
        OrganisationName = "Fédération de la formation professionnelle",
    };

    public static Task<Guid> CreateMemberAsync(this CqpJuryAppFactory factory, string secretariatEmail, JuryMemberInput input) =>
        factory.AsUserAsync(secretariatEmail, sp => sp.GetRequiredService<JuryMemberService>().CreateAsync(input));

    public static Task<InvitationLink> InviteAsync(this CqpJuryAppFactory factory, string secretariatEmail, Guid memberId) =>
        factory.AsUserAsync(secretariatEmail, sp => sp.GetRequiredService<InvitationService>().CreateAsync(memberId));

    public static Task DeactivateAsync(this CqpJuryAppFactory factory, string secretariatEmail, Guid memberId) =>
        factory.AsUserAsync(secretariatEmail, sp => sp.GetRequiredService<JuryMemberService>().DeactivateAsync(memberId));

    /// <summary>Accepts through the service, as the page does (anonymous).</summary>
    public static async Task AcceptAsync(this CqpJuryAppFactory factory, string token, string password, string? confirmation = null)
    {
        await factory.AnonymousAsync(sp => sp.GetRequiredService<InvitationService>().AcceptAsync(
            token, new AcceptInvitationInput { Password = password, ConfirmPassword = confirmation ?? password }));
    }

    /// <summary>GET then POST the invitation page's form, antiforgery token included.</summary>
    public static async Task<HttpResponseMessage> PostInvitationAsync(this HttpClient client, string token, string password, string confirmation)
    {
        ArgumentNullException.ThrowIfNull(client);
        var url = new Uri($"/invitation/{token}", UriKind.Relative);
        var form = await client.GetStringAsync(url);
        var antiforgery = AntiforgeryToken().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "invitation",
            ["__RequestVerificationToken"] = antiforgery,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirmation,
        });
        return await client.PostAsync(url, content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
