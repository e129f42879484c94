using CqpJury.App.Data.Entities;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.Services.OfficialDocuments;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Deliberations;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.OfficialDocuments;

/// <summary>
/// Runs the demo session to closing through <see cref="RoomService"/>, as the jury would:
/// president Olivier; Fontaine after a stand-aside (Hélène recused), Mercier a partial validation
/// (C5 not validatable), Haddad a returning candidate, Perrin postponed (the expert recused),
/// Dubois with the jury's answer to the candidate's observations (R13), Leroy an award after a
/// first round in which Karim objected with a reason (R12: internal to the jury).
/// </summary>
internal static class ClosedSession
{
    public const string DuboisAnswer = "Le jury a examiné vos observations ; l'évaluation de la compétence 2 est maintenue.";
    public const string LeroyComments = "Très bon dossier, pratique professionnelle solide.";
    public const string PerrinReason = "Collège délibérant impossible à constituer (experte récusée).";

    /// <summary>R12: Karim's objection in Leroy's first round; "Zébulon" appears nowhere else.</summary>
    public const string LeroyObjection = "Zébulon : la compétence 3 me paraît fragile.";

    /// <summary>Agenda order of the demo session.</summary>
    public static readonly string[] Agenda = ["Fontaine", "Mercier", "Haddad", "Perrin", "Dubois", "Leroy"];

    /// <summary>
    /// Runs the demo session to closing with <paramref name="president"/> (Olivier by default); each
    /// dossier is chaired by its chair (the president, or Sophie the expert when the president is recused).
    /// With <paramref name="close"/> false, everything is signed or postponed but the session stays open.
    /// </summary>
    public static async Task RunToClosingAsync(RoomScenario s, string president = Olivier, bool close = true)
    {
        var clock = s.Factory.Clock;
        await s.EnterAllWithPresidentAsync(president);

        // Fontaine: Hélène has a known conflict (her employer) → parity restored by a stand-aside.
        clock.Advance(TimeSpan.FromMinutes(7));
        await s.DeclareNoLinkAsync("Fontaine", Amandine, Karim, Olivier, Sophie);
        var before = await ReaderViewAsync(s, president, "Fontaine");
        Assert.NotNull(before.Panel);
        Assert.False(before.Panel.IsValid);
        var standAside = before.Panel.Proposals.First(p => p.MemberId != s.Member(president));
        await s.AsAsync(NameOf(s, before.Panel.ChairId ?? s.Member(president)), room => room.ApplyStandAsideAsync(s.SessionId, s.Dossier("Fontaine"), standAside.MemberId));
        await DecideAndSignAsync(s, president, "Fontaine", comments: null, answer: null);

        clock.Advance(TimeSpan.FromMinutes(9));
        await s.DeclareNoLinkAsync("Mercier", Everyone);
        await DecideAndSignAsync(s, president, "Mercier", comments: "Compétence 5 à retravailler en situation réelle.", answer: null);

        clock.Advance(TimeSpan.FromMinutes(8));
        await s.DeclareNoLinkAsync("Haddad", Everyone);
        await DecideAndSignAsync(s, president, "Haddad", comments: null, answer: null);

        // Perrin: Sophie (the only expert) is recused → the dossier must be postponed.
        clock.Advance(TimeSpan.FromMinutes(4));
        await s.DeclareNoLinkAsync("Perrin", Amandine, Karim, Helene, Olivier);
        await s.AsAsync(president, room => room.PostponeAsync(s.SessionId, s.Dossier("Perrin"), PerrinReason));

        clock.Advance(TimeSpan.FromMinutes(11));
        await s.DeclareNoLinkAsync("Dubois", Everyone);
        await DecideAndSignAsync(s, president, "Dubois", comments: "Dossier solide.", answer: DuboisAnswer);

        clock.Advance(TimeSpan.FromMinutes(6));
        await s.DeclareNoLinkAsync("Leroy", Everyone);
        await DecideAndSignAsync(s, president, "Leroy", comments: LeroyComments, answer: null, objection: LeroyObjection);

        if (!close)
        {
            return;
        }

        clock.Advance(TimeSpan.FromMinutes(3));
        await s.AsAsync(president, room => room.CloseSessionAsync(s.SessionId));
        Assert.Equal(SessionStatus.Closed, (await s.SessionAsync()).Status);
    }

