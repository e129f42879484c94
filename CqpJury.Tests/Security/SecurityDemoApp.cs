using CqpJury.Domain.Juries;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CqpJury.Tests.Security;

/// <summary>
/// One app with the demo data shared by the authorization matrix and the XSS tests (the suite stays fast):
/// the convened member (Amandine) has answered the conflict question for Fontaine and Leroy; a member
/// convened to the draft session only; a member who will be deactivated.
/// </summary>
public sealed class SecurityDemoApp : IAsyncLifetime
{
    public CqpJuryAppFactory Factory { get; } = new();

    internal RoomScenario Scenario { get; private set; } = default!;

    public (Guid MemberId, string Email, string Password) OtherSessionMember { get; private set; }

    public (Guid MemberId, string Email, string Password) DeactivatedMember { get; private set; }

    public Guid FontaineDocumentId { get; private set; }

    public async Task InitializeAsync()
    {
        Scenario = await RoomScenario.SeedAsync(Factory);
        await Scenario.EnterAsync(RoomScenario.Amandine);
        await Scenario.DeclareNoLinkAsync("Fontaine", RoomScenario.Amandine);
        await Scenario.DeclareNoLinkAsync("Leroy", RoomScenario.Amandine);
        OtherSessionMember = await Factory.CreateMemberWithAccountAsync("Paul", "Autresession", Seat.TradeExpert);
        DeactivatedMember = await Factory.CreateMemberWithAccountAsync("Gaston", "Desactive", Seat.TradeExpert);
        await Factory.WithDbAsync(async db =>
        {
            db.SessionMembers.Add(new App.Data.Entities.SessionMember { SessionId = Scenario.DraftSessionId, JuryMemberId = OtherSessionMember.MemberId });
            await db.SaveChangesAsync();
            FontaineDocumentId = await db.Documents.Where(d => d.DossierId == Scenario.Dossier("Fontaine")).Select(d => d.Id).FirstAsync();
        });
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class SecurityDemoAppGroup : ICollectionFixture<SecurityDemoApp>
{
    public const string Name = "Security: one demo app for the matrix and the XSS payloads";
}
