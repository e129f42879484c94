using CqpJury.App.Realtime;
using CqpJury.App.Services;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Room;

public sealed class RoomEntryAndPresidencyTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_convened_member_who_enters_appears_present_to_the_others_and_is_recorded_as_attending()
    {
        var s = await SeedAsync(_factory);

        var own = await s.AsAsync(Amandine, room => room.EnterAsync(s.SessionId));
        var seenByKarim = await s.RoomAsync(Karim);

        Assert.Equal(s.Member(Amandine), own.MyMemberId);
        Assert.Equal(5, seenByKarim.Members.Count);
        var amandine = Assert.Single(seenByKarim.Members, m => m.Id == s.Member(Amandine));
        Assert.True(amandine.Present);
        Assert.Equal(_factory.Clock.GetUtcNow(), amandine.FirstJoinedAt);
        Assert.False(seenByKarim.Members.Single(m => m.Id == s.Member(Karim)).Present);
        Assert.Equal(6, seenByKarim.Agenda.Count);
        Assert.Contains(await s.AuditAsync(), a => a.Action == "Entrée en salle" && a.SessionId == s.SessionId && a.UserName == "Amandine Roux");
    }

    [Fact]
    public async Task A_member_not_convened_to_the_session_is_refused_in_French_and_the_refusal_is_audited()
    {
        var s = await SeedAsync(_factory);
        var (memberId, email, _) = await _factory.CreateMemberWithAccountAsync("Lucie", "Martin", Seat.EmployeeRepresentative);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _factory.AsUserAsync(email, sp => sp.GetRequiredService<App.Services.Room.RoomService>().EnterAsync(s.SessionId)));

        Assert.Equal("Vous n'êtes pas convoqué(e) à cette session de jury.", refused.Message);
        var entry = Assert.Single(await s.AuditAsync(), a => a.Action.StartsWith("Refus", StringComparison.Ordinal));
        Assert.Equal("Refus : Entrer dans la salle", entry.Action);
        Assert.Equal(s.SessionId, entry.SessionId);
        Assert.Equal("Lucie Martin", entry.UserName);
        Assert.DoesNotContain(memberId, _factory.Services.GetRequiredService<PresenceRegistry>().PresentMembers(s.SessionId));
        Assert.DoesNotContain((await s.RoomAsync(Karim)).Members, m => m.Id == memberId);
    }

    [Fact]
    public async Task The_secretariat_account_cannot_enter_a_deliberation_room()
    {
        var s = await SeedAsync(_factory);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _factory.AsUserAsync(s.SecretariatEmail, sp => sp.GetRequiredService<App.Services.Room.RoomService>().EnterAsync(s.SessionId)));

        Assert.Equal("Seuls les membres du jury convoqués à cette session peuvent entrer dans la salle.", refused.Message);
        Assert.Contains(await s.AuditAsync(), a => a.Action == "Refus : Entrer dans la salle" && a.SessionId == s.SessionId);
    }

    [Fact]
    public async Task A_convened_member_cannot_enter_the_room_of_a_draft_session()
    {
        var s = await SeedAsync(_factory);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            s.AsAsync(Amandine, room => room.EnterAsync(s.DraftSessionId)));

        Assert.Equal("La session n'est pas encore ouverte par le secrétariat : la salle de délibération n'est pas accessible.", refused.Message);
        Assert.Empty(_factory.Services.GetRequiredService<PresenceRegistry>().PresentMembers(s.DraftSessionId));
        Assert.Contains(await s.AuditAsync(), a => a.Action == "Refus : Entrer dans la salle" && a.SessionId == s.DraftSessionId);
        await _factory.WithDbAsync(async db => Assert.False(await db.Attendances.AnyAsync(a => a.SessionId == s.DraftSessionId)));
    }

    [Fact]
    public async Task R8_three_present_members_without_expert_and_without_parity_get_the_composition_findings_in_French()
    {
        var s = await SeedAsync(_factory);

        await s.EnterAsync(Amandine, Karim, Olivier);
        var room = await s.RoomAsync(Olivier);

        Assert.NotEmpty(room.PresentCompositionFindings);
        Assert.All(room.PresentCompositionFindings, f => Assert.Equal("R8", f.RuleId));
        var messages = room.PresentCompositionFindings.Select(f => f.Message).ToList();
        Assert.Contains("Le jury présent doit comprendre un expert métier.", messages);
        Assert.Contains(messages, m => m.Contains("n'est pas paritaire", StringComparison.Ordinal));
    }

    [Fact]
    public async Task R8_the_five_convened_members_present_form_a_valid_jury()
    {
        var s = await SeedAsync(_factory);

        await s.EnterAsync(Everyone);
        var room = await s.RoomAsync(Sophie);

        Assert.Empty(room.PresentCompositionFindings);
        Assert.All(room.Members, m => Assert.True(m.Present, m.Name));
    }

    [Fact]
    public async Task R9_the_president_is_designated_when_every_present_member_has_accepted_and_it_is_published_after_the_commit()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAsync(Everyone);
        var seen = new List<(RoomEventKind Kind, Guid? PresidentInDb)>();
        using var subscription = s.Subscribe(async e =>
        {
            if (e.Kind == RoomEventKind.PresidencyChanged)
            {
                var session = await s.SessionAsync();
                lock (seen)
                {
                    seen.Add((e.Kind, session.PresidentMemberId));
                }
            }
        });

        await s.AsAsync(Amandine, room => room.ProposePresidentAsync(s.SessionId, s.Member(Olivier)));
        foreach (var name in new[] { Karim, Helene, Olivier })
        {
            await s.AsAsync(name, room => room.AcceptPresidentAsync(s.SessionId));
        }

        var pending = await s.RoomAsync(Sophie);
        Assert.Null(pending.PresidentId);
        Assert.NotNull(pending.PresidencyProposal);
        Assert.Equal(s.Member(Olivier), pending.PresidencyProposal.CandidateId);
        Assert.Equal([s.Member(Sophie)], pending.PresidencyProposal.AwaitedFrom);
        var beforeLast = seen.Count;

        await s.AsAsync(Sophie, room => room.AcceptPresidentAsync(s.SessionId));

        var room = await s.RoomAsync(Karim);
        Assert.Equal(s.Member(Olivier), room.PresidentId);
        Assert.Equal("Olivier Garnier", room.PresidentName);
        Assert.Null(room.PresidencyProposal);
        Assert.False(room.IAmPresident);
        Assert.True((await s.RoomAsync(Olivier)).IAmPresident);
        Assert.True(beforeLast >= 4, "the proposal and each acceptance are published");
        Assert.All(seen.Take(beforeLast), e => Assert.Null(e.PresidentInDb));
        Assert.True(seen.Count > beforeLast);
        Assert.Equal(s.Member(Olivier), seen[^1].PresidentInDb);
        Assert.Contains(await s.AuditAsync(), a => a.Action == "Président désigné" && a.SessionId == s.SessionId);
    }

    [Fact]
    public async Task R9_only_a_present_member_can_be_proposed_as_president()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAsync(Amandine, Karim, Olivier);

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            s.AsAsync(Amandine, room => room.ProposePresidentAsync(s.SessionId, s.Member(Sophie))));

        Assert.Equal("Le président doit être choisi parmi les membres présents.", refused.Message);
        Assert.Null((await s.RoomAsync(Amandine)).PresidencyProposal);
    }

    [Fact]
    public async Task R9_the_president_moves_the_agenda_but_a_non_president_cannot_change_the_current_dossier_nor_close_the_session()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAllWithPresidentAsync(Olivier);

        await s.AsAsync(Olivier, room => room.SetCurrentDossierAsync(s.SessionId, s.Dossier("Mercier")));
        var moved = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            s.AsAsync(Karim, room => room.SetCurrentDossierAsync(s.SessionId, s.Dossier("Leroy"))));
        var closed = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            s.AsAsync(Karim, room => room.CloseSessionAsync(s.SessionId)));

        Assert.Equal("Cette action est réservée au président de séance.", moved.Message);
        Assert.Equal("Cette action est réservée au président de séance.", closed.Message);
        Assert.Equal(s.Dossier("Mercier"), (await s.RoomAsync(Amandine)).CurrentDossierId);
        var audit = await s.AuditAsync();
        Assert.Contains(audit, a => a.Action == "Refus : Passer au dossier" && a.UserName == "Karim Benali");
        Assert.Contains(audit, a => a.Action == "Refus : Clôturer la session" && a.UserName == "Karim Benali");
        Assert.Equal(App.Data.Entities.SessionStatus.Open, (await s.SessionAsync()).Status);
    }

    [Fact]
    public async Task R9_two_last_acceptances_at_the_same_moment_designate_the_president()
    {
        using var factory = new BarrierAppFactory();
        var s = await SeedAsync(factory);
        await s.EnterAsync(Everyone);
        await s.AsAsync(Amandine, room => room.ProposePresidentAsync(s.SessionId, s.Member(Olivier)));
        await s.AsAsync(Karim, room => room.AcceptPresidentAsync(s.SessionId));
        await s.AsAsync(Helene, room => room.AcceptPresidentAsync(s.SessionId));

        factory.Barrier.Arm<App.Data.Entities.PresidencyEvent>();
        var olivier = s.AsAsync(Olivier, room => room.AcceptPresidentAsync(s.SessionId));
        var sophie = s.AsAsync(Sophie, room => room.AcceptPresidentAsync(s.SessionId));
        var outcome = await Task.WhenAll(Capture(olivier), Capture(sophie));
        factory.Barrier.Disarm();

        Assert.Equal(2, factory.Barrier.Arrived);
        Assert.Equal(s.Member(Olivier), (await s.RoomAsync(Amandine)).PresidentId);
        Assert.All(outcome, e => Assert.Null(e));
    }

    private static async Task<Exception?> Capture(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ex;
        }
    }
}
