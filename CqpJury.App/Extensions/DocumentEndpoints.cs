using CqpJury.App.Services;
using CqpJury.App.Services.UploadedDocuments;
using Microsoft.Net.Http.Headers;

namespace CqpJury.App.Extensions;

/// <summary>
/// Dossier documents over HTTP, for signed-in users allowed to see the dossier (R16, R10.2):
/// <c>/documents/{id}</c> inline (the browser's PDF viewer) and <c>/documents/{id}/telecharger</c>
/// as an attachment. Refusals answer 403 with a French text, unknown ids 404 — never a 500.
/// </summary>
public static class DocumentEndpoints
{
    private const string PlainText = "text/plain; charset=utf-8";

    public static IEndpointRouteBuilder MapDocumentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/documents/{id:guid}", (Guid id, HttpContext http, DocumentService documents) =>
                ServeAsync(id, inline: true, http, documents))
            .RequireAuthorization();
        endpoints.MapGet("/documents/{id:guid}/telecharger", (Guid id, HttpContext http, DocumentService documents) =>
                ServeAsync(id, inline: false, http, documents))
            .RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(Guid id, bool inline, HttpContext http, DocumentService documents)
    {
        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
        try
        {
            var document = await documents.OpenAsync(id, http.RequestAborted);
            var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
            disposition.SetHttpFileName(document.FileName);
            headers.ContentDisposition = disposition.ToString();

            // Only this app may frame the PDF (the live room's viewer); nothing else runs in it.
            headers.ContentSecurityPolicy = "frame-ancestors 'self'";
            headers.XFrameOptions = "SAMEORIGIN";
            return TypedResults.Stream(document.Content, "application/pdf", enableRangeProcessing: true);
        }
        catch (AccessDeniedException ex)
        {
            return TypedResults.Text(ex.Message, PlainText, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (DocumentNotFoundException ex)
        {
            return TypedResults.Text(ex.Message, PlainText, statusCode: StatusCodes.Status404NotFound);
        }
    }
}