    /// <summary>
    /// The chair proposes the default proposal, every panel member approves, the chair writes and signs.
    /// With <paramref name="objection"/>, Karim first objects with that reason and the chair puts the proposal again.
    /// </summary>
    private static async Task DecideAndSignAsync(RoomScenario s, string president, string candidate, string? comments, string? answer, string? objection = null)
    {
        var panel = (await ReaderViewAsync(s, president, candidate)).Panel!;
        var chair = NameOf(s, panel.ChairId!.Value);
        var proposal = await s.DefaultProposalAsync(chair, candidate);
        await s.AsAsync(chair, room => room.ProposeAsync(s.SessionId, s.Dossier(candidate), proposal));
        if (objection is not null)
        {
            await s.AsAsync(Karim, room => room.VoteAsync(s.SessionId, s.Dossier(candidate), VoteChoice.Object, objection));
            await s.AsAsync(chair, room => room.ProposeAsync(s.SessionId, s.Dossier(candidate), proposal));
        }

        panel = (await s.DossierAsync(chair, candidate)).Panel!;
        foreach (var member in panel.Members)
        {
            await s.VoteAsync(NameOf(s, member.Id), candidate, VoteChoice.Approve);
        }

        Assert.Equal(DeliberationState.Decided, (await s.DossierAsync(chair, candidate)).Deliberation!.State);
        if (comments is not null || answer is not null)
        {
            await s.AsAsync(chair, room => room.WriteDecisionTextAsync(s.SessionId, s.Dossier(candidate), comments, answer));
        }

        s.Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await s.AsAsync(chair, room => room.SignAsync(s.SessionId, s.Dossier(candidate), s.Password(chair)));
    }

    /// <summary>The dossier as the president sees it, or as Sophie (the expert) when the president is recused and sees no content.</summary>
    private static async Task<DossierView> ReaderViewAsync(RoomScenario s, string president, string candidate)
    {
        var view = await s.DossierAsync(president, candidate);
        return view.Content is null ? await s.DossierAsync(Sophie, candidate) : view;
    }

    public static string NameOf(RoomScenario s, Guid memberId) => Everyone.First(n => s.Member(n) == memberId);
}

/// <summary>Collects progress reports synchronously (no synchronization context, no lost or reordered report).</summary>
internal sealed class ProgressRecorder : IProgress<IssueProgress>
{
    private readonly List<IssueProgress> _reports = [];

    public IReadOnlyList<IssueProgress> Reports
    {
        get
        {
            lock (_reports)
            {
                return _reports.ToList();
            }
        }
    }

    public void Report(IssueProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }
    }
}

/// <summary>
/// One app per test class: the demo session run to closing, then its official documents issued
/// once by the president (progress recorded).
/// </summary>
public sealed class ClosedSessionFixture : IAsyncLifetime
{
    public const string BaseUri = "https://jury.exemple.test/";

    public CqpJuryAppFactory Factory { get; } = new();

    internal RoomScenario S { get; private set; } = null!;

    internal ProgressRecorder Progress { get; } = new();

    public int FirstIssueCount { get; private set; }

    public async Task InitializeAsync()
    {
        S = await SeedAsync(Factory);
        await ClosedSession.RunToClosingAsync(S);
        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        FirstIssueCount = await AsPresidentAsync(documents => documents.IssueAsync(S.SessionId, BaseUri, Progress));
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    public Task<T> AsSecretariatAsync<T>(Func<OfficialDocumentService, Task<T>> work) =>
        Factory.AsUserAsync(S.SecretariatEmail, sp => work(sp.GetRequiredService<OfficialDocumentService>()));

    public Task<T> AsPresidentAsync<T>(Func<OfficialDocumentService, Task<T>> work) =>
        Factory.AsUserAsync(S.Email(Olivier), sp => work(sp.GetRequiredService<OfficialDocumentService>()));

    public Task<T> VerifyAsync<T>(Func<VerificationService, Task<T>> work) =>
        Factory.WithScopeAsync(sp => work(sp.GetRequiredService<VerificationService>()));

    public Task<IReadOnlyList<IssuedDocumentView>> ListAsync() => AsSecretariatAsync(d => d.ListAsync(S.SessionId));

    /// <summary>The one issued document of this kind for this candidate (by last name, e.g. "Fontaine").</summary>
    public async Task<IssuedDocumentView> DocumentAsync(IssuedDocumentKind kind, string? candidateLastName = null)
    {
        var documents = await ListAsync();
        return Assert.Single(documents, d => d.Kind == kind
            && (candidateLastName is null || (d.CandidateName ?? "").StartsWith(candidateLastName.ToUpperInvariant() + " ", StringComparison.Ordinal)));
    }

    /// <summary>The stored file of each issued document, read from the disk (not through the service).</summary>
    public async Task<Dictionary<Guid, byte[]>> StoredFilesAsync()
    {
        var files = new Dictionary<Guid, byte[]>();
        List<IssuedDocument> issued = [];
        await Factory.WithDbAsync(async db => issued = await db.IssuedDocuments.AsNoTracking().Where(d => d.SessionId == S.SessionId).ToListAsync());
        foreach (var document in issued)
        {
            files[document.Id] = await File.ReadAllBytesAsync(Path.Combine(Factory.DataRoot, "issued", document.StoredFileName));
        }

        return files;
    }

    public async Task<byte[]> StoredFileAsync(Guid documentId) => (await StoredFilesAsync())[documentId];

    public async Task<string> TextOfAsync(IssuedDocumentKind kind, string? candidateLastName = null) =>
        OfficialPdf.Read(await StoredFileAsync((await DocumentAsync(kind, candidateLastName)).Id)).Text;
}
