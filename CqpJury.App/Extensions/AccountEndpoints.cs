using CqpJury.App.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace CqpJury.App.Extensions;

/// <summary>Sign-out: a POST with the antiforgery token (from the app bar's form).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/deconnexion", async (SignInManager<AppUser> signInManager) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect("/connexion");
        });
        return endpoints;
    }
}
