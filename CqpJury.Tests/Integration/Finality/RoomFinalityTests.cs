using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Deliberations;
using CqpJury.Tests.Integration.OfficialDocuments;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Finality;

/// <summary>
/// In the room: signed or postponed dossiers stay done, closing leaves no dossier on screen and is
/// journaled once, a signature is journaled once and every refused one too (with the sign-in
/// lockout's policy), and the database keeps a dossier to one signed decision even when two
/// instances sign at the same moment.
/// </summary>
public sealed class RoomFinalityTests
{
    private static Task<int> CountAsync(RoomScenario s, string action) =>
        s.AuditAsync().ContinueWith(t => t.Result.Count(a => a.Action == action), TaskScheduler.Default);

    /// <summary>Leroy's dossier decided (every member approved), not yet signed.</summary>
    private static async Task<RoomScenario> LeroyDecidedAsync(CqpJuryAppFactory factory)
    {
        var s = await SeedAsync(factory);
        await s.OpenLeroyVoteAsync();
        foreach (var name in Everyone)
        {
            await s.VoteAsync(name, "Leroy", VoteChoice.Approve);
        }

        Assert.Equal(DeliberationState.Decided, (await s.DossierAsync(Olivier, "Leroy")).Deliberation!.State);
        return s;
    }

    [Fact]
    public async Task R12_A_signed_or_postponed_dossier_is_never_put_back_under_deliberation_and_the_refusal_is_journaled()
    {
        using var factory = new CqpJuryAppFactory();
        var s = await LeroyDecidedAsync(factory);
        await s.AsAsync(Olivier, room => room.SignAsync(s.SessionId, s.Dossier("Leroy"), s.Password(Olivier)));
        await s.DeclareNoLinkAsync("Perrin", Amandine, Karim, Helene, Olivier);
        await s.AsAsync(Olivier, room => room.PostponeAsync(s.SessionId, s.Dossier("Perrin"), ClosedSession.PerrinReason));
        await s.AsAsync(Olivier, room => room.SetCurrentDossierAsync(s.SessionId, s.Dossier("Mercier")));

        foreach (var done in new[] { "Leroy", "Perrin" })
        {
            var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
                s.AsAsync(Olivier, room => room.SetCurrentDossierAsync(s.SessionId, s.Dossier(done))));
            Assert.StartsWith("Ce dossier est déjà traité", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(s.Dossier("Mercier"), (await s.SessionAsync()).CurrentDossierId);
        Assert.Equal(2, await CountAsync(s, "Refus : Passer au dossier"));
        var leroy = (await s.RoomAsync(Karim)).Agenda.Single(a => a.DossierId == s.Dossier("Leroy"));
        Assert.Equal(AgendaItemStatus.DecisionSigned, leroy.Status);
        var reading = await s.DossierAsync(Karim, "Leroy"); // still shown for reading
        Assert.NotNull(reading.Content);
        Assert.NotNull(reading.Deliberation?.SignedAt);
    }

    [Fact]
    public async Task Closing_is_previewed_for_the_president_only_then_leaves_no_dossier_on_any_screen_and_closing_again_writes_nothing()
    {
        using var factory = new CqpJuryAppFactory();
        var s = await SeedAsync(factory);
        await ClosedSession.RunToClosingAsync(s, close: false);
        // The last dossier the president had put on screen.
        await factory.WithDbAsync(db => db.Sessions.Where(x => x.Id == s.SessionId).ExecuteUpdateAsync(u => u.SetProperty(x => x.CurrentDossierId, s.Dossier("Leroy"))));
        Assert.Equal(s.Dossier("Leroy"), (await s.RoomAsync(Karim)).CurrentDossierId);

        // What the president confirms: the counts of this session; another member may not even ask.
        var preview = await s.AsAsync(Olivier, room => room.PreviewClosingAsync(s.SessionId));
        Assert.Equal(ClosingPreview.Of(signedDecisions: 5, postponedDossiers: 1).Lines, preview.Lines);
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => s.AsAsync(Karim, room => room.PreviewClosingAsync(s.SessionId)));
        Assert.Equal("Cette action est réservée au président de séance.", refused.Message);
        Assert.Equal(SessionStatus.Open, (await s.SessionAsync()).Status); // asking closes nothing

        await s.AsAsync(Olivier, room => room.CloseSessionAsync(s.SessionId));
        await s.AsAsync(Olivier, room => room.CloseSessionAsync(s.SessionId)); // a double click

        var session = await s.SessionAsync();
        Assert.Equal(SessionStatus.Closed, session.Status);
        Assert.Null(session.CurrentDossierId);
        Assert.Null((await s.RoomAsync(Karim)).CurrentDossierId);
        var closing = Assert.Single(await s.AuditAsync(), a => a.Action == "Clôture de la session");
        Assert.StartsWith("5 décisions signées, 1 dossier ajourné ; ", closing.Details, StringComparison.Ordinal); // then what the outbox holds (issue 20)
        Assert.Equal(0, await CountAsync(s, "Refus : Clôturer la session"));
    }

