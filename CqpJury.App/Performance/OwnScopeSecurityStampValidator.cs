using CqpJury.App.Data.Entities;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CqpJury.App.Performance;

/// <summary>
/// Identity's security stamp check (<see cref="SecurityStampValidator{TUser}"/>, same rules and options) on a
/// short-lived scope of its own. The framework's validator takes SignInManager, UserManager and a DbContext
/// from the request's scope; the request that carries a Blazor circuit (its WebSocket) lasts as long as the
/// circuit, so every connected user kept a DbContext, a UserManager and the tracked user until they left
/// (memory per connected member: Performance/README.md). Here they are disposed as soon as the check is done.
/// </summary>
internal sealed class OwnScopeSecurityStampValidator(IServiceScopeFactory scopeFactory) : ISecurityStampValidator
{
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var validator = new SecurityStampValidator<AppUser>(
            services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>(),
            services.GetRequiredService<SignInManager<AppUser>>(),
            services.GetRequiredService<ILoggerFactory>());
        await validator.ValidateAsync(context);
    }
}
