using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Members;
using CqpJury.App.Services.Security;
using CqpJury.Tests.Integration.Members;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Security;

/// <summary>Issue 26 point 4: passwords per ASVS V6.2 / NIST SP 800-63B.</summary>
public sealed class PasswordPolicyTests : IDisposable
{
    private static readonly CommonPasswords Common = new();
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public void The_shipped_list_holds_the_top_10000_and_the_French_additions() =>
        Assert.InRange(Common.Count, 10_000, 10_100);

    [Theory]
    [InlineData("password1234")]
    [InlineData("Password123!")]
    [InlineData("azerty123456")]
    [InlineData("Motdepasse2026")]
    [InlineData("soleilsoleil")]
    [InlineData("aaaaaaaaaaaaaaa")]
    [InlineData("123456789012")]
    [InlineData("qwertyuiop123")]
    public void Common_passwords_and_their_usual_variants_are_refused(string password) =>
        Assert.True(Common.IsCommon(password), password);

    [Theory]
    [InlineData("le chat dort sur la terrasse au soleil de midi")]
    [InlineData("Jury-Paritaire-2026")]
    [InlineData("velo rouge tramway lundi")]
    public void Passphrases_are_accepted(string password) =>
        Assert.False(Common.IsCommon(password), password);

    [Fact]
    public async Task A_new_password_needs_12_characters_and_no_composition_a_passphrase_without_digit_is_accepted()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var memberId = await _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput());
        var link = await _factory.InviteAsync(secretariat, memberId);

        var shortOne = await Assert.ThrowsAsync<InputValidationException>(() => _factory.AcceptAsync(link.Token, "Abcdefgh1!"));
        Assert.Contains(shortOne.Errors, e => e.Message == "Le mot de passe doit comporter au moins 12 caractères.");

        var common = await Assert.ThrowsAsync<InputValidationException>(() => _factory.AcceptAsync(link.Token, "Password123!"));
        Assert.Contains(common.Errors, e => e.Message == PasswordPolicy.CommonMessage);

        // 33 characters, no digit, no capital: accepted.
        await _factory.AcceptAsync(link.Token, "une phrase de passe sans chiffres");
        using var client = _factory.CreateBrowserLikeClient();
        Assert.True((await client.SignInAsync(MemberTestSupport.MemberInput().Email!, "une phrase de passe sans chiffres")).IsRedirect());
    }

    [Fact]
    public async Task An_account_whose_password_met_the_old_policy_still_signs_in()
    {
        var (email, _) = await _factory.CreateSecretariatAsync();
        const string OldPassword = "Ancien1pwd"; // 10 characters, the old rule
        await _factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            user.PasswordHash = users.PasswordHasher.HashPassword(user, OldPassword); // as stored before the change
            return await users.UpdateAsync(user);
        });

        using var client = _factory.CreateBrowserLikeClient();
        Assert.True((await client.SignInAsync(email, OldPassword)).IsRedirect());
    }

    [Fact]
    public void The_invitation_page_states_the_rule() =>
        Assert.Equal(PasswordPolicy.Rule, InvitationService.PasswordRule);

    public void Dispose() => _factory.Dispose();
}
