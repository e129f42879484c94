using System.Reflection;
using CqpJury.App.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace CqpJury.App.Services.Security;

/// <summary>
/// The password policy (ASVS V6.2, NIST SP 800-63B; issue 26): at least <see cref="MinimumLength"/>
/// characters, any characters (no composition rule: a long passphrase is the best password), and not a
/// common or breached password (<see cref="CommonPasswordValidator"/>).
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;

    /// <summary>The rule as the pages show it.</summary>
    public const string Rule = "Au moins 12 caractères, sans autre contrainte : une phrase de passe de plusieurs mots est idéale. Les mots de passe trop courants sont refusés.";

    public const string CommonMessage = "Ce mot de passe est trop courant (il figure dans les listes de mots de passe les plus utilisés ou dérobés) : choisissez-en un autre, par exemple une phrase de plusieurs mots.";
}

/// <summary>The common passwords shipped with the app (CommonPasswords/README.md), lower-cased, loaded once.</summary>
public sealed class CommonPasswords
{
    private static readonly string[] Sequences =
    [
        string.Concat(Enumerable.Repeat("0123456789", 4)),
        string.Concat(Enumerable.Repeat("9876543210", 4)),
        "abcdefghijklmnopqrstuvwxyz",
        "zyxwvutsrqponmlkjihgfedcba",
    ];

    private readonly HashSet<string> _passwords;

    public CommonPasswords()
    {
        _passwords = new HashSet<string>(StringComparer.Ordinal);
        var assembly = typeof(CommonPasswords).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".txt", StringComparison.Ordinal) && n.Contains("CommonPasswords", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Trim() is { Length: > 0 } password)
                {
                    _passwords.Add(password.ToLowerInvariant());
                }
            }
        }
    }

    public int Count => _passwords.Count;

    /// <summary>
    /// True when <paramref name="password"/> is a listed one, or one with digits or symbols around it
    /// (« Azerty2024! »), or one repeated (« soleilsoleil »), or a single character repeated.
    /// </summary>
    public bool IsCommon(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var lower = password.Trim().ToLowerInvariant();
        if (lower.Length == 0 || _passwords.Contains(lower) || lower.Distinct().Count() <= 2)
        {
            return true;
        }

        if (Sequences.Any(sequence => sequence.Contains(lower, StringComparison.Ordinal)))
        {
            return true; // « 123456789012 », « abcdefghijklm », « 987654321098 »
        }

        var core = lower.Trim("0123456789!?.,;:-_*#@&$%+=/\\'\"()[]{}<>~^ ".ToCharArray());
        if (core.Length >= 3 && _passwords.Contains(core))
        {
            return true;
        }

        for (var unit = 1; unit <= core.Length / 2; unit++)
        {
            if (core.Length % unit == 0 && string.Concat(Enumerable.Repeat(core[..unit], core.Length / unit)) == core
                && (unit < 3 || _passwords.Contains(core[..unit])))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Refuses a common password, and one made of the account's own e-mail address or name (French message).</summary>
public sealed class CommonPasswordValidator(CommonPasswords common) : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var lower = password.ToLowerInvariant();
        var local = user.Email?.Split('@')[0].ToLowerInvariant();
        if (common.IsCommon(password) || (local is { Length: >= 4 } && lower.Contains(local, StringComparison.Ordinal)))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = PasswordPolicy.CommonMessage }));
        }

        return Task.FromResult(IdentityResult.Success);
    }
}
