using System.Globalization;
using CqpJury.Domain.Dossiers;

namespace CqpJury.App.Services.UploadedDocuments;

/// <summary>One document of a dossier, as listed to a user allowed to see the dossier.</summary>
public sealed record DocumentSummary(
    Guid Id,
    DocumentKind Kind,
    string OriginalFileName,
    long SizeBytes,
    DateTimeOffset UploadedAt,
    string UploadedBy);

/// <summary>A dossier's documents, and whether the viewer may add or delete them (the secretariat).</summary>
/// <summary>
/// A dossier's documents, with what the acting user may do: add one (<paramref name="CanUpload"/>:
/// the secretariat, unless the dossier is decided and signed or held by a closed session), delete one
/// (<paramref name="CanDelete"/>: the secretariat, while the dossier is not read-only).
/// </summary>
public sealed record DossierDocumentList(IReadOnlyList<DocumentSummary> Documents, bool CanUpload, bool CanDelete, long MaxUploadBytes);

/// <summary>An opened document: the caller disposes <see cref="Content"/>.</summary>
public sealed record OpenedDocument(Stream Content, string FileName, long Length);

/// <summary>The document (or its file) does not exist.</summary>
public sealed class DocumentNotFoundException : UserFacingException
{
    public DocumentNotFoundException()
        : base("Ce document est introuvable : il a peut-être été supprimé.")
    {
    }

    public DocumentNotFoundException(string message)
        : base(message)
    {
    }

    public DocumentNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>French texts shared by the upload form and the service.</summary>
public static class DocumentTexts
{
    public const string KindField = "Kind";
    public const string FileField = "File";

    public const string NoKind = "Choisissez le type de document.";
    public const string NoFile = "Choisissez un fichier PDF.";
    public const string Empty = "Le fichier est vide.";
    public const string NotPdf = "Ce fichier n'est pas un PDF (contenu vérifié), il a été refusé.";

    public static string TooLarge(long maxBytes) =>
        $"Le fichier dépasse la taille maximale autorisée ({Size(maxBytes)}).";

    /// <summary>A size in French units: "20 Mo", "1,5 Mo", "12 Ko", "800 octets".</summary>
    public static string Size(long bytes)
    {
        var culture = Domain.Common.FrenchFormat.Culture;
        const double kilo = 1024;
        const double mega = 1024 * 1024;
        if (bytes >= mega)
        {
            return (bytes / mega).ToString("0.#", culture) + " Mo";
        }

        if (bytes >= kilo)
        {
            return (bytes / kilo).ToString("0.#", culture) + " Ko";
        }

        return bytes.ToString(CultureInfo.InvariantCulture) + (bytes > 1 ? " octets" : " octet");
    }
}
