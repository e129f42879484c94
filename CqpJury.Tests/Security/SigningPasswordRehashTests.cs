using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Security;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CqpJury.Tests.Security;

/// <summary>
/// R14: the president re-enters their password to sign. A password hashed with older settings (fewer PBKDF2
/// iterations than the app's now, as after a framework upgrade) must not end the president's sign-ins: Identity's
/// <c>CheckPasswordAsync</c> hashes such a password again and renews the account's security stamp, and the room
/// refuses every action of a page whose stamp is no longer the account's.
/// </summary>
public sealed class SigningPasswordRehashTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task R14_a_right_password_hashed_with_older_settings_signs_and_keeps_the_presidents_sign_ins()
    {
        var (_, email, password) = await _factory.CreateMemberWithAccountAsync("Olivier", "Garnier", CqpJury.Domain.Juries.Seat.EmployerRepresentative);
        var (_, otherEmail, otherPassword) = await _factory.CreateMemberWithAccountAsync("Sophie", "Martin", CqpJury.Domain.Juries.Seat.EmployeeRepresentative);
        await HashWithOlderSettingsAsync(email, password);
        await HashWithOlderSettingsAsync(otherEmail, otherPassword);

        var (checkedRight, stampBefore, stampAfter, hashKept) = await _factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            var (stamp, hash) = (user.SecurityStamp, user.PasswordHash);
            var right = await sp.GetRequiredService<SigningPasswordCheck>().CheckAsync(user, password);
            var stored = await ReadAsync(email);
            return (right, stamp, stored.SecurityStamp, stored.PasswordHash == hash);
        });

        Assert.True(checkedRight);
        Assert.Equal(stampBefore, stampAfter);
        Assert.True(hashKept, "the signature changed the stored hash (it is brought up to date at the next sign-in)");

        // The premise: Identity's own check, on the same kind of hash, renews the stamp.
        var identityRenewed = await _factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(otherEmail))!;
            var stamp = user.SecurityStamp;
            Assert.True(await users.CheckPasswordAsync(user, otherPassword));
            return (await ReadAsync(otherEmail)).SecurityStamp != stamp;
        });
        Assert.True(identityRenewed, "Identity's CheckPasswordAsync no longer renews the stamp on a rehash: this test's premise changed");
    }

    [Fact]
    public async Task R14_a_wrong_password_hashed_with_older_settings_is_refused()
    {
        var (_, email, password) = await _factory.CreateMemberWithAccountAsync("Olivier", "Garnier", CqpJury.Domain.Juries.Seat.EmployerRepresentative);
        await HashWithOlderSettingsAsync(email, password);

        var right = await _factory.WithScopeAsync(async sp =>
        {
            var user = (await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!;
            return await sp.GetRequiredService<SigningPasswordCheck>().CheckAsync(user, password + "x");
        });

        Assert.False(right);
    }

    /// <summary>Stores the account's password hashed with half the app's PBKDF2 iterations (Identity then asks for a rehash).</summary>
    private async Task HashWithOlderSettingsAsync(string email, string password) =>
        await _factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var current = sp.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount;
            var older = new PasswordHasher<AppUser>(Options.Create(new PasswordHasherOptions { IterationCount = current / 2 }));
            var user = (await users.FindByEmailAsync(email))!;
            user.PasswordHash = older.HashPassword(user, password);
            Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, password));
            Assert.True((await users.UpdateAsync(user)).Succeeded);
            return true;
        });

    /// <summary>The account as stored now (a fresh scope: nothing tracked).</summary>
    private Task<AppUser> ReadAsync(string email) =>
        _factory.WithScopeAsync(async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!);

    public void Dispose() => _factory.Dispose();
}
