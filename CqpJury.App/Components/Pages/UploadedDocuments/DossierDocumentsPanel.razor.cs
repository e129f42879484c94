using CqpJury.App.Components.Shared;
using CqpJury.App.Services;
using CqpJury.App.Services.UploadedDocuments;
using CqpJury.Domain.Common;
using CqpJury.Domain.Dossiers;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CqpJury.App.Components.Pages.UploadedDocuments;

/// <summary>
/// A dossier's PDF documents: list with "Voir" / "Télécharger" for whoever may see the dossier,
/// upload and deletion for the secretariat. Every check is done again by <see cref="DocumentService"/>.
/// </summary>
public partial class DossierDocumentsPanel : AppComponentBase
{
    private readonly string _inputId = $"document-file-{Guid.NewGuid():N}";
    private Guid _loadedFor;
    private DossierDocumentList? _list;
    private string? _loadError;
    private DocumentKind? _kind;
    private IBrowserFile? _file;
    private FilePicker? _picker;

    [Parameter]
    public Guid DossierId { get; set; }

    /// <summary>Raised after a document was added or deleted (the dossier's completeness may change).</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    [Inject]
    private DocumentService Documents { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (DossierId != _loadedFor || _list is null && _loadError is null)
        {
            _loadedFor = DossierId;
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            _list = await Documents.ListAsync(DossierId);
            _loadError = null;
        }
        catch (UserFacingException ex)
        {
            _list = null;
            _loadError = ex.Message;
        }
    }

    private void OnFileChosen(IBrowserFile file) => _file = file;

    private async Task UploadAsync()
    {
        var file = _file;
        var limit = _list?.MaxUploadBytes ?? DocumentService.DefaultMaxUploadBytes;
        var ok = await RunAsync(async () =>
        {
            if (file is not null && file.Size > limit)
            {
                // Quick answer without sending the file; the service checks the real bytes anyway.
                ThrowWithKind(DocumentTexts.TooLarge(limit));
            }

            Stream? stream = null;
            try
            {
                stream = file?.OpenReadStream(maxAllowedSize: limit + 1);
                await Documents.UploadAsync(DossierId, _kind, file?.Name, stream);
            }
            catch (IOException)
            {
                ThrowWithKind(DocumentTexts.TooLarge(limit));
            }
            finally
            {
                if (stream is not null)
                {
                    await stream.DisposeAsync();
                }
            }
        }, "Le document a été déposé.");
        if (ok)
        {
            _kind = null;
            _file = null;
            _picker?.Clear();
            await LoadAsync();
            await Changed.InvokeAsync();
        }
    }

    private void ThrowWithKind(string fileMessage)
    {
        var errors = new List<FieldError>();
        if (_kind is null)
        {
            errors.Add(new FieldError(DocumentTexts.KindField, DocumentTexts.NoKind));
        }

        errors.Add(new FieldError(DocumentTexts.FileField, fileMessage));
        throw new InputValidationException(errors);
    }

    private async Task ConfirmDeleteAsync(DocumentSummary document)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Supprimer le document",
            $"Supprimer « {document.OriginalFileName} » ({document.Kind.ToFrench()}) ? Le fichier sera définitivement effacé.",
            yesText: "Supprimer",
            cancelText: "Annuler");
        if (confirmed != true)
        {
            return;
        }

        if (await RunAsync(() => Documents.DeleteAsync(document.Id), "Le document a été supprimé."))
        {
            await LoadAsync();
            await Changed.InvokeAsync();
        }
    }

    private string FileDescribedBy =>
        ErrorFor(DocumentTexts.FileField) is null ? $"{_inputId}-hint" : $"{_inputId}-hint {_inputId}-error";

    private static Dictionary<string, object?> Label(string text) => new() { ["aria-label"] = text };

    private static string UploadedAtText(DateTimeOffset at) => FrenchTime.Format(at, "dd/MM/yyyy 'à' HH:mm");
}
