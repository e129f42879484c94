using System.Net;
using System.Text;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Members;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Members;

public sealed class InvitationTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task Accepted_invitation_creates_an_account_the_member_signs_in_with_through_the_real_form()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var memberId = await _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput("Léa", "Durand", Seat.TradeExpert, "lea.durand@exemple.fr"));
        var link = await _factory.InviteAsync(secretariat, memberId);
        using var client = _factory.CreateBrowserLikeClient();

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/invitation/{link.Token}", UriKind.Relative)));
        Assert.Contains("Bienvenue, Léa Durand", page, StringComparison.Ordinal);
        Assert.Contains("Expert métier", page, StringComparison.Ordinal);
        Assert.Contains(InvitationService.PasswordRule, page, StringComparison.Ordinal);

        var accepted = await client.PostInvitationAsync(link.Token, MemberTestSupport.StrongPassword, MemberTestSupport.StrongPassword);
        Assert.True(accepted.IsRedirect(), $"Expected a redirect, got {(int)accepted.StatusCode}");
        Assert.Equal("/connexion?invitation=ok", accepted.Headers.Location?.PathAndQuery());

        var signedIn = await client.SignInAsync("lea.durand@exemple.fr", MemberTestSupport.StrongPassword);
        Assert.True(signedIn.IsRedirect(), $"Sign-in should redirect, got {(int)signedIn.StatusCode}");
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("CqpJury.Auth=", StringComparison.Ordinal));

        var actor = await _factory.AsUserAsync("lea.durand@exemple.fr", sp => sp.GetRequiredService<ActorResolver>().RequireAsync("test"));
        Assert.Equal(memberId, actor.JuryMemberId);
        Assert.False(actor.IsSecretariat);
        await _factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByEmailAsync("lea.durand@exemple.fr");
            Assert.NotNull(user);
            Assert.True(await users.IsInRoleAsync(user, Roles.JuryMember));
            Assert.Equal("Léa Durand", user.DisplayName);
            return true;
        });
    }

    [Fact]
    public async Task Link_used_twice_is_refused_and_no_second_account_is_created()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var memberId = await _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput());
        var link = await _factory.InviteAsync(secretariat, memberId);
        await _factory.AcceptAsync(link.Token, MemberTestSupport.StrongPassword);

        var ex = await Assert.ThrowsAsync<UserFacingException>(() => _factory.AcceptAsync(link.Token, "Autre-Mot-De-Passe-9"));
        Assert.Equal("Ce lien d'invitation a déjà été utilisé.", ex.Message);

        using var client = _factory.CreateBrowserLikeClient();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/invitation/{link.Token}", UriKind.Relative)));
        Assert.Contains("Ce lien d'invitation a déjà été utilisé.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Confirmation du mot de passe", html, StringComparison.Ordinal);

        await _factory.WithDbAsync(async db =>
        {
            Assert.Equal(1, await db.Users.CountAsync(u => u.JuryMemberId == memberId));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "Invitation acceptée : compte créé"));
        });

        // The first password still works; the second attempt changed nothing.
        using var browser = _factory.CreateBrowserLikeClient();
        Assert.True((await browser.SignInAsync("lea.durand@exemple.fr", MemberTestSupport.StrongPassword)).IsRedirect());
    }

    [Fact]
    public async Task Expired_link_is_refused_and_creates_no_account()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var memberId = await _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput());
        var link = await _factory.InviteAsync(secretariat, memberId);
        Assert.Equal(_factory.Clock.GetUtcNow().AddHours(72), link.ExpiresAt);

        _factory.Clock.Advance(TimeSpan.FromHours(73));

        var ex = await Assert.ThrowsAsync<UserFacingException>(() => _factory.AcceptAsync(link.Token, MemberTestSupport.StrongPassword));
        Assert.Equal("Ce lien d'invitation a expiré : demandez-en un nouveau au secrétariat de la CPEF.", ex.Message);
        using var client = _factory.CreateBrowserLikeClient();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/invitation/{link.Token}", UriKind.Relative)));
        Assert.Contains("Ce lien d'invitation a expiré", html, StringComparison.Ordinal);
        await _factory.WithDbAsync(async db => Assert.False(await db.Users.AnyAsync(u => u.JuryMemberId == memberId)));
    }

    [Fact]
    public async Task Link_is_still_valid_just_before_its_validity_ends()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var memberId = await _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput());
        var link = await _factory.InviteAsync(secretariat, memberId);

        _factory.Clock.Advance(TimeSpan.FromHours(71));
        await _factory.AcceptAsync(link.Token, MemberTestSupport.StrongPassword);

        await _factory.WithDbAsync(async db => Assert.True(await db.Users.AnyAsync(u => u.JuryMemberId == memberId)));
    }

    [Fact]
    public async Task Token_has_at_least_128_bits_and_only_its_hash_is_stored()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var memberId = await _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput());
        var link = await _factory.InviteAsync(secretariat, memberId);

        var bytes = Convert.FromBase64String(link.Token.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (link.Token.Length % 4)) % 4));
        Assert.True(bytes.Length * 8 >= 128, $"Token has {bytes.Length * 8} bits");

        await _factory.WithDbAsync(async db =>
        {
            var invitation = await db.Invitations.SingleAsync(i => i.JuryMemberId == memberId);
            Assert.Equal(PasswordGenerator.Hash(link.Token), invitation.TokenHash);
            Assert.NotEqual(link.Token, invitation.TokenHash);
            var auditTexts = await db.AuditEntries.Select(a => a.Action + " " + a.Details).ToListAsync();
            Assert.DoesNotContain(auditTexts, t => t.Contains(link.Token, StringComparison.Ordinal));
        });

        // No byte sequence of the token anywhere in what the database engine stored.
        var needle = Encoding.UTF8.GetBytes(link.Token);
        var stored = await TestDatabase.Current.ReadRawContentAsync(_factory.DataRoot);
        Assert.NotEmpty(stored);
        Assert.True(stored.AsSpan().IndexOf(needle) < 0, "The token is stored in the database");
    }

    [Fact]
    public async Task A_new_invitation_expires_the_earlier_unused_one()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var memberId = await _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput());
        var first = await _factory.InviteAsync(secretariat, memberId);
        _factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await _factory.InviteAsync(secretariat, memberId);

        var ex = await Assert.ThrowsAsync<UserFacingException>(() => _factory.AcceptAsync(first.Token, MemberTestSupport.StrongPassword));
        Assert.Contains("a expiré", ex.Message, StringComparison.Ordinal);
        await _factory.AcceptAsync(second.Token, MemberTestSupport.StrongPassword);
    }

    [Fact]
    public async Task Mismatched_or_weak_passwords_are_refused_in_French_and_the_link_stays_usable()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var memberId = await _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput());
        var link = await _factory.InviteAsync(secretariat, memberId);

        var mismatch = await Assert.ThrowsAsync<InputValidationException>(() =>
            _factory.AcceptAsync(link.Token, MemberTestSupport.StrongPassword, "Jury-Paritaire-2027"));
        Assert.Contains(mismatch.Errors, e => e.Field == "ConfirmPassword" && e.Message == "Les deux mots de passe ne sont pas identiques.");

        var weak = await Assert.ThrowsAsync<InputValidationException>(() => _factory.AcceptAsync(link.Token, "court"));
        Assert.Contains(weak.Errors, e => e.Message == "Le mot de passe doit comporter au moins 12 caractères.");
        Assert.DoesNotContain(weak.Errors, e => e.Message.Contains("majuscule", StringComparison.Ordinal) || e.Message.Contains("chiffre", StringComparison.Ordinal));

        using var client = _factory.CreateBrowserLikeClient();
        var response = await client.PostInvitationAsync(link.Token, "court", "court");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Le mot de passe doit comporter au moins 12 caractères.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"court\"", html, StringComparison.Ordinal);

        await _factory.WithDbAsync(async db =>
        {
            Assert.False(await db.Users.AnyAsync(u => u.JuryMemberId == memberId));
            Assert.Null((await db.Invitations.SingleAsync(i => i.JuryMemberId == memberId)).UsedAt);
        });
        await _factory.AcceptAsync(link.Token, MemberTestSupport.StrongPassword);
    }

    [Fact]
    public async Task Unknown_link_is_refused_in_French()
    {
        using var client = _factory.CreateBrowserLikeClient();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/invitation/{PasswordGenerator.NewToken()}", UriKind.Relative)));
        Assert.Contains("Ce lien d'invitation n'est pas valide.", html, StringComparison.Ordinal);
        var ex = await Assert.ThrowsAsync<UserFacingException>(() => _factory.AcceptAsync("inconnu", MemberTestSupport.StrongPassword));
        Assert.Equal("Ce lien d'invitation n'est pas valide.", ex.Message);
    }

    [Fact]
    public async Task Invitation_of_a_member_who_has_an_account_resets_the_password()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var (memberId, email, oldPassword) = await _factory.CreateMemberWithAccountAsync("Paul", "Martin", Seat.EmployerRepresentative);
        var link = await _factory.InviteAsync(secretariat, memberId);

        await _factory.AcceptAsync(link.Token, MemberTestSupport.StrongPassword);

        using var client = _factory.CreateBrowserLikeClient();
        Assert.False((await client.SignInAsync(email, oldPassword)).IsRedirect());
        Assert.True((await client.SignInAsync(email, MemberTestSupport.StrongPassword)).IsRedirect());
        await _factory.WithDbAsync(async db => Assert.Equal(1, await db.Users.CountAsync(u => u.JuryMemberId == memberId)));
    }

    [Fact]
    public async Task Link_of_a_deactivated_member_is_refused()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var memberId = await _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput());
        var link = await _factory.InviteAsync(secretariat, memberId);
        await _factory.DeactivateAsync(secretariat, memberId);

        var ex = await Assert.ThrowsAsync<UserFacingException>(() => _factory.AcceptAsync(link.Token, MemberTestSupport.StrongPassword));
        Assert.Equal("Ce compte a été désactivé.", ex.Message);
        var refused = await Assert.ThrowsAsync<UserFacingException>(() => _factory.InviteAsync(secretariat, memberId));
        Assert.Contains("désactivé", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validity_comes_from_configuration()
    {
        _factory.Settings["Invitations:ValidityHours"] = "24";
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var memberId = await _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput());

        var link = await _factory.InviteAsync(secretariat, memberId);

        Assert.Equal(_factory.Clock.GetUtcNow().AddHours(24), link.ExpiresAt);
        Assert.Equal("Transmettez ce lien au membre : il est valable 24 heures et ne peut servir qu'une fois.", link.Instructions);
        Assert.Equal($"http://localhost/invitation/{link.Token}", link.Url("http://localhost/"));
    }

    public void Dispose() => _factory.Dispose();
}
