using CqpJury.App.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace CqpJury.App.Services.Security;

/// <summary>Secretariat accounts (created from the command line: there is no default account).</summary>
public sealed class AccountService(UserManager<AppUser> userManager)
{
    /// <summary>Creates a secretariat account with a generated password, returned once to be shown to the operator.</summary>
    public async Task<string> CreateSecretariatAsync(string email, string displayName)
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            throw new InputValidationException("email", "Indiquez une adresse électronique valide (--email).");
        }

        email = email.Trim();
        if (await userManager.FindByEmailAsync(email) is not null)
        {
            throw new InputValidationException("email", $"Un compte existe déjà pour l'adresse « {email} ».");
        }

        var password = PasswordGenerator.NewPassword();
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? "Secrétariat de la CPEF" : displayName.Trim(),
        };
        var created = await userManager.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InputValidationException(created.Errors.Select(e => new FieldError("email", e.Description)).ToList());
        }

        await userManager.AddToRoleAsync(user, Roles.Secretariat);
        return password;
    }
}
