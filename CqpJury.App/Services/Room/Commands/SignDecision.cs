using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Security;
using Microsoft.AspNetCore.Identity;

namespace CqpJury.App.Services.Room.Commands;

/// <summary>
/// R14: the chair signs the decision after re-entering their password. A signed decision never
/// changes; signing it again (a double click) changes nothing. A wrong password is refused and
/// journaled (« Refus : signature — mot de passe incorrect »); five within fifteen minutes lock
/// signing for that member for fifteen minutes (<see cref="SignatureLockout"/>).
/// </summary>
public sealed record SignDecision(Guid SessionId, Guid DossierId, string Password) : DeliberationCommand(SessionId, DossierId)
{
    public override string Action => "Signer la décision";

    internal override bool ChairOnly => true;

    internal override async Task<string?> ApplyAsync(DeliberationContext deliberation)
    {
        if (deliberation.Deliberation?.Signature is { } signature && signature.SignedBy == deliberation.MemberId)
        {
            return null; // already signed by this chair: nothing new
        }

        var room = deliberation.Room;
        var actor = room.Actor!;
        // Identity's UserManager and the journal work on scoped services: resolved per signature, not kept by the circuit for hours.
        await using var scope = room.ScopeFactory.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        if (await SignatureLockout.LockedUntilAsync(room.Db, actor.UserId, room.Now, room.CancellationToken) is { } lockedUntil)
        {
            var locked = SignatureLockout.LockedMessage(lockedUntil);
            await audit.RecordRefusalAsync(actor, SignatureLockout.LockedAction, SessionId, DossierId, locked);
            throw new InputValidationException("password", locked);
        }

        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await userManager.FindByIdAsync(actor.UserId);
        bool right;
        try
        {
            // Wrong passwords are also limited per client address (issue 23): SigningPasswordCheck.
            right = user is not null && !string.IsNullOrEmpty(Password)
                && await scope.ServiceProvider.GetRequiredService<SigningPasswordCheck>().CheckAsync(user, Password);
        }
        catch (RateLimitedException limited)
        {
            await audit.RecordRefusalAsync(actor, SignatureLockout.LockedAction, SessionId, DossierId, limited.Message);
            throw;
        }

        if (!right)
        {
            const string wrong = "Mot de passe incorrect : la décision n'a pas été signée.";
            await audit.RecordRefusalAsync(actor, SignatureLockout.WrongPasswordAction, SessionId, DossierId, wrong);
            throw new InputValidationException("password",
                await SignatureLockout.LockedUntilAsync(room.Db, actor.UserId, room.Now, room.CancellationToken) is { } until
                    ? wrong + " " + SignatureLockout.LockedMessage(until)
                    : wrong);
        }

        deliberation.Required.Sign(deliberation.MemberId, deliberation.Now);
        return "Décision signée";
    }

    /// <summary>The password is never shown (logs, debugger, journal).</summary>
    public override string ToString() => $"{nameof(SignDecision)} {{ SessionId = {SessionId}, DossierId = {DossierId} }}";
}
