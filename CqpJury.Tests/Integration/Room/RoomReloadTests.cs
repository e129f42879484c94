using CqpJury.App.Realtime;
using CqpJury.App.Services.UploadedDocuments;
using CqpJury.Domain.Dossiers;
using CqpJury.Tests.Integration.UploadedDocuments;
using Microsoft.Extensions.DependencyInjection;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Deliberations;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Room;

/// <summary>
/// What a room page reloads after each event (RoomService.GetRoomAndDossierAsync: the room and the
/// dossier shown, from one check and one read) and the events a page may skip (its own commands').
/// </summary>
public sealed class RoomReloadTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task R10_2_the_reload_follows_the_current_dossier_and_gives_a_member_in_conflict_no_content()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAllWithPresidentAsync();
        await s.AsAsync(Olivier, room => room.SetCurrentDossierAsync(s.SessionId, s.Dossier("Fontaine")));
        await s.DeclareNoLinkAsync("Fontaine", Karim);

        var (helenesRoom, helenes) = await s.AsAsync(Helene, room => room.GetRoomAndDossierAsync(s.SessionId, null));
        var (karimsRoom, karims) = await s.AsAsync(Karim, room => room.GetRoomAndDossierAsync(s.SessionId, null));

        // Hélène has a known conflict with the dossier on screen: no content, no candidate name.
        Assert.Equal(s.Dossier("Fontaine"), helenesRoom.CurrentDossierId);
        Assert.NotNull(helenes);
        Assert.Equal(s.Dossier("Fontaine"), helenes.DossierId);
        Assert.Equal(Participation.Recused, helenes.Participation);
        Assert.Null(helenes.Content);
        Assert.Null(helenes.Deliberation);
        Assert.DoesNotContain("Fontaine", helenesRoom.Agenda.Single(a => a.DossierId == s.Dossier("Fontaine")).Label, StringComparison.OrdinalIgnoreCase);

        // Karim declared no link: the same call gives him the content, as GetDossierAsync does.
        Assert.NotNull(karims);
        Assert.Equal(Participation.Participant, karims.Participation);
        Assert.NotNull(karims.Content);
        var alone = await s.DossierAsync(Karim, "Fontaine");
        Assert.Equal(alone.Content!.CandidateName, karims.Content.CandidateName);
        Assert.Equal(alone.Content.Competences.Select(c => c.Code), karims.Content.Competences.Select(c => c.Code));
        Assert.Equal((await s.RoomAsync(Karim)).Agenda.Select(a => a.Label), karimsRoom.Agenda.Select(a => a.Label));
    }

    [Fact]
    public async Task The_reload_shows_another_dossier_when_the_member_looks_at_one_and_none_before_any_is_on_screen()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAllWithPresidentAsync();

        var (_, nothing) = await s.AsAsync(Karim, room => room.GetRoomAndDossierAsync(s.SessionId, null));
        var (_, viewed) = await s.AsAsync(Karim, room => room.GetRoomAndDossierAsync(s.SessionId, s.Dossier("Leroy")));

        Assert.Null(nothing);
        Assert.NotNull(viewed);
        Assert.Equal(s.Dossier("Leroy"), viewed.DossierId);
        Assert.Equal(Participation.MustDeclare, viewed.Participation);
        Assert.Null(viewed.Content);
    }

    [Fact]
    public async Task A_vote_event_is_the_voting_pages_own_command_and_no_other_pages()
    {
        var s = await SeedAsync(_factory);
        var dossierId = await s.OpenLeroyVoteAsync();
        using var events = s.RecordEvents();

        RoomEvent? vote = null;
        await s.AsAsync(Amandine, async room =>
        {
            await room.VoteAsync(s.SessionId, dossierId, VoteChoice.Approve);
            vote = await DeliberationEventAsync(events);
            Assert.True(room.IsOwnCommand(vote), "the voter's page reloads after its own vote and may skip its event");
        });

        Assert.NotNull(vote);
        await s.AsAsync(Karim, room =>
        {
            Assert.False(room.IsOwnCommand(vote), "another member's page must reload");
            Assert.False(room.IsOwnCommand(vote with { Origin = null }));
            return Task.CompletedTask;
        });
    }

    private static async Task<RoomEvent> DeliberationEventAsync(EventLog events)
    {
        for (var i = 0; i < 100; i++)
        {
            if (events.Seen.LastOrDefault(e => e.Kind == RoomEventKind.DeliberationChanged) is { } found)
            {
                return found;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("No DeliberationChanged event after the vote.");
    }

    [Fact]
    public async Task Members_shown_the_same_dossier_hold_one_content_and_a_document_added_during_the_session_is_seen_at_the_next_reload()
    {
        var s = await SeedAsync(_factory);
        var dossierId = await s.OpenLeroyVoteAsync();

        var (_, amandines) = await s.AsAsync(Amandine, room => room.GetRoomAndDossierAsync(s.SessionId, dossierId));
        await s.VoteAsync(Karim, "Leroy", VoteChoice.Approve);
        var (_, karims) = await s.AsAsync(Karim, room => room.GetRoomAndDossierAsync(s.SessionId, dossierId));

        // Read twice from the database, equal: the second reload gives the instance already shown.
        Assert.NotNull(amandines?.Content);
        Assert.NotNull(karims?.Content);
        Assert.Same(amandines.Content, karims.Content);
        Assert.NotSame(amandines.Deliberation, karims.Deliberation);

        // The secretariat adds a document to the dossier during the session: the next reload has it.
        var documents = amandines.Content.Documents.Count;
        await _factory.AsUserAsync(s.SecretariatEmail, sp => sp.GetRequiredService<DocumentService>()
            .UploadAsync(dossierId, DocumentKind.Outil2, "Outil 2 complémentaire.pdf", new MemoryStream(DocumentScenario.MinimalPdf)));
        var (_, after) = await s.AsAsync(Amandine, room => room.GetRoomAndDossierAsync(s.SessionId, dossierId));

        Assert.NotNull(after?.Content);
        Assert.NotSame(amandines.Content, after.Content);
        Assert.Equal(documents + 1, after.Content.Documents.Count);
        Assert.Contains(after.Content.Documents, d => d.FileName == "Outil 2 complémentaire.pdf");
    }
}
