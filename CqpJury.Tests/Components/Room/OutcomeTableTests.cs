using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.Domain.Outcomes;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

/// <summary>R4.1 in the room: the end of validity shown beside each competence, by the same rule as the documents.</summary>
public sealed class OutcomeTableTests : MudBunitContext
{
    [Fact]
    public void R4_1_A_full_award_shows_no_end_of_validity_in_the_room()
    {
        var awarded = new OutcomeResult(DecisionOutcome.Awarded,
        [
            new CompetenceResult(C1, CompetenceStanding.ValidatedNow, new DateOnly(2031, 6, 15)),
            new CompetenceResult(C2, CompetenceStanding.ValidatedNow, new DateOnly(2031, 6, 15)),
            new CompetenceResult(C3, CompetenceStanding.StillHeld, new DateOnly(2029, 3, 4)),
            new CompetenceResult(C4, CompetenceStanding.ValidatedNow, new DateOnly(2031, 6, 15)),
        ]);

        var cut = Render<OutcomeTable>(p => p.Add(x => x.Outcome, awarded).Add(x => x.Content, Content()));

        Assert.Equal($"Compétence 1 – {C1Title} ✔ Validée", cut.Find("tr[data-competence=C1]").Text());
        Assert.Equal($"Compétence 3 – {C3Title} ✔ Déjà validée", cut.Find("tr[data-competence=C3]").Text());
        Assert.DoesNotContain("jusqu'au", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("Résultat : Délivrance du CQP – CQP DÉLIVRÉ", cut.Find("[data-testid=outcome]").Text());
    }
}
