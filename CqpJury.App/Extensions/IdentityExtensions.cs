using Microsoft.AspNetCore.Authentication;
using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CqpJury.App.Extensions;

/// <summary>Accounts: ASP.NET Core Identity on the app's database, cookie sign-in, lockout, two roles.</summary>
public static class IdentityExtensions
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(options =>
            {
                options.Cookie.Name = "CqpJury.Auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.LoginPath = "/connexion";
                options.LogoutPath = "/deconnexion";
                options.AccessDeniedPath = "/acces-refuse";
                options.ExpireTimeSpan = TimeSpan.FromHours(10);
                options.SlidingExpiration = true;
            }));

        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = string.Empty; // user names are e-mail addresses, validated as such

                options.SignIn.RequireConfirmedAccount = true; // "confirmed" = active (ActiveAccountConfirmation)
                // ASVS V6.2 / NIST SP 800-63B (issue 26): a length, no composition rule, and a refusal of common
                // passwords (CommonPasswordValidator). Checked when a password is set, never at sign-in: existing
                // accounts keep their password.
                options.Password.RequiredLength = PasswordPolicy.MinimumLength;
                options.Password.RequiredUniqueChars = 1;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CqpJuryDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<FrenchIdentityErrorDescriber>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddUserConfirmation<ActiveAccountConfirmation>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>();

        // Every request re-checks the security stamp: a deactivated account's cookie stops working at once.
        // The check runs on a scope of its own (OwnScopeSecurityStampValidator), not the request's.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.Replace(ServiceDescriptor.Scoped<ISecurityStampValidator, OwnScopeSecurityStampValidator>());
        services.AddSingleton<CommonPasswords>();
        services.AddSingleton<SignInTiming>();
        services.AddAuthorization();
        services.AddHttpContextAccessor();
        return builder;
    }
}
