using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Security;
using Microsoft.AspNetCore.Identity;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>R14: the chair signs the decision after re-entering their password. A signed decision never changes.</summary>
public sealed record SignDecision(Guid SessionId, Guid DossierId, string Password) : DeliberationCommand(SessionId, DossierId)
{
    public override string Action => "Signer la décision";

    internal override bool ChairOnly => true;

    internal override async Task<string?> ApplyAsync(DeliberationContext deliberation)
    {
        // Identity's UserManager works on a scoped context: resolved per signature, not kept by the circuit for hours.
        await using var scope = deliberation.Room.ScopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await userManager.FindByIdAsync(deliberation.Room.Actor!.UserId);
        // Wrong passwords are limited per account and per client address (issue 23): SigningPasswordCheck.
        if (user is null || string.IsNullOrEmpty(Password)
            || !await scope.ServiceProvider.GetRequiredService<SigningPasswordCheck>().CheckAsync(user, Password))
        {
            throw new InputValidationException("password", "Mot de passe incorrect : la décision n'a pas été signée.");
        }

        deliberation.Required.Sign(deliberation.MemberId, deliberation.Now);
        return "Décision signée";
    }

    /// <summary>The password is never shown (logs, debugger, journal).</summary>
    public override string ToString() => $"{nameof(SignDecision)} {{ SessionId = {SessionId}, DossierId = {DossierId} }}";
}
