using CqpJury.App.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace CqpJury.App.Services.Security;

/// <summary>A deactivated account cannot sign in (sign-in returns "not allowed").</summary>
public sealed class ActiveAccountConfirmation : IUserConfirmation<AppUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(user.IsActive);
    }
}
