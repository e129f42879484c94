using CqpJury.App.Services.Room;
using CqpJury.Domain.Evaluations;
using Microsoft.AspNetCore.Components;

namespace CqpJury.App.Components.Pages.Room;

/// <summary>
/// A dossier's content as the jury examines it: the candidate, the grids (R2), the observations (R13), the documents.
/// Only a content the member may see is ever passed here (R10.2).
/// </summary>
public sealed partial class DossierContentView
{
    // The status texts, built once: the grids show one per element.
    private static readonly Dictionary<ElementStatus, string> StatusTexts = Enum.GetValues<ElementStatus>().ToDictionary(s => s, s => s switch
    {
        ElementStatus.Acquired => "✔ " + s.ToFrench(),
        ElementStatus.NotAcquired => "✘ " + s.ToFrench(),
        _ => "– " + s.ToFrench(),
    });

    /// <summary>
    /// The page's largest part: rendered again only for another content (<see cref="RoomPart"/>). The room's pages share one
    /// instance per unchanged dossier (SharedDossierContents), so a reload after a vote leaves it as it is.
    /// </summary>
    [Parameter, EditorRequired]
    public DossierContent Content { get; set; } = default!;

    private static string StatusText(ElementStatus status) => StatusTexts[status];

    private static string Assessment(CompetenceView competence) =>
        $"Évaluateurs : {competence.EvaluatorsSayMastered switch { true => "maîtrisée", false => "non maîtrisée", null => "non évaluée" }} · Grille : {(competence.Mastery?.IsMastered == true ? "✔ maîtrisée" : "✘ non maîtrisée")}";

    private static string Validability(CompetenceView competence) =>
        competence.MayBeValidated ? " · peut être validée" : " · ne peut pas être validée";
}
