using CqpJury.App.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace CqpJury.App.Services.Security;

/// <summary>
/// The password a chair re-enters to sign a decision (R14), checked with a limit on wrong passwords per
/// account and per client address (issue 23: <see cref="LimitedAction.SigningPassword"/>). Right passwords
/// never count: a president signing every decision of a long session never meets the limit.
/// </summary>
public sealed class SigningPasswordCheck(UserManager<AppUser> users, AttemptLimiter limiter, ClientAddress client)
{
    /// <summary>True for the right password; false for a wrong one (counted); <see cref="RateLimitedException"/> while over the limit.</summary>
    public async Task<bool> CheckAsync(AppUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var address = client.Value;
        limiter.EnsureNotBlocked(LimitedAction.SigningPassword, address, user.Id);
        // Not UserManager.CheckPasswordAsync: on a hash made with older settings (fewer PBKDF2 iterations than the app's
        // now, as after a framework upgrade) it hashes the password again and renews the account's security stamp, and
        // the room refuses every action of a page whose stamp is no longer the account's — the president would be
        // signed out by their own signature. The hash is brought up to date at the next sign-in instead.
        if (user.PasswordHash is { } hash && users.PasswordHasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed)
        {
            return true;
        }

        limiter.RecordFailure(LimitedAction.SigningPassword, address, user.Id);
        return false;
    }
}
