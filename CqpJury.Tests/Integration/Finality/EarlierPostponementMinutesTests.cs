using System.Text.Json;
using System.Text.RegularExpressions;
using CqpJury.App.Data.Entities;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.Services.OfficialDocuments;
using CqpJury.Domain.Deliberations;
using CqpJury.Tests.Integration.OfficialDocuments;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CqpJury.Tests.Integration.Room.RoomScenario;

namespace CqpJury.Tests.Integration.Finality;

/// <summary>R12: a dossier postponed in an earlier session keeps that history, in the minutes of the session that decides it too.</summary>
public sealed class EarlierPostponementMinutesTests
{
    private const string EarlierReason = "Pièce manquante : attestation de l'employeur.";

    [Fact]
    public async Task R12_The_minutes_of_the_session_that_decides_a_dossier_postponed_earlier_state_that_postponement()
    {
        using var factory = new CqpJuryAppFactory();
        var s = await SeedAsync(factory);
        // Leroy was postponed by a September session, closed since (as the room would have left it).
        var now = factory.Clock.GetUtcNow();
        var earlier = new JurySession
        {
            Id = Guid.NewGuid(), Title = "Jury paritaire de septembre", Date = new DateOnly(2026, 9, 15), Status = SessionStatus.Closed,
            CreatedAt = now.AddMonths(-3), ClosedAt = now.AddMonths(-2),
        };
        await factory.WithDbAsync(async db =>
        {
            db.Sessions.Add(earlier);
            db.AgendaItems.Add(new AgendaItem { Id = Guid.NewGuid(), SessionId = earlier.Id, DossierId = s.Dossier("Leroy"), Position = 1 });
            db.Deliberations.Add(new DeliberationRecord
            {
                Id = Guid.NewGuid(), SessionId = earlier.Id, DossierId = s.Dossier("Leroy"), State = DeliberationState.Postponed,
                OpenedAt = now.AddMonths(-2), PostponedAt = now.AddMonths(-2), PostponementReason = EarlierReason,
            });
            await db.SaveChangesAsync();
        });

        await ClosedSession.RunToClosingAsync(s);
        await factory.AsUserAsync(s.Email(Olivier), sp => sp.GetRequiredService<OfficialDocumentService>().IssueAsync(s.SessionId, ClosedSessionFixture.BaseUri, new ProgressRecorder()));

        IssuedDocument? minutes = null;
        await factory.WithDbAsync(async db => minutes = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.SessionId == s.SessionId && d.Kind == IssuedDocumentKind.SessionMinutes));
        var text = OfficialPdf.Read(await File.ReadAllBytesAsync(Path.Combine(factory.DataRoot, "issued", minutes!.StoredFileName))).Text;
        Assert.Matches("LEROY .*Antécédents : Ajourné lors de la session « Jury paritaire de septembre » du 15/09/2026 : " + Regex.Escape(EarlierReason), text);
        Assert.Single(Regex.Matches(text, "Antécédents")); // only Leroy has an earlier hearing
    }

    [Fact]
    public void A_minutes_dossier_without_earlier_postponement_hashes_as_before_so_minutes_issued_earlier_still_verify()
    {
        var dossier = new MinutesDossier("D-1", "X Y", "CQP", [], [], [], false, null, null, []);

        var json = JsonSerializer.Serialize(dossier);

        Assert.DoesNotContain("EarlierPostponements", json, StringComparison.Ordinal);
        Assert.Contains("EarlierPostponements", JsonSerializer.Serialize(dossier with { EarlierPostponements = ["Ajourné"] }), StringComparison.Ordinal);
    }
}
