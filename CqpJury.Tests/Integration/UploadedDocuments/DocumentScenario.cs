using System.Text;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.UploadedDocuments;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CqpJury.Tests.Integration.UploadedDocuments;

/// <summary>
/// One dossier (employer "Formations Horizon") on a draft session's agenda, a secretariat account,
/// and three members with accounts: one convened without conflict, one convened but employed by
/// the candidate's employer (R10), one convened to another session only.
/// </summary>
internal sealed class DocumentScenario
{
    public static readonly byte[] MinimalPdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        + "trailer<</Root 1 0 R>>\n%%EOF\n");

    public static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

    private DocumentScenario(CqpJuryAppFactory factory) => Factory = factory;

    public CqpJuryAppFactory Factory { get; }

    public string SecretariatEmail { get; private set; } = string.Empty;

    public string SecretariatPassword { get; private set; } = string.Empty;

    public Guid DossierId { get; private set; }

    public Guid SessionId { get; private set; }

    public (string Email, string Password) ConvenedMember { get; private set; }

    public (string Email, string Password) ConflictedMember { get; private set; }

    public (string Email, string Password) OtherSessionMember { get; private set; }

    public string DocumentsFolder => Path.Combine(Factory.DataRoot, "documents");

    public static async Task<DocumentScenario> CreateAsync(CqpJuryAppFactory factory)
    {
        var scenario = new DocumentScenario(factory);
        (scenario.SecretariatEmail, scenario.SecretariatPassword) = await factory.CreateSecretariatAsync();

        var employer = EntityBuilders.Employer();
        var training = EntityBuilders.TrainingOrganisation();
        var other = EntityBuilders.Employer("Atelier du Nord SAS");
        var candidate = EntityBuilders.Candidate();
        var dossier = EntityBuilders.CompleteDossier(
            candidate,
            EntityBuilders.Evaluator(EvaluatorRole.SectorProfessional),
            EntityBuilders.Evaluator(EvaluatorRole.ExternalAssessor, "Externe"),
            employer: employer,
            trainingOrganisation: training);
        dossier.Documents.Clear(); // this fixture's documents are real uploads
        var session = EntityBuilders.Session(new DateOnly(2026, 12, 10));
        var otherSession = EntityBuilders.Session(new DateOnly(2026, 12, 17), "Autre jury");
        await factory.WithDbAsync(async db =>
        {
            db.Organisations.AddRange(employer, training, other);
            db.Candidates.Add(candidate);
            db.Dossiers.Add(dossier);
            db.Sessions.AddRange(session, otherSession);
            db.AgendaItems.Add(new AgendaItem { Id = Guid.NewGuid(), SessionId = session.Id, DossierId = dossier.Id, Position = 1 });
            await db.SaveChangesAsync();
        });

        var convened = await factory.CreateMemberWithAccountAsync("Léa", "Durand", Seat.TradeExpert, other.Id);
        var conflicted = await factory.CreateMemberWithAccountAsync("Paul", "Martin", Seat.EmployerRepresentative, employer.Id);
        var outsider = await factory.CreateMemberWithAccountAsync("Nora", "Petit", Seat.EmployeeRepresentative);
        await factory.WithDbAsync(async db =>
        {
            db.SessionMembers.AddRange(
                new SessionMember { SessionId = session.Id, JuryMemberId = convened.MemberId },
                new SessionMember { SessionId = session.Id, JuryMemberId = conflicted.MemberId },
                new SessionMember { SessionId = otherSession.Id, JuryMemberId = outsider.MemberId });

            // R10: the convened member has answered the conflict question (no link) in the room.
            db.ConflictDeclarations.Add(new ConflictDeclaration
            {
                Id = Guid.NewGuid(),
                SessionId = session.Id,
                DossierId = dossier.Id,
                JuryMemberId = convened.MemberId,
                HasConflict = false,
                DeclaredAt = factory.Clock.GetUtcNow(),
            });

            // R16: both members of the session have accepted its confidentiality commitment.
            db.ConfidentialityAcceptances.AddRange(
                new ConfidentialityAcceptance { SessionId = session.Id, JuryMemberId = convened.MemberId, AcceptedAt = factory.Clock.GetUtcNow(), TextVersion = 1 },
                new ConfidentialityAcceptance { SessionId = session.Id, JuryMemberId = conflicted.MemberId, AcceptedAt = factory.Clock.GetUtcNow(), TextVersion = 1 });
            await db.SaveChangesAsync();
        });

        scenario.DossierId = dossier.Id;
        scenario.SessionId = session.Id;
        scenario.ConvenedMember = (convened.Email, convened.Password);
        scenario.ConflictedMember = (conflicted.Email, conflicted.Password);
        scenario.OtherSessionMember = (outsider.Email, outsider.Password);
        return scenario;
    }

    /// <summary>Uploads <paramref name="bytes"/> as the secretariat, through the service (as the panel does).</summary>
    public Task<Guid> UploadAsync(byte[] bytes, string fileName = "Outil 2 – Élodie Lefèvre.pdf", DocumentKind? kind = DocumentKind.Outil2) =>
        Factory.AsUserAsync(SecretariatEmail, sp => sp.GetRequiredService<DocumentService>()
            .UploadAsync(DossierId, kind, fileName, new NonSeekableStream(bytes)));

    public string[] StoredFiles() =>
        Directory.Exists(DocumentsFolder) ? Directory.GetFiles(DocumentsFolder) : [];

    public async Task<HttpClient> SignedInClientAsync(string email, string password)
    {
        var client = Factory.CreateBrowserLikeClient();
        var response = await client.SignInAsync(email, password);
        Assert.True(response.IsRedirect(), $"Sign-in of {email} failed: {(int)response.StatusCode}");
        return client;
    }
}

/// <summary>A forward-only stream that, like a browser upload, cannot tell its length in advance.</summary>
internal sealed class NonSeekableStream(byte[] bytes) : Stream
{
    private readonly MemoryStream _inner = new(bytes, writable: false);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