    [Fact]
    public async Task A_dossier_put_on_screen_twice_is_journaled_once()
    {
        using var factory = new CqpJuryAppFactory();
        var s = await SeedAsync(factory);
        await s.EnterAllWithPresidentAsync(Olivier);

        await s.AsAsync(Olivier, room => room.SetCurrentDossierAsync(s.SessionId, s.Dossier("Mercier")));
        await s.AsAsync(Olivier, room => room.SetCurrentDossierAsync(s.SessionId, s.Dossier("Mercier")));

        Assert.Equal(1, await CountAsync(s, "Dossier mis en délibération à l'écran"));
    }

    [Fact]
    public async Task R14_A_wrong_password_is_journaled_five_lock_signing_for_fifteen_minutes_then_the_chair_signs_once()
    {
        using var factory = new CqpJuryAppFactory();
        // The instance's attempt limiter (issue 23) counts on the real clock, which this test does not move:
        // set aside here, so that what is proven is the journal's lock (shared by every instance, on the app's clock).
        factory.Settings["RateLimits:SigningPassword:PerAccount"] = "1000";
        var s = await LeroyDecidedAsync(factory);
        Task Sign(string password) => s.AsAsync(Olivier, room => room.SignAsync(s.SessionId, s.Dossier("Leroy"), password));

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await Assert.ThrowsAsync<InputValidationException>(() => Sign("pas-le-bon-mot-de-passe"));
            Assert.Equal("Mot de passe incorrect : la décision n'a pas été signée.", Assert.Single(wrong.Errors).Message);
            factory.Clock.Advance(TimeSpan.FromMinutes(2));
        }

        var fifth = await Assert.ThrowsAsync<InputValidationException>(() => Sign("encore-faux"));
        Assert.Contains("Signature verrouillée : 5 mots de passe incorrects en 15 minutes.", Assert.Single(fifth.Errors).Message, StringComparison.Ordinal);
        factory.Clock.Advance(TimeSpan.FromMinutes(14));
        var locked = await Assert.ThrowsAsync<InputValidationException>(() => Sign(s.Password(Olivier)));
        Assert.StartsWith("Signature verrouillée", Assert.Single(locked.Errors).Message, StringComparison.Ordinal);
        Assert.Null((await s.DossierAsync(Olivier, "Leroy")).Deliberation!.SignedAt);

        factory.Clock.Advance(TimeSpan.FromMinutes(1.5));
        await Sign(s.Password(Olivier));
        await Sign(s.Password(Olivier)); // a double click: nothing new

