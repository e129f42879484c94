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
        if (await users.CheckPasswordAsync(user, password))
        {
            return true;
        }

        limiter.RecordFailure(LimitedAction.SigningPassword, address, user.Id);
        return false;
    }
}
