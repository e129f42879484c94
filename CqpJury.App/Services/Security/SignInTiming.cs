using CqpJury.App.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CqpJury.App.Services.Security;

/// <summary>
/// No user enumeration by timing (issue 23, ASVS V6.3.x): a sign-in with an unknown address does the same
/// password-hash work as one with a known address (Identity's PBKDF2 check against a hash made once at
/// start with the same hasher and settings), so that the two answers take the same time. A singleton: the
/// decoy hash is made once (Identity's own hasher is scoped; this one has the same options).
/// </summary>
public sealed class SignInTiming
{
    private readonly PasswordHasher<AppUser> _hasher;
    private readonly string _decoyHash;

    public SignInTiming(IOptions<PasswordHasherOptions> options)
    {
        _hasher = new PasswordHasher<AppUser>(options);
        _decoyHash = _hasher.HashPassword(new AppUser { DisplayName = string.Empty }, PasswordGenerator.NewPassword());
    }

    /// <summary>Verifies <paramref name="password"/> against the decoy hash (always a failure), for the time it takes.</summary>
    public void SpendAsMuchAsAPasswordCheck(string? password) =>
        _ = _hasher.VerifyHashedPassword(new AppUser { DisplayName = string.Empty }, _decoyHash, password ?? string.Empty);
}