        var journal = await s.AuditAsync();
        var refusals = journal.Where(a => a.Action == "Refus : signature — mot de passe incorrect").ToList();
        Assert.Equal(5, refusals.Count);
        Assert.All(refusals, r => Assert.Equal((s.SessionId, s.Dossier("Leroy"), "Olivier Garnier"), (r.SessionId!.Value, r.DossierId!.Value, r.UserName)));
        Assert.Single(journal, a => a.Action == "Refus : signature — verrouillée");
        Assert.Single(journal, a => a.Action == "Décision signée");
        Assert.Single(await s.FactsAsync("Leroy"), f => f.Kind == DeliberationEventKind.DecisionSigned);
    }

    [Fact]
    public async Task R12_Two_instances_signing_one_dossier_at_the_same_moment_store_one_signature_and_one_journal_line()
    {
        var barrier = new SaveBarrier();
        using var first = new SharedBarrierAppFactory(null, barrier);
        var s = await LeroyDecidedAsync(first);
        using var second = new SharedBarrierAppFactory(first.DataRoot, barrier);
        _ = second.Server;
        barrier.Arm<DeliberationEvent>();

        await Task.WhenAll(SignOn(first), SignOn(second));

        Assert.Single(await s.FactsAsync("Leroy"), f => f.Kind == DeliberationEventKind.DecisionSigned);
        Assert.Single(await s.AuditAsync(), a => a.Action == "Décision signée");
        Assert.Equal(2, barrier.Arrived);

        Task SignOn(CqpJuryAppFactory factory) =>
            factory.AsUserAsync(s.Email(Olivier), sp => sp.GetRequiredService<RoomService>().SignAsync(s.SessionId, s.Dossier("Leroy"), s.Password(Olivier)));
    }

    [Fact]
    public async Task R12_Two_instances_signing_one_dossier_in_two_sessions_at_the_same_moment_end_with_exactly_one_signed_decision()
    {
        var barrier = new SaveBarrier();
        using var first = new SharedBarrierAppFactory(null, barrier);
        var s = await LeroyDecidedAsync(first);
        using var second = new SharedBarrierAppFactory(first.DataRoot, barrier);
        var proposal = (await s.DossierAsync(Olivier, "Leroy")).Deliberation!.Proposal!;

        // A second open session holding the same dossier, as the old bug allowed (crafted in the database: the agenda refuses it now).
        var other = EntityBuilders.Session(DateOnly.FromDateTime(first.Clock.GetUtcNow().UtcDateTime), "Session parallèle", SessionStatus.Open);
        other.PresidentMemberId = s.Member(Olivier);
        await first.WithDbAsync(async db =>
        {
            db.Sessions.Add(other);
            db.SessionMembers.AddRange(Everyone.Select(n => new SessionMember { SessionId = other.Id, JuryMemberId = s.Member(n) }));
            db.AgendaItems.Add(new AgendaItem { Id = Guid.NewGuid(), SessionId = other.Id, DossierId = s.Dossier("Leroy"), Position = 1 });
            await db.SaveChangesAsync();
        });
        Task As(string name, Func<RoomService, Task> work) => second.AsUserAsync(s.Email(name), sp => work(sp.GetRequiredService<RoomService>()));
        foreach (var name in Everyone)
        {
            await As(name, room => room.AcceptConfidentialityAsync(other.Id)); // R16: the commitment comes first in every session
            await As(name, room => room.EnterAsync(other.Id));
            await As(name, room => room.DeclareConflictAsync(other.Id, s.Dossier("Leroy"), false, null));
        }

        await As(Olivier, room => room.ProposeAsync(other.Id, s.Dossier("Leroy"), proposal));
        foreach (var name in Everyone)
        {
            await As(name, room => room.VoteAsync(other.Id, s.Dossier("Leroy"), VoteChoice.Approve));
        }

        barrier.Arm<DeliberationEvent>();
        var results = await Task.WhenAll(
            Attempt(first.AsUserAsync(s.Email(Olivier), sp => sp.GetRequiredService<RoomService>().SignAsync(s.SessionId, s.Dossier("Leroy"), s.Password(Olivier)))),
            Attempt(As(Olivier, room => room.SignAsync(other.Id, s.Dossier("Leroy"), s.Password(Olivier)))));

        Assert.Equal(2, barrier.Arrived);
        Assert.Single(results, r => r is null);
        var refusal = Assert.IsType<AccessDeniedException>(Assert.Single(results, r => r is not null));
        Assert.Contains("a déjà fait l'objet d'une décision signée", refusal.Message, StringComparison.Ordinal);
        await first.WithDbAsync(async db =>
            Assert.Equal(1, await db.Deliberations.CountAsync(d => d.DossierId == s.Dossier("Leroy") && d.SignedAt != null)));
        Assert.Single(await s.AuditAsync(), a => a.Action == "Décision signée");
        Assert.Single(await s.AuditAsync(), a => a.Action == "Refus : Signer la décision");

        static async Task<Exception?> Attempt(Task signing)
        {
            try
            {
                await signing;
                return null;
            }
            catch (UserFacingException ex)
            {
                return ex;
            }
        }
    }
}
