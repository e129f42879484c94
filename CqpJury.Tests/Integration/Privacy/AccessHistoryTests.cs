using CqpJury.App.Data.Entities;
using CqpJury.App.Services;
using CqpJury.App.Services.Dossiers;
using CqpJury.App.Services.Privacy;
using CqpJury.App.Services.UploadedDocuments;
using CqpJury.Tests.Integration.Room;
using CqpJury.Tests.Integration.UploadedDocuments;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Privacy;

/// <summary>
/// R16 — who read what: every read of a dossier's personal content (room, the secretariat's dossier
/// page, each document served) is recorded with who, when, where and which document, refusals
/// included; the secretariat reads the dossier's access history, nobody else does.
/// </summary>
public sealed class AccessHistoryTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task<IReadOnlyList<DossierAccessLine>> HistoryAsync(string secretariatEmail, Guid dossierId) =>
        _factory.AsUserAsync(secretariatEmail, sp => sp.GetRequiredService<AccessHistory>().ForDossierAsync(dossierId));

    [Fact]
    public async Task R16_documents_served_the_secretariats_page_and_refusals_are_in_the_dossiers_history_newest_first()
    {
        var d = await DocumentScenario.CreateAsync(_factory);
        var documentId = await d.UploadAsync(DocumentScenario.MinimalPdf, "Outil 2 – Élodie Lefèvre.pdf");

        await _factory.AsUserAsync(d.ConvenedMember.Email, async sp =>
        {
            var opened = await sp.GetRequiredService<DocumentService>().OpenAsync(documentId);
            await opened.Content.DisposeAsync();
        });
        _factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _factory.AsUserAsync(d.ConflictedMember.Email, sp => sp.GetRequiredService<DocumentService>().OpenAsync(documentId)));
        _factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await _factory.AsUserAsync(d.SecretariatEmail, sp => sp.GetRequiredService<DossierService>().GetAsync(d.DossierId));

        var history = await HistoryAsync(d.SecretariatEmail, d.DossierId);

        Assert.Equal(3, history.Count);
        Assert.Equal([AccessPlaces.SecretariatDossierPage, "Consulter un document", AccessPlaces.UploadedDocument], history.Select(h => h.Place));
        var read = history[2];
        Assert.Equal("Léa Durand", read.UserName);
        Assert.EndsWith(" « Outil 2 – Élodie Lefèvre.pdf »", read.Document, StringComparison.Ordinal);
        Assert.StartsWith("Outil 2", read.Document, StringComparison.Ordinal);
        Assert.False(read.Refused);
        var refusal = history[1];
        Assert.Equal("Paul Martin", refusal.UserName);
        Assert.True(refusal.Refused);
        Assert.Equal(refused.Message, refusal.Reason);
        Assert.Equal(_factory.Clock.GetUtcNow().AddMinutes(-1), refusal.At);
        Assert.False(history[0].Refused);
    }

    [Fact]
    public async Task R16_a_member_without_the_sessions_commitment_is_refused_the_documents_and_the_refusal_is_recorded()
    {
        var d = await DocumentScenario.CreateAsync(_factory);
        var documentId = await d.UploadAsync(DocumentScenario.MinimalPdf);
        await _factory.WithDbAsync(db => db.ConfidentialityAcceptances.Where(c => c.SessionId == d.SessionId).ExecuteDeleteAsync());

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _factory.AsUserAsync(d.ConvenedMember.Email, sp => sp.GetRequiredService<DocumentService>().OpenAsync(documentId)));

        Assert.Contains(ConfidentialityCommitment.Required, ex.Message, StringComparison.Ordinal);
        var line = Assert.Single(await HistoryAsync(d.SecretariatEmail, d.DossierId));
        Assert.True(line.Refused);
        Assert.Equal("Léa Durand", line.UserName);
    }

    [Fact]
    public async Task R16_only_the_secretariat_reads_an_access_history()
    {
        var d = await DocumentScenario.CreateAsync(_factory);

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _factory.AsUserAsync(d.ConvenedMember.Email, sp => sp.GetRequiredService<AccessHistory>().ForDossierAsync(d.DossierId)));
    }

    [Fact]
    public async Task R16_a_room_read_is_recorded_once_per_page_and_a_member_in_conflict_is_recorded_as_kept_out()
    {
        var s = await SeedAsync(_factory);
        await s.EnterAllWithPresidentAsync();
        await s.DeclareNoLinkAsync("Leroy", Amandine);

        await s.AsAsync(Amandine, async room =>
        {
            for (var reload = 0; reload < 3; reload++)
            {
                var view = await room.GetRoomAndDossierAsync(s.SessionId, s.Dossier("Leroy"));
                Assert.NotNull(view.Dossier?.Content);
            }
        });
        var fontaine = await s.DossierAsync(Helene, "Fontaine"); // Hélène has a known link with Élodie Fontaine's employer

        var leroy = await HistoryAsync(s.SecretariatEmail, s.Dossier("Leroy"));
        var read = Assert.Single(leroy);
        Assert.Equal(("Amandine Roux", AccessPlaces.Room, false), (read.UserName, read.Place, read.Refused));
        Assert.Null(fontaine.Content);
        var keptOut = Assert.Single(await HistoryAsync(s.SecretariatEmail, s.Dossier("Fontaine")));
        Assert.True(keptOut.Refused);
        Assert.Equal(AccessPlaces.Room, keptOut.Place);
        Assert.StartsWith("Conflit d'intérêts", keptOut.Reason, StringComparison.Ordinal);
    }
}
