using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Realtime;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Security;
using CqpJury.Domain.Common;
using CqpJury.Domain.Juries;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.App.Services.Members;

/// <summary>
/// Jury members (R8 seats), their organisation, their known links (R10), and their account's
/// activation. Secretariat only. Invitations are in <see cref="InvitationService"/>.
/// </summary>
public sealed class JuryMemberService(
    IDbContextFactory<CqpJuryDbContext> dbFactory,
    IServiceScopeFactory scopeFactory,
    ActorResolver actors,
    AuditLog audit,
    ILookupNormalizer normalizer,
    TimeProvider clock,
    Realtime.IDeliberationNotifier notifier)
{
    public const int NameMaxLength = 100;
    public const int OrganisationNameMaxLength = 200;
    public const int LinkDescriptionMaxLength = 300;

    private const string UnknownMember = "Ce membre du jury n'existe pas (ou plus).";

    /// <summary>The members by last name, with their seat, organisation and account status.</summary>
    public async Task<IReadOnlyList<JuryMemberListItem>> ListAsync(CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("consulter les membres du jury", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var members = await db.JuryMembers.AsNoTracking().Include(m => m.Organisation).ToListAsync(cancellationToken);
        var pending = await PendingInvitationsAsync(db, null, cancellationToken);
        var comparer = StringComparer.Create(FrenchFormat.Culture, ignoreCase: true);
        return members
            .OrderBy(m => m.LastName, comparer)
            .ThenBy(m => m.FirstName, comparer)
            .Select(m =>
            {
                var (status, text) = StatusOf(m, pending.TryGetValue(m.Id, out var until) ? until : null);
                return new JuryMemberListItem(m.Id, m.FirstName, m.LastName, m.Email, m.Seat, OrganisationText(m), status, text);
            })
            .ToList();
    }

    /// <summary>One member's values, account status and known links.</summary>
    public async Task<JuryMemberDetails> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await actors.RequireSecretariatAsync("consulter un membre du jury", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var m = await db.JuryMembers.AsNoTracking()
            .Include(x => x.Links).ThenInclude(l => l.Organisation)
            .FirstOrDefaultAsync(x => x.Id == id, cancellationToken)
            ?? throw new UserFacingException(UnknownMember);
        var pending = await PendingInvitationsAsync(db, id, cancellationToken);
        var (status, text) = StatusOf(m, pending.TryGetValue(id, out var until) ? until : null);
        var input = new JuryMemberInput
        {
            FirstName = m.FirstName,
            LastName = m.LastName,
            Email = m.Email,
            Seat = m.Seat,
            OrganisationName = m.OrganisationName,
            OrganisationId = m.OrganisationId,
        };
        var comparer = StringComparer.Create(FrenchFormat.Culture, ignoreCase: true);
        var links = m.Links
            .Select(l => new MemberLinkView(l.Id, l.OrganisationId, l.Organisation?.Name ?? "?", l.Organisation?.Kind ?? default, l.Description))
            .OrderBy(l => l.OrganisationName, comparer)
            .ToList();
        return new JuryMemberDetails(m.Id, input, m.IsActive, m.UserId is not null, status, text, links);
    }

    /// <summary>Creates a member (no account yet: invite them next). Every problem is reported at once; nothing is saved.</summary>
    public async Task<Guid> CreateAsync(JuryMemberInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = await actors.RequireSecretariatAsync("créer un membre du jury", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var valid = await ValidateAsync(db, input, null, cancellationToken);
        var member = new JuryMemberEntity { Id = Guid.NewGuid(), IsActive = true };
        valid.ApplyTo(member);
        db.JuryMembers.Add(member);
        audit.Add(db, actor, "Création d'un membre du jury", details: Describe(member));
        await SaveAsync(db, cancellationToken);
        return member.Id;
    }

    /// <summary>Changes a member; when they have an account, its e-mail (sign-in) and display name follow.</summary>
    public async Task UpdateAsync(Guid id, JuryMemberInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = await actors.RequireSecretariatAsync("modifier un membre du jury", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.JuryMembers.FirstOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new UserFacingException(UnknownMember);
        var valid = await ValidateAsync(db, input, id, cancellationToken);
        var before = Describe(member);
        valid.ApplyTo(member);
        if (member.UserId is { } userId && await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken) is { } user)
        {
            user.DisplayName = member.FullName;
            if (!string.Equals(user.Email, member.Email, StringComparison.Ordinal))
            {
                user.Email = member.Email;
                user.NormalizedEmail = normalizer.NormalizeEmail(member.Email);
                user.UserName = member.Email;
                user.NormalizedUserName = normalizer.NormalizeName(member.Email);
            }

            user.ConcurrencyStamp = Guid.NewGuid().ToString();
        }

        audit.Add(db, actor, "Modification d'un membre du jury", details: $"{before} → {Describe(member)}");
        await SaveWithRoomsAsync(db, member.Id, () => SaveAsync(db, cancellationToken), cancellationToken);
        await TellRoomsAsync(member.Id, RoomEventKind.MemberChanged, cancellationToken);
    }

    /// <summary>Records a known link between the member and an organisation (pre-fills conflicts, R10).</summary>
    public async Task AddLinkAsync(Guid memberId, MemberLinkInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var actor = await actors.RequireSecretariatAsync("déclarer un lien d'un membre du jury", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var member = await db.JuryMembers.Include(m => m.Links).FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken)
            ?? throw new UserFacingException(UnknownMember);
        var errors = new List<FieldError>();
        Organisation? organisation = null;
        if (input.OrganisationId is not { } organisationId)
        {
            errors.Add(new(nameof(MemberLinkInput.OrganisationId), "Choisissez l'entreprise ou l'organisme de formation."));
        }
        else if ((organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId, cancellationToken)) is null)
        {
            errors.Add(new(nameof(MemberLinkInput.OrganisationId), "Cette organisation n'existe pas (ou plus)."));
        }
        else if (member.Links.Any(l => l.OrganisationId == organisationId))
        {
            errors.Add(new(nameof(MemberLinkInput.OrganisationId), "Un lien avec cette organisation est déjà enregistré pour ce membre."));
        }

        var description = input.Description?.Trim() ?? string.Empty;
        if (description.Length == 0)
        {
            errors.Add(new(nameof(MemberLinkInput.Description), "Décrivez le lien (juridique ou économique)."));
        }
        else if (description.Length > LinkDescriptionMaxLength)
        {
            errors.Add(new(nameof(MemberLinkInput.Description), $"La description ne doit pas dépasser {LinkDescriptionMaxLength} caractères."));
        }

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        db.MemberLinks.Add(new MemberOrganisationLink
        {
            Id = Guid.NewGuid(),
            JuryMemberId = member.Id,
            OrganisationId = organisation!.Id,
            Description = description,
        });
        audit.Add(db, actor, "Lien déclaré pour un membre du jury", details: $"{member.FullName} — {organisation.Name} : {description}");
        await SaveWithRoomsAsync(db, member.Id, () => db.SaveChangesAsync(cancellationToken), cancellationToken);
        await TellRoomsAsync(member.Id, RoomEventKind.MemberChanged, cancellationToken);
    }

    /// <summary>Removes a known link.</summary>
    public async Task RemoveLinkAsync(Guid memberId, Guid linkId, CancellationToken cancellationToken = default)
    {
        var actor = await actors.RequireSecretariatAsync("retirer un lien d'un membre du jury", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.MemberLinks.Include(l => l.Organisation)
            .FirstOrDefaultAsync(l => l.Id == linkId && l.JuryMemberId == memberId, cancellationToken)
            ?? throw new UserFacingException("Ce lien n'existe pas (ou plus).");
        var member = await db.JuryMembers.AsNoTracking().FirstAsync(m => m.Id == memberId, cancellationToken);
        db.MemberLinks.Remove(link);
        audit.Add(db, actor, "Lien retiré pour un membre du jury", details: $"{member.FullName} — {link.Organisation?.Name} : {link.Description}");
        await SaveWithRoomsAsync(db, memberId, () => db.SaveChangesAsync(cancellationToken), cancellationToken);
        await TellRoomsAsync(memberId, RoomEventKind.MemberChanged, cancellationToken);
    }

    /// <summary>
    /// Deactivates the member and their account at once: sign-in refused, the sign-in cookie stops
    /// working (new security stamp), open circuits are revalidated within seconds, and every action
    /// is refused from now on (<see cref="ActorResolver"/> re-reads the account). Pending invitations expire.
    /// </summary>
    public Task DeactivateAsync(Guid memberId, CancellationToken cancellationToken = default) =>
        SetActiveAsync(memberId, false, cancellationToken);

    /// <summary>Reactivates the member and their account (they sign in again with their password).</summary>
    public Task ReactivateAsync(Guid memberId, CancellationToken cancellationToken = default) =>
        SetActiveAsync(memberId, true, cancellationToken);

    private async Task SetActiveAsync(Guid memberId, bool active, CancellationToken cancellationToken)
    {
        await SetActiveCoreAsync(memberId, active, cancellationToken);
        if (!active)
        {
            // Open rooms drop the member at once: their circuits reload and are refused.
            await TellRoomsAsync(memberId, RoomEventKind.AccountDeactivated, cancellationToken);
        }
    }

    /// <summary>
    /// Runs <paramref name="save"/> (the change of a member) and, in the same transaction, renews the concurrency stamp
    /// of the open sessions the member is convened to (R10.2): the room's commands, on any instance, then read the
    /// room again instead of the state they keep (<see cref="Room.RoomCommandStates"/>), and a command that changes
    /// who deliberates at the same moment runs again on fresh state.
    /// </summary>
    private static async Task SaveWithRoomsAsync(CqpJuryDbContext db, Guid memberId, Func<Task> save, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await save();
        var stamp = Guid.NewGuid();
        await db.Sessions.Where(s => s.Status == SessionStatus.Open && s.Members.Any(m => m.JuryMemberId == memberId))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ConcurrencyStamp, stamp), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// After a committed change of the member (who they are, their links: known conflicts, R10), the rooms of the
    /// sessions they are convened to read everything again — not only the deliberations, as after a vote: a member
    /// newly linked to a candidate's employer no longer gets that dossier's content (R10.2).
    /// </summary>
    private async Task TellRoomsAsync(Guid memberId, RoomEventKind kind, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sessions = await db.SessionMembers.Where(m => m.JuryMemberId == memberId).Select(m => m.SessionId).ToListAsync(cancellationToken);
        foreach (var sessionId in sessions)
        {
            await notifier.PublishAsync(new RoomEvent(sessionId, kind, MemberId: memberId));
        }
    }

    private async Task SetActiveCoreAsync(Guid memberId, bool active, CancellationToken cancellationToken)
    {
        var actor = await actors.RequireSecretariatAsync(active ? "réactiver un membre du jury" : "désactiver un membre du jury", cancellationToken);

        // Identity's UserManager works on the scoped context: a fresh scope gives a fresh context
        // (a circuit's scope lives long), and one SaveChanges writes member, account and audit together.
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CqpJuryDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var member = await db.JuryMembers.FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken)
            ?? throw new UserFacingException(UnknownMember);
        if (member.IsActive == active)
        {
            throw new UserFacingException(active ? "Ce membre est déjà actif." : "Ce membre est déjà désactivé.");
        }

        member.IsActive = active;
        if (!active)
        {
            var now = clock.GetUtcNow();
            var pending = await db.Invitations.Where(i => i.JuryMemberId == memberId && i.UsedAt == null && i.ExpiresAt > now).ToListAsync(cancellationToken);
            pending.ForEach(i => i.ExpiresAt = now);
        }

        audit.Add(db, actor, active ? "Réactivation d'un membre du jury" : "Désactivation d'un membre du jury", details: member.FullName);
        var user = member.UserId is { } userId ? await users.FindByIdAsync(userId) : null;
        await SaveWithRoomsAsync(db, memberId, async () =>
        {
            if (user is null)
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }

            user.IsActive = active;
            var result = await users.UpdateSecurityStampAsync(user); // saves the member, the invitations and the audit entry too
            if (!result.Succeeded)
            {
                throw new UserFacingException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }, cancellationToken);
    }

    private async Task<ValidMember> ValidateAsync(CqpJuryDbContext db, JuryMemberInput input, Guid? editedId, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var firstName = Text(input.FirstName, nameof(JuryMemberInput.FirstName), "Indiquez le prénom.", NameMaxLength, errors);
        var lastName = Text(input.LastName, nameof(JuryMemberInput.LastName), "Indiquez le nom.", NameMaxLength, errors);
        var email = input.Email?.Trim() ?? string.Empty;
        if (email.Length == 0)
        {
            errors.Add(new(nameof(JuryMemberInput.Email), "Indiquez l'adresse électronique : le membre s'en sert pour se connecter."));
        }
        else if (!EmailAddressRule.IsValid(email))
        {
            errors.Add(new(nameof(JuryMemberInput.Email), EmailAddressRule.InvalidMessage));
        }
        else
        {
            // Few members: compare in memory, case-insensitively (SQLite's lower() is ASCII-only).
            var otherEmails = await db.JuryMembers.Where(m => m.Id != editedId).Select(m => m.Email).ToListAsync(cancellationToken);
            var normalized = normalizer.NormalizeEmail(email);
            if (otherEmails.Any(e => string.Equals(e, email, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(new(nameof(JuryMemberInput.Email), "Un autre membre du jury a déjà cette adresse électronique."));
            }
            else if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && (editedId == null || u.JuryMemberId != editedId), cancellationToken))
            {
                errors.Add(new(nameof(JuryMemberInput.Email), "Un compte existe déjà pour cette adresse électronique."));
            }
        }

        if (input.Seat is not { } seat || !Enum.IsDefined(seat))
        {
            errors.Add(new(nameof(JuryMemberInput.Seat), "Choisissez le siège : collège salariés, collège entreprises ou expert métier."));
            seat = default;
        }

        var organisationName = string.IsNullOrWhiteSpace(input.OrganisationName) ? null : input.OrganisationName.Trim();
        if (organisationName is { Length: > OrganisationNameMaxLength })
        {
            errors.Add(new(nameof(JuryMemberInput.OrganisationName), $"Ce champ ne doit pas dépasser {OrganisationNameMaxLength} caractères."));
        }

        if (input.OrganisationId is { } organisationId && !await db.Organisations.AnyAsync(o => o.Id == organisationId, cancellationToken))
        {
            errors.Add(new(nameof(JuryMemberInput.OrganisationId), "Cette organisation n'existe pas (ou plus)."));
        }

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        return new ValidMember(firstName, lastName, email, seat, organisationName, input.OrganisationId);
    }

    private static string Text(string? value, string field, string requiredMessage, int maxLength, List<FieldError> errors)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            errors.Add(new(field, requiredMessage));
        }
        else if (trimmed.Length > maxLength)
        {
            errors.Add(new(field, $"Ce champ ne doit pas dépasser {maxLength} caractères."));
        }

        return trimmed;
    }

    /// <summary>A unique index hit in between (two saves at once) is reported like the check.</summary>
    private static async Task SaveAsync(CqpJuryDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            throw new InputValidationException(nameof(JuryMemberInput.Email), "Un autre membre du jury ou un compte a déjà cette adresse électronique.");
        }
    }

    /// <summary>The latest expiry of each member's unused, unexpired invitation.</summary>
    private async Task<Dictionary<Guid, DateTimeOffset>> PendingInvitationsAsync(CqpJuryDbContext db, Guid? memberId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var query = db.Invitations.AsNoTracking().Where(i => i.UsedAt == null && i.ExpiresAt > now);
        if (memberId is { } id)
        {
            query = query.Where(i => i.JuryMemberId == id);
        }

        var rows = await query.Select(i => new { i.JuryMemberId, i.ExpiresAt }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.JuryMemberId).ToDictionary(g => g.Key, g => g.Max(r => r.ExpiresAt));
    }

    private static (MemberAccountStatus Status, string Text) StatusOf(JuryMemberEntity member, DateTimeOffset? pendingUntil)
    {
        if (!member.IsActive)
        {
            return (MemberAccountStatus.Deactivated, "Désactivé");
        }

        if (pendingUntil is { } until)
        {
            var text = $"Invitation envoyée (expire le {FrenchTime.Format(until, "dd/MM/yyyy 'à' HH:mm")})";
            return member.UserId is null ? (MemberAccountStatus.InvitationSent, text) : (MemberAccountStatus.Active, $"Compte actif · {text}");
        }

        return member.UserId is null
            ? (MemberAccountStatus.InvitationToSend, "Invitation à envoyer")
            : (MemberAccountStatus.Active, "Compte actif");
    }

    private static string? OrganisationText(JuryMemberEntity m) =>
        (m.OrganisationName, m.Organisation?.Name) switch
        {
            (null, null) => null,
            ({ } free, null) => free,
            (null, { } known) => known,
            ({ } free, { } known) when string.Equals(free, known, StringComparison.OrdinalIgnoreCase) => known,
            ({ } free, { } known) => $"{free} ({known})",
        };

    private static string Describe(JuryMemberEntity m) =>
        $"{m.FullName} <{m.Email}>, {m.Seat.ToFrench()}{(m.OrganisationName is null ? string.Empty : ", " + m.OrganisationName)}";

    private sealed record ValidMember(string FirstName, string LastName, string Email, Seat Seat, string? OrganisationName, Guid? OrganisationId)
    {
        public void ApplyTo(JuryMemberEntity m)
        {
            m.FirstName = FirstName;
            m.LastName = LastName;
            m.Email = Email;
            m.Seat = Seat;
            m.OrganisationName = OrganisationName;
            m.OrganisationId = OrganisationId;
        }
    }
}
