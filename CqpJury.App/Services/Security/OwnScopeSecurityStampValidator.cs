using CqpJury.App.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace CqpJury.App.Services.Security;

/// <summary>
/// The sign-in cookie's check on every request: the account exists, is active and has the security stamp the
/// cookie was issued with — a sign-out or a deactivation changes it, so every cookie issued before is refused
/// at once. Done here on every request rather than by Identity's <see cref="SecurityStampValidator{TUser}"/>,
/// which validates only once some time has passed since the cookie was issued (with a clock that does not
/// move, never). It runs on a short-lived scope of its own: the request that carries a Blazor circuit (its
/// WebSocket) lasts as long as the circuit, and a DbContext and UserManager from its scope would stay with
/// every connected member until they left (Performance/README.md).
/// </summary>
internal sealed class OwnScopeSecurityStampValidator(IServiceScopeFactory scopeFactory) : ISecurityStampValidator
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var scope = scopeFactory.CreateAsyncScope();
        var signInManager = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = context.Principal is { } principal ? await signInManager.ValidateSecurityStampAsync(principal) : null;
        if (user is null || !user.IsActive)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
