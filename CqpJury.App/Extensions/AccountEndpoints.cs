using CqpJury.App.Data.Entities;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace CqpJury.App.Extensions;

/// <summary>
/// Sign-out: a POST with the antiforgery token (from the app bar's form; a request without it, from another
/// site, is refused). It ends the sign-in on the server (issue 23): the account's security stamp changes, so
/// every cookie issued before is refused at its next request (the stamp is checked on each one) and the open
/// circuits of the account drop at their next revalidation (RevalidatingAuthenticationStateProvider, seconds)
/// — and any action they try before is refused (ActorResolver checks the stamp too).
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/deconnexion", async (HttpContext http, IAntiforgery antiforgery, SignInManager<AppUser> signInManager, ILoggerFactory loggers) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Text("Déconnexion refusée : le formulaire n'est pas celui de l'application. Rechargez la page et recommencez.",
                    "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }

            if (http.User.Identity?.IsAuthenticated == true && await signInManager.UserManager.GetUserAsync(http.User) is { } user)
            {
                await signInManager.UserManager.UpdateSecurityStampAsync(user);
                var logger = loggers.CreateLogger("CqpJury.Accounts");
                if (logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("User {UserId} signed out: earlier cookies revoked", user.Id);
                }
            }

            await signInManager.SignOutAsync();
            return Results.LocalRedirect("/connexion");
        });
        return endpoints;
    }
}
