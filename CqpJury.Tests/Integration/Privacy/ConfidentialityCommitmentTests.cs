using CqpJury.App.Services;
using CqpJury.App.Services.Privacy;
using CqpJury.App.Services.Room.Commands;
using CqpJury.App.Services.Sessions;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Privacy;

/// <summary>
/// R16 — the confidentiality commitment: before their first entry into a session's room a member
/// accepts it; until then the server shows them nothing of the session (room or dossier), refusing
/// keeps them out, and the acceptance is recorded and shown on the session's attendance.
/// </summary>
public sealed class ConfidentialityCommitmentTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>The scenario with Amandine's acceptance taken back: she comes to the room for the first time.</summary>
    private async Task<RoomScenario> FirstTimeForAmandineAsync()
    {
        var s = await SeedAsync(_factory);
        await _factory.WithDbAsync(db => db.ConfidentialityAcceptances
            .Where(c => c.SessionId == s.SessionId && c.JuryMemberId == s.Member(Amandine)).ExecuteDeleteAsync());
        return s;
    }

    [Fact]
    public async Task R16_before_accepting_a_member_cannot_enter_nor_read_the_room_or_a_dossier_and_no_attendance_is_recorded()
    {
        var s = await FirstTimeForAmandineAsync();

        var entering = await Assert.ThrowsAsync<ConfidentialityRequiredException>(() => s.AsAsync(Amandine, room => room.EnterAsync(s.SessionId)));
        var room = await Assert.ThrowsAsync<AccessDeniedException>(() => s.RoomAsync(Amandine));
        var dossier = await Assert.ThrowsAsync<AccessDeniedException>(() => s.DossierAsync(Amandine, "Leroy"));
        var both = await Assert.ThrowsAsync<AccessDeniedException>(() => s.AsAsync(Amandine, r => r.GetRoomAndDossierAsync(s.SessionId, s.Dossier("Leroy"))));

        Assert.Equal(ConfidentialityCommitment.Required, entering.Message);
        Assert.All([room, dossier, both], ex => Assert.Equal(ConfidentialityCommitment.Required, ex.Message));
        await _factory.WithDbAsync(async db =>
            Assert.False(await db.Attendances.AnyAsync(a => a.SessionId == s.SessionId && a.JuryMemberId == s.Member(Amandine))));
        var audit = await s.AuditAsync();
        Assert.Contains(audit, a => a.Action == "Refus : Consulter un dossier" && a.UserName == "Amandine Roux" && a.Details == ConfidentialityCommitment.Required);
    }

    [Fact]
    public async Task R16_refusing_the_commitment_is_journaled_and_keeps_the_member_out()
    {
        var s = await FirstTimeForAmandineAsync();

        await s.AsAsync(Amandine, room => room.DeclineConfidentialityAsync(s.SessionId));

        await Assert.ThrowsAsync<ConfidentialityRequiredException>(() => s.AsAsync(Amandine, room => room.EnterAsync(s.SessionId)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => s.RoomAsync(Amandine));
        Assert.Contains(await s.AuditAsync(), a => a.Action == DeclineConfidentiality.JournalAction && a.UserName == "Amandine Roux" && a.SessionId == s.SessionId);
        await _factory.WithDbAsync(async db =>
            Assert.False(await db.ConfidentialityAcceptances.AnyAsync(c => c.SessionId == s.SessionId && c.JuryMemberId == s.Member(Amandine))));
    }

    [Fact]
    public async Task R16_accepting_records_who_when_and_which_text_once_lets_the_member_in_and_shows_on_the_sessions_attendance()
    {
        var s = await FirstTimeForAmandineAsync();
        var acceptedAt = _factory.Clock.GetUtcNow();

        await Task.WhenAll(
            s.AsAsync(Amandine, room => room.AcceptConfidentialityAsync(s.SessionId)),
            s.AsAsync(Amandine, room => room.AcceptConfidentialityAsync(s.SessionId))); // two pages, or a double click
        _factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var view = await s.AsAsync(Amandine, room => room.EnterAsync(s.SessionId));
        var leroy = await s.DossierAsync(Amandine, "Leroy");

        Assert.Equal(s.Member(Amandine), view.MyMemberId);
        Assert.Equal(6, view.Agenda.Count);
        Assert.Equal(s.Dossier("Leroy"), leroy.DossierId);
        await _factory.WithDbAsync(async db =>
        {
            var acceptance = await db.ConfidentialityAcceptances.AsNoTracking().SingleAsync(c => c.SessionId == s.SessionId && c.JuryMemberId == s.Member(Amandine));
            Assert.Equal(acceptedAt, acceptance.AcceptedAt);
            Assert.Equal(ConfidentialityCommitment.Version, acceptance.TextVersion);
        });
        Assert.Single(await s.AuditAsync(), a => a.Action == AcceptConfidentiality.JournalAction && a.UserName == "Amandine Roux");

        var details = await _factory.AsUserAsync(s.SecretariatEmail, sp => sp.GetRequiredService<SessionAdminService>().GetAsync(s.SessionId));
        var amandine = details.Members.Single(m => m.Id == s.Member(Amandine));
        Assert.Equal(acceptedAt, amandine.CommitmentAcceptedAt);
        Assert.Equal(acceptedAt.AddMinutes(2), amandine.FirstJoinedAt);
    }
}
