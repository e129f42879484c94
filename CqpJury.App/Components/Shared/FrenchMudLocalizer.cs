using Microsoft.Extensions.Localization;
using MudBlazor;

namespace CqpJury.App.Components.Shared;

/// <summary>
/// MudBlazor's own words (close buttons, pickers, pagers, "required"…) in French: users never read
/// English. Keys not listed fall back to MudBlazor's English text.
/// </summary>
public sealed class FrenchMudLocalizer : MudLocalizer
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        ["MudAlert_Close"] = "Fermer",
        ["MudSnackbar_Close"] = "Fermer le message",
        ["MudDialog_Close"] = "Fermer",
        ["MudChip_Close"] = "Retirer",
        ["MudInput_Clear"] = "Effacer",
        ["MudInput_Increment"] = "Augmenter",
        ["MudInput_Decrement"] = "Diminuer",
        ["MudFormComponent_Required"] = "Obligatoire",
        ["MudSelect_SelectAll"] = "Tout sélectionner",
        ["MudBreadcrumbs_Label"] = "Fil d'Ariane",
        ["MudNavGroup_ToggleExpand"] = "{0} (déplier ou replier)",
        ["MudPagination_CurrentPage"] = "Page actuelle {0}",
        ["MudPagination_PageIndex"] = "Page {0}",
        ["MudBaseDatePicker_Open"] = "Ouvrir le calendrier",
        ["MudBaseDatePicker_NextMonth"] = "Mois suivant",
        ["MudBaseDatePicker_PrevMonth"] = "Mois précédent",
        ["MudBaseDatePicker_NextYear"] = "Année suivante",
        ["MudBaseDatePicker_PrevYear"] = "Année précédente",
        ["MudDateRangePicker_Start"] = "Début",
        ["MudDateRangePicker_End"] = "Fin",
        ["MudTimePicker_Open"] = "Ouvrir le sélecteur d'heure",
        ["MudTable_Loading"] = "Chargement…",
        ["MudDataGrid_Loading"] = "Chargement…",
        ["MudTablePager_FirstPage"] = "Première page",
        ["MudTablePager_PreviousPage"] = "Page précédente",
        ["MudTablePager_NextPage"] = "Page suivante",
        ["MudTablePager_LastPage"] = "Dernière page",
        ["MudDataGridPager_FirstPage"] = "Première page",
        ["MudDataGridPager_PreviousPage"] = "Page précédente",
        ["MudDataGridPager_NextPage"] = "Page suivante",
        ["MudDataGridPager_LastPage"] = "Dernière page",
        ["MudDataGridPager_RowsPerPage"] = "Lignes par page :",
        ["MudDataGridPager_AllItems"] = "Tout",
        ["MudPagination_FirstPage"] = "Première page",
        ["MudPagination_PreviousPage"] = "Page précédente",
        ["MudPagination_NextPage"] = "Page suivante",
        ["MudPagination_LastPage"] = "Dernière page",
        ["MudFileUpload_Button"] = "Choisir un fichier",
        ["MudFileUpload_DragAndDrop"] = "Déposez un fichier ici",
        ["MudTabs_CloseTab"] = "Fermer l'onglet",
        ["MudTreeView_ExpandItem"] = "Déplier",
        ["MudTreeView_CollapseItem"] = "Replier",
    };

    public override LocalizedString this[string key] =>
        Texts.TryGetValue(key, out var text) ? new LocalizedString(key, text) : new LocalizedString(key, key, resourceNotFound: true);

    /// <summary>Texts with arguments, e.g. "{0} (déplier ou replier)" with the group's title: the visible text stays part of the name.</summary>
    public override LocalizedString this[string key, params object[] arguments] =>
        Texts.TryGetValue(key, out var text)
            ? new LocalizedString(key, string.Format(Domain.Common.FrenchFormat.Culture, text, arguments))
            : new LocalizedString(key, key, resourceNotFound: true);
}
