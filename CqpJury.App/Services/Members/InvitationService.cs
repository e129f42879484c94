using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Members;

/// <summary>
/// Single-use invitations: the secretariat creates one for a member (a 256-bit token shown once,
/// stored only as its SHA-256, valid <c>Invitations:ValidityHours</c> hours, 72 by default); the
/// member opens the link and sets a password, which creates their account (or resets it when they
/// had one). Accepting is anonymous by nature: the token is the credential.
/// </summary>
public sealed class InvitationService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    IServiceScopeFactory scopeFactory,
    ActorResolver actors,
    AuditLog audit,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<InvitationService> logger)
{
    public const string UnknownTokenMessage = "Ce lien d'invitation n'est pas valide.";
    public const string UsedTokenMessage = "Ce lien d'invitation a déjà été utilisé.";
    public const string ExpiredTokenMessage = "Ce lien d'invitation a expiré : demandez-en un nouveau au secrétariat de la CPEF.";
    public const string DeactivatedMessage = "Ce compte a été désactivé.";
    public const string PasswordMismatchMessage = "Les deux mots de passe ne sont pas identiques.";

    /// <summary>The password rule, as the invitation page shows it (Identity's policy, see IdentityExtensions).</summary>
    public const string PasswordRule = PasswordPolicy.Rule;

    private int ValidityHours => Math.Max(1, configuration.GetValue<int?>("Invitations:ValidityHours") ?? 72);

    /// <summary>
    /// Creates an invitation for an active member; their earlier unused invitations expire now.
    /// Returns the token, to be shown once.
    /// </summary>
    public async Task<InvitationLink> CreateAsync(Guid memberId, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("inviter un membre du jury", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.JuryMembers.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken)
            ?? throw new UserFacingException("Ce membre du jury n'existe pas (ou plus).");
        if (!member.IsActive)
        {
            throw new UserFacingException("Ce membre est désactivé : réactivez-le avant de l'inviter.");
        }

        var now = clock.GetUtcNow();
        var earlier = await db.Invitations.Where(i => i.JuryMemberId == memberId && i.UsedAt == null && i.ExpiresAt > now).ToListAsync(cancellationToken);
        earlier.ForEach(i => i.ExpiresAt = now);

        var hours = ValidityHours;
        var token = PasswordGenerator.NewToken();
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(),
            JuryMemberId = member.Id,
            TokenHash = PasswordGenerator.Hash(token),
            CreatedAt = now,
            ExpiresAt = now.AddHours(hours),
            CreatedBy = actor.DisplayName,
        };
        db.Invitations.Add(invitation);
        audit.Add(db, actor, member.UserId is null ? "Invitation d'un membre du jury" : "Nouvelle invitation d'un membre du jury (mot de passe à redéfinir)",
            details: $"{member.FullName} <{member.Email}>, valable {hours} h" + (earlier.Count > 0 ? $", {earlier.Count} invitation(s) précédente(s) annulée(s)" : string.Empty));
        await db.SaveChangesAsync(cancellationToken);
        return new InvitationLink(token, invitation.ExpiresAt, hours);
    }

    /// <summary>Who the invitation is for, or a <see cref="UserFacingException"/> saying why the link cannot be used.</summary>
    public async Task<InvitationPreview> GetAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var invitation = await UsableInvitationAsync(db, token, cancellationToken);
        var member = invitation.JuryMember!;
        return new InvitationPreview(member.FullName, member.Seat, member.Email, member.UserId is not null);
    }

    /// <summary>
    /// Sets the member's password: creates their account (role Membre du jury) or, when they have one
    /// (a new invitation after a lost password), resets its password and unlocks it; marks the
    /// invitation used. All in one transaction: on any error nothing is changed.
    /// </summary>
    public async Task AcceptAsync(string token, AcceptInvitationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CqpJuryDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var invitation = await UsableInvitationAsync(db, token, cancellationToken);
        await ValidatePasswordAsync(users, input);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();

        // Claim the invitation first (the write takes the lock): a second use of the same link at the same time finds it used.
        var claimed = await db.Invitations
            .Where(i => i.Id == invitation.Id && i.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            throw new UserFacingException(UsedTokenMessage);
        }

        var member = await db.JuryMembers.FirstAsync(m => m.Id == invitation.JuryMemberId, cancellationToken);
        var user = member.UserId is { } userId ? await users.FindByIdAsync(userId) : null;
        string action;
        if (user is null)
        {
            user = new AppUser
            {
                UserName = member.Email,
                Email = member.Email,
                EmailConfirmed = true,
                DisplayName = member.FullName,
                JuryMemberId = member.Id,
                IsActive = true,
            };
            Check(await users.CreateAsync(user, input.Password));
            Check(await users.AddToRoleAsync(user, Roles.JuryMember));
            member.UserId = user.Id;
            action = "Invitation acceptée : compte créé";
        }
        else
        {
            Check(await users.RemovePasswordAsync(user));
            Check(await users.AddPasswordAsync(user, input.Password)); // new security stamp: other sign-ins end
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
            action = "Invitation acceptée : mot de passe redéfini";
        }

        var memberActor = new Actor(user.Id, member.FullName, IsSecretariat: false, member.Id);
        audit.Add(db, memberActor, action, details: $"{member.FullName} <{member.Email}>");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The invitation (with its member) if the token can still be used; otherwise why not, in French.</summary>
    private async Task<Invitation> UsableInvitationAsync(CqpJuryDbContext db, string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200)
        {
            throw new UserFacingException(UnknownTokenMessage);
        }

        var hash = PasswordGenerator.Hash(token.Trim());
        var invitation = await db.Invitations.AsNoTracking().Include(i => i.JuryMember).FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation?.JuryMember is null)
        {
            logger.LogWarning("Unknown invitation token used");
            throw new UserFacingException(UnknownTokenMessage);
        }

        if (invitation.UsedAt is not null)
        {
            logger.LogWarning("Invitation {InvitationId} used again", invitation.Id);
            throw new UserFacingException(UsedTokenMessage);
        }

        if (!invitation.JuryMember.IsActive)
        {
            logger.LogWarning("Invitation {InvitationId} used for deactivated member {MemberId}", invitation.Id, invitation.JuryMemberId);
            throw new UserFacingException(DeactivatedMessage);
        }

        if (invitation.ExpiresAt <= clock.GetUtcNow())
        {
            logger.LogWarning("Expired invitation {InvitationId} used", invitation.Id);
            throw new UserFacingException(ExpiredTokenMessage);
        }

        return invitation;
    }

    /// <summary>Both fields, the same, and Identity's policy (French messages); every problem at once.</summary>
    private static async Task ValidatePasswordAsync(UserManager<AppUser> users, AcceptInvitationInput input)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(input.Password))
        {
            errors.Add(new(nameof(AcceptInvitationInput.Password), "Choisissez un mot de passe."));
        }
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, new AppUser(), input.Password);
                errors.AddRange(result.Errors.Select(e => new FieldError(nameof(AcceptInvitationInput.Password), e.Description)));
            }
        }

        if (string.IsNullOrEmpty(input.ConfirmPassword))
        {
            errors.Add(new(nameof(AcceptInvitationInput.ConfirmPassword), "Saisissez le mot de passe une seconde fois."));
        }
        else if (!string.Equals(input.Password, input.ConfirmPassword, StringComparison.Ordinal))
        {
            errors.Add(new(nameof(AcceptInvitationInput.ConfirmPassword), PasswordMismatchMessage));
        }

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InputValidationException(result.Errors.Select(e => new FieldError(nameof(AcceptInvitationInput.Password), e.Description)).ToList());
        }
    }
}
