namespace CqpJury.Tests.Security;

/// <summary>The six roles of the authorization matrix (issue 23 point 6).</summary>
public enum MatrixRole
{
    Anonymous,
    Secretariat,
    ConvenedMember,
    OtherSessionMember,
    ConflictedMember,
    DeactivatedMember,
}

/// <summary>What a role must get at an address.</summary>
public enum Access
{
    /// <summary>200, and no refusal on the page.</summary>
    Ok,

    /// <summary>Sent to the sign-in page (302 to /connexion).</summary>
    SignIn,

    /// <summary>Refused: 403/404/400/405, or the page says access is refused (never the content).</summary>
    Refused,

    /// <summary>
    /// The page's shell (200: the room loads nothing while pre-rendered), then refused in the circuit: entering
    /// the room through RoomService throws AccessDeniedException for that account.
    /// </summary>
    RefusedInCircuit,
}

/// <summary>
/// THE authorization matrix: one row per page or endpoint of the app (its route template, exactly as
/// declared), with what each of the six roles must get. A page or endpoint added to the app without a row
/// here fails <see cref="AuthorizationMatrixTests.Every_page_and_endpoint_has_a_row"/>, naming it.
/// The addresses are filled from <see cref="MatrixIds"/> (the demo session, Fontaine's dossier — where the
/// conflicted member has a known conflict — its document and its candidate).
/// To add a state (a closed session, issued documents…), add rows with their own ids in MatrixIds.
/// </summary>
public static class AuthorizationMatrix
{
    private const Access O = Access.Ok;
    private const Access S = Access.SignIn;
    private const Access R = Access.Refused;
    private const Access C = Access.RefusedInCircuit;

    public sealed record Row(string Route, Func<MatrixIds, string> Url, Access Anonymous, Access Secretariat, Access Convened, Access OtherSession, Access Conflicted, Access Deactivated)
    {
        public Access For(MatrixRole role) => role switch
        {
            MatrixRole.Anonymous => Anonymous,
            MatrixRole.Secretariat => Secretariat,
            MatrixRole.ConvenedMember => Convened,
            MatrixRole.OtherSessionMember => OtherSession,
            MatrixRole.ConflictedMember => Conflicted,
            _ => Deactivated,
        };
    }

    //                                   route template                                   address                                                     anon sec conv other confl deact
    public static readonly Row[] Rows =
    [
        new("/", _ => "/", O, O, O, O, O, O),
        new("/connexion", _ => "/connexion", O, O, O, O, O, O),
        new("/deconnexion", _ => "/deconnexion", R, R, R, R, R, R), // POST only, with the antiforgery token (SignOutTests)
        new("/invitation/{Token}", _ => "/invitation/jeton-inconnu", O, O, O, O, O, O), // the token is the credential (InvitationTests)
        new("/Error", _ => "/Error", O, O, O, O, O, O),
        new("/not-found", _ => "/not-found", O, O, O, O, O, O),
        new("/erreur/{Code:int}", _ => "/erreur/404", O, O, O, O, O, O),
        new("/verifier", _ => "/verifier", O, O, O, O, O, O),
        new("/verifier/{Code}", _ => "/verifier/AAAA-BBBB-CCCC", O, O, O, O, O, O),
        new("/health", _ => "/health", O, O, O, O, O, O),
        new("/health/live", _ => "/health/live", O, O, O, O, O, O),
        new("/health/ready", _ => "/health/ready", O, O, O, O, O, O),
        new("/mes-sessions", _ => "/mes-sessions", S, R, O, O, O, S),
        new("/sessions/{SessionId:guid}", i => $"/sessions/{i.SessionId}", S, R, O, C, O, S),
        new("/secretariat/dossiers", _ => "/secretariat/dossiers", S, O, R, R, R, S),
        new("/secretariat/dossiers/nouveau", _ => "/secretariat/dossiers/nouveau", S, O, R, R, R, S),
        new("/secretariat/dossiers/import", _ => "/secretariat/dossiers/import", S, O, R, R, R, S),
        new("/secretariat/dossiers/{Id:guid}", i => $"/secretariat/dossiers/{i.DossierId}", S, O, R, R, R, S),
        new("/secretariat/evaluateurs", _ => "/secretariat/evaluateurs", S, O, R, R, R, S),
        new("/secretariat/membres", _ => "/secretariat/membres", S, O, R, R, R, S),
        new("/secretariat/membres/nouveau", _ => "/secretariat/membres/nouveau", S, O, R, R, R, S),
        new("/secretariat/membres/{Id:guid}", i => $"/secretariat/membres/{i.ConflictedMemberId}", S, O, R, R, R, S),
        new("/secretariat/organisations", _ => "/secretariat/organisations", S, O, R, R, R, S),
        new("/secretariat/sessions", _ => "/secretariat/sessions", S, O, R, R, R, S),
        new("/secretariat/sessions/nouvelle", _ => "/secretariat/sessions/nouvelle", S, O, R, R, R, S),
        new("/secretariat/sessions/{Id:guid}", i => $"/secretariat/sessions/{i.SessionId}", S, O, R, R, R, S),
        new("/secretariat/sessions/{Id:guid}/journal", i => $"/secretariat/sessions/{i.SessionId}/journal", S, O, R, R, R, S),
        new("/secretariat/statistiques", _ => "/secretariat/statistiques", S, O, R, R, R, S),
        new("/secretariat/conservation", _ => "/secretariat/conservation", S, O, R, R, R, S),
        // R16, right of access: a candidate's data as one zip — the secretariat only (a member is refused by the service, 403).
        new("/secretariat/candidats/{candidateId:guid}/donnees.zip", i => $"/secretariat/candidats/{i.CandidateId}/donnees.zip", S, O, R, R, R, S),
        new("/secretariat/statistiques/export.xlsx", _ => "/secretariat/statistiques/export.xlsx", S, O, R, R, R, S),
        new("/secretariat/statistiques/export.csv", _ => "/secretariat/statistiques/export.csv?tableau=synthese", S, O, R, R, R, S),
        new("/documents/{id:guid}", i => $"/documents/{i.DocumentId}", S, O, O, R, R, S),
        new("/documents/{id:guid}/telecharger", i => $"/documents/{i.DocumentId}/telecharger", S, O, O, R, R, S),
        // The demo session is open: nothing issued yet (the closed-session states are the finality suite's rows).
        new("/documents-officiels/{id:guid}", i => $"/documents-officiels/{i.UnknownId}", S, R, R, R, R, S),
        new("/documents-officiels/session/{sessionId:guid}/archive.zip", i => $"/documents-officiels/session/{i.SessionId}/archive.zip", S, R, R, R, R, S),
        new("/documents-officiels/session/{sessionId:guid}/courriers-certificats.pdf", i => $"/documents-officiels/session/{i.SessionId}/courriers-certificats.pdf", S, R, R, R, R, S),
    ];
}

/// <summary>The ids the matrix's addresses are made of.</summary>
public sealed record MatrixIds(Guid SessionId, Guid DossierId, Guid DocumentId, Guid ConflictedMemberId, Guid CandidateId)
{
    public Guid UnknownId { get; } = Guid.NewGuid();
}
