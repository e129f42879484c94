using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Members;
using CqpJury.App.Services.Organisations;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Members;

public sealed class JuryMemberServiceTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task Empty_form_lists_every_missing_field_in_French_and_saves_nothing()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();

        var ex = await Assert.ThrowsAsync<InputValidationException>(() => _factory.CreateMemberAsync(secretariat, new JuryMemberInput()));

        Assert.Contains(ex.Errors, e => e.Field == "FirstName" && e.Message == "Indiquez le prénom.");
        Assert.Contains(ex.Errors, e => e.Field == "LastName" && e.Message == "Indiquez le nom.");
        Assert.Contains(ex.Errors, e => e.Field == "Email" && e.Message.StartsWith("Indiquez l'adresse électronique", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Field == "Seat" && e.Message.StartsWith("Choisissez le siège", StringComparison.Ordinal));
        await _factory.WithDbAsync(async db => Assert.Equal(0, await db.JuryMembers.CountAsync()));
    }

    [Fact]
    public async Task Invalid_or_already_used_email_is_refused()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        await _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput("Léa", "Durand", email: "lea.durand@exemple.fr"));

        var invalid = await Assert.ThrowsAsync<InputValidationException>(() =>
            _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput("Jean", "Petit", email: "jean.petit@")));
        Assert.Contains(invalid.Errors, e => e.Field == "Email" && e.Message == "Cette adresse électronique n'est pas valide.");

        var duplicate = await Assert.ThrowsAsync<InputValidationException>(() =>
            _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput("Léa", "Autre", email: " Lea.Durand@Exemple.fr ")));
        Assert.Contains(duplicate.Errors, e => e.Field == "Email" && e.Message == "Un autre membre du jury a déjà cette adresse électronique.");

        var secretariatAddress = await Assert.ThrowsAsync<InputValidationException>(() =>
            _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput("Sam", "Sec", email: secretariat)));
        Assert.Contains(secretariatAddress.Errors, e => e.Message == "Un compte existe déjà pour cette adresse électronique.");
        await _factory.WithDbAsync(async db => Assert.Equal(1, await db.JuryMembers.CountAsync()));
    }

    [Fact]
    public async Task List_shows_seat_organisation_and_account_status_in_French()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var organisationId = await _factory.AsUserAsync(secretariat, sp => sp.GetRequiredService<OrganisationService>().CreateAsync(
            new OrganisationInput { Name = "Formations Horizon", Kind = OrganisationKind.Employer }));
        var toInvite = MemberTestSupport.MemberInput("Alice", "Bernard", Seat.EmployeeRepresentative);
        toInvite.OrganisationName = null;
        toInvite.OrganisationId = organisationId;
        var invited = await _factory.CreateMemberAsync(secretariat, toInvite);
        var waiting = await _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput("Chloé", "Caron", Seat.EmployerRepresentative));
        var deactivated = await _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput("Denis", "Dupont", Seat.TradeExpert));
        var (active, _, _) = await _factory.CreateMemberWithAccountAsync("Emma", "Ernest", Seat.TradeExpert);
        await _factory.InviteAsync(secretariat, invited);
        await _factory.DeactivateAsync(secretariat, deactivated);

        var rows = await _factory.AsUserAsync(secretariat, sp => sp.GetRequiredService<JuryMemberService>().ListAsync());

        Assert.Equal(["Bernard", "Caron", "Dupont", "Ernest"], rows.Select(r => r.LastName));
        var alice = rows.Single(r => r.Id == invited);
        Assert.Equal("Collège salariés", alice.SeatText);
        Assert.Equal("Formations Horizon", alice.Organisation);
        Assert.Equal(MemberAccountStatus.InvitationSent, alice.Status);
        Assert.Equal("Invitation envoyée (expire le 30/11/2026 à 10:00)", alice.StatusText); // 09:00 UTC, shown in Paris time
        Assert.Equal("Invitation à envoyer", rows.Single(r => r.Id == waiting).StatusText);
        Assert.Equal("Désactivé", rows.Single(r => r.Id == deactivated).StatusText);
        Assert.Equal("Compte actif", rows.Single(r => r.Id == active).StatusText);
    }

    [Fact]
    public async Task Changing_the_email_of_a_member_with_an_account_changes_the_sign_in_address()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var (memberId, _, password) = await _factory.CreateMemberWithAccountAsync("Paul", "Martin", Seat.EmployerRepresentative);
        var input = await _factory.AsUserAsync(secretariat, async sp => (await sp.GetRequiredService<JuryMemberService>().GetAsync(memberId)).Input);
        input.Email = "paul.martin@nouvelle-adresse.fr";
        input.LastName = "Martin-Leroy";

        await _factory.AsUserAsync(secretariat, sp => sp.GetRequiredService<JuryMemberService>().UpdateAsync(memberId, input));

        using var client = _factory.CreateBrowserLikeClient();
        Assert.True((await client.SignInAsync("paul.martin@nouvelle-adresse.fr", password)).IsRedirect());
        await _factory.WithDbAsync(async db => Assert.Equal("Paul Martin-Leroy", (await db.Users.SingleAsync(u => u.JuryMemberId == memberId)).DisplayName));
    }

    [Fact]
    public async Task Known_links_are_added_listed_refused_twice_and_removed()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var memberId = await _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput());
        var organisationId = await _factory.AsUserAsync(secretariat, sp => sp.GetRequiredService<OrganisationService>().CreateAsync(
            new OrganisationInput { Name = "Institut Méridien", Kind = OrganisationKind.TrainingOrganisation }));
        var members = (Func<IServiceProvider, JuryMemberService>)(sp => sp.GetRequiredService<JuryMemberService>());

        await _factory.AsUserAsync(secretariat, sp => members(sp).AddLinkAsync(memberId, new MemberLinkInput { OrganisationId = organisationId, Description = "Administratrice" }));
        var duplicate = await Assert.ThrowsAsync<InputValidationException>(() => _factory.AsUserAsync(secretariat, sp =>
            members(sp).AddLinkAsync(memberId, new MemberLinkInput { OrganisationId = organisationId, Description = "Cliente" })));
        Assert.Contains(duplicate.Errors, e => e.Message == "Un lien avec cette organisation est déjà enregistré pour ce membre.");
        var empty = await Assert.ThrowsAsync<InputValidationException>(() => _factory.AsUserAsync(secretariat, sp =>
            members(sp).AddLinkAsync(memberId, new MemberLinkInput())));
        Assert.Equal(["OrganisationId", "Description"], empty.Errors.Select(e => e.Field));

        var details = await _factory.AsUserAsync(secretariat, sp => members(sp).GetAsync(memberId));
        var link = Assert.Single(details.Links);
        Assert.Equal("Institut Méridien", link.OrganisationName);
        Assert.Equal("Administratrice", link.Description);

        await _factory.AsUserAsync(secretariat, sp => members(sp).RemoveLinkAsync(memberId, link.Id));
        Assert.Empty((await _factory.AsUserAsync(secretariat, sp => members(sp).GetAsync(memberId))).Links);
    }

    [Fact]
    public async Task Jury_member_is_refused_every_secretariat_action_on_members()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var target = await _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput("Chloé", "Caron"));
        var (_, email, _) = await _factory.CreateMemberWithAccountAsync("Paul", "Martin", Seat.EmployerRepresentative);

        await _factory.AsUserAsync(email, async sp =>
        {
            var members = sp.GetRequiredService<JuryMemberService>();
            var invitations = sp.GetRequiredService<InvitationService>();
            await Assert.ThrowsAsync<AccessDeniedException>(() => members.ListAsync());
            await Assert.ThrowsAsync<AccessDeniedException>(() => members.GetAsync(target));
            await Assert.ThrowsAsync<AccessDeniedException>(() => members.CreateAsync(MemberTestSupport.MemberInput("X", "Y")));
            await Assert.ThrowsAsync<AccessDeniedException>(() => members.DeactivateAsync(target));
            var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => invitations.CreateAsync(target));
            Assert.Equal("Cette action est réservée au secrétariat de la CPEF.", ex.Message);
        });
        await _factory.WithDbAsync(async db =>
        {
            Assert.True((await db.JuryMembers.SingleAsync(m => m.Id == target)).IsActive);
            Assert.False(await db.Invitations.AnyAsync());
        });
    }

    [Fact]
    public async Task Anonymous_visitor_of_the_members_page_is_sent_to_sign_in()
    {
        using var client = _factory.CreateBrowserLikeClient();

        var response = await client.GetAsync(new Uri("/secretariat/membres", UriKind.Relative));

        Assert.True(response.IsRedirect(), $"Expected a redirect, got {(int)response.StatusCode}");
        Assert.StartsWith("/connexion", response.Headers.Location?.PathAndQuery(), StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();
}

internal static class UriTestExtensions
{
    /// <summary>The path and query of an absolute or relative Location header.</summary>
    public static string PathAndQuery(this Uri uri) =>
        uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
