using System.Net;
using CqpJury.App.Services;
using CqpJury.App.Services.Members;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.Members;

public sealed class DeactivationTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task Deactivated_member_cannot_sign_in_and_reads_why_in_French()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var (memberId, email, password) = await _factory.CreateMemberWithAccountAsync("Paul", "Martin", Seat.EmployerRepresentative);

        await _factory.DeactivateAsync(secretariat, memberId);

        using var client = _factory.CreateBrowserLikeClient();
        var response = await client.SignInAsync(email, password);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.False(response.IsRedirect());
        Assert.Contains("Ce compte est désactivé", html, StringComparison.Ordinal);
        await _factory.WithDbAsync(async db =>
        {
            Assert.False((await db.JuryMembers.SingleAsync(m => m.Id == memberId)).IsActive);
            Assert.False((await db.Users.SingleAsync(u => u.JuryMemberId == memberId)).IsActive);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Désactivation d'un membre du jury" && a.Details == "Paul Martin"));
        });
    }

    [Fact]
    public async Task Deactivation_ends_an_existing_sign_in_cookie_at_once()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var (memberId, email, password) = await _factory.CreateMemberWithAccountAsync("Paul", "Martin", Seat.EmployerRepresentative);
        using var client = _factory.CreateBrowserLikeClient();
        Assert.True((await client.SignInAsync(email, password)).IsRedirect());
        _factory.Clock.Advance(TimeSpan.FromSeconds(1)); // the stamp is checked on every request, once any time has passed
        var before = await client.GetAsync(new Uri("/secretariat/membres", UriKind.Relative));
        Assert.StartsWith("/acces-refuse", before.Headers.Location?.PathAndQuery(), StringComparison.Ordinal); // signed in, not secretariat

        await _factory.DeactivateAsync(secretariat, memberId);
        _factory.Clock.Advance(TimeSpan.FromSeconds(1));

        var after = await client.GetAsync(new Uri("/secretariat/membres", UriKind.Relative));
        Assert.True(after.IsRedirect(), $"Expected a redirect to sign in, got {(int)after.StatusCode}");
        Assert.StartsWith("/connexion", after.Headers.Location?.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deactivation_refuses_every_action_in_an_already_open_scope()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var (memberId, email, _) = await _factory.CreateMemberWithAccountAsync("Paul", "Martin", Seat.EmployerRepresentative);

        await _factory.AsUserAsync(email, async sp =>
        {
            var resolver = sp.GetRequiredService<ActorResolver>();
            Assert.Equal(memberId, (await resolver.RequireAsync("voter")).JuryMemberId);

            await _factory.DeactivateAsync(secretariat, memberId);

            var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => resolver.RequireAsync("voter"));
            Assert.Contains("désactivé", ex.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Reactivated_member_signs_in_again()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var (memberId, email, password) = await _factory.CreateMemberWithAccountAsync("Paul", "Martin", Seat.EmployerRepresentative);
        await _factory.DeactivateAsync(secretariat, memberId);

        await _factory.AsUserAsync(secretariat, sp => sp.GetRequiredService<JuryMemberService>().ReactivateAsync(memberId));

        using var client = _factory.CreateBrowserLikeClient();
        Assert.True((await client.SignInAsync(email, password)).IsRedirect());
        var status = await _factory.AsUserAsync(secretariat, async sp => (await sp.GetRequiredService<JuryMemberService>().GetAsync(memberId)).Status);
        Assert.Equal(MemberAccountStatus.Active, status);
    }

    [Fact]
    public async Task Member_without_account_can_be_deactivated_and_its_pending_invitation_dies()
    {
        var (secretariat, _) = await _factory.CreateSecretariatAsync();
        var memberId = await _factory.CreateMemberAsync(secretariat, MemberTestSupport.MemberInput());
        await _factory.InviteAsync(secretariat, memberId);

        await _factory.DeactivateAsync(secretariat, memberId);

        await _factory.WithDbAsync(async db =>
        {
            var invitation = await db.Invitations.SingleAsync(i => i.JuryMemberId == memberId);
            Assert.True(invitation.ExpiresAt <= _factory.Clock.GetUtcNow());
        });
        var details = await _factory.AsUserAsync(secretariat, sp => sp.GetRequiredService<JuryMemberService>().GetAsync(memberId));
        Assert.Equal("Désactivé", details.StatusText);
        var again = await Assert.ThrowsAsync<UserFacingException>(() => _factory.DeactivateAsync(secretariat, memberId));
        Assert.Equal("Ce membre est déjà désactivé.", again.Message);
    }

    public void Dispose() => _factory.Dispose();
}
