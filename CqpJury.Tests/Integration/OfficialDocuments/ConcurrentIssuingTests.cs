using CqpJury.App.Data.Entities;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.Services.OfficialDocuments;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.OfficialDocuments;

/// <summary>The demo session run to closing, nothing issued yet.</summary>
public sealed class UnissuedClosedSessionFixture : IAsyncLifetime
{
    public CqpJuryAppFactory Factory { get; } = new();

    internal RoomScenario S { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        S = await SeedAsync(Factory);
        await ClosedSession.RunToClosingAsync(S);
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The president and the secretariat generating at the same moment (or a double click) must
/// still leave exactly one issued document of each: an issued document is unique.
/// </summary>
public sealed class ConcurrentIssuingTests(UnissuedClosedSessionFixture f) : IClassFixture<UnissuedClosedSessionFixture>
{
    [Fact]
    public async Task Two_simultaneous_issuings_leave_exactly_one_document_of_each_and_no_orphan_file()
    {
        var s = f.S;
        Task<int> Issue(string email) => f.Factory.AsUserAsync(email,
            sp => sp.GetRequiredService<OfficialDocumentService>().IssueAsync(s.SessionId, ClosedSessionFixture.BaseUri));

        await Task.WhenAll(Issue(s.Email(Olivier)), Issue(s.SecretariatEmail), Issue(s.Email(Olivier)));

        List<IssuedDocument> issued = [];
        await f.Factory.WithDbAsync(async db => issued = await db.IssuedDocuments.AsNoTracking().Where(d => d.SessionId == s.SessionId).ToListAsync());
        Assert.Single(issued, d => d.Kind == IssuedDocumentKind.SessionMinutes);
        Assert.Single(issued, d => d.Kind == IssuedDocumentKind.AttendanceSheet);
        Assert.Equal(5, issued.Count(d => d.Kind == IssuedDocumentKind.DecisionSheet));
        Assert.Equal(12, issued.Count);
        var files = Directory.EnumerateFiles(Path.Combine(f.Factory.DataRoot, "issued")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(issued.Select(d => d.StoredFileName).Order(StringComparer.Ordinal), files);
    }
}
