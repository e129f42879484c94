using CqpJury.App.Services;
using CqpJury.App.Services.OfficialDocuments;
using Microsoft.Net.Http.Headers;

namespace CqpJury.App.Extensions;

/// <summary>Downloads of issued official documents (as issued, same bytes): one PDF, or a session's zip.</summary>
public static class OfficialDocumentEndpoints
{
    public static IEndpointRouteBuilder MapOfficialDocumentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/documents-officiels/{id:guid}", async (Guid id, bool? telecharger, OfficialDocumentService service, HttpContext http) =>
        {
            try
            {
                var (content, fileName) = await service.OpenAsync(id, http.RequestAborted);
                return File(http, content, "application/pdf", fileName, inline: telecharger != true);
            }
            catch (AccessDeniedException ex)
            {
                return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            }
            catch (UserFacingException ex)
            {
                return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }
        }).RequireAuthorization();

        endpoints.MapGet("/documents-officiels/session/{sessionId:guid}/archive.zip", async (Guid sessionId, OfficialDocumentService service, HttpContext http) =>
        {
            try
            {
                var (content, fileName) = await service.ZipAsync(sessionId, http.RequestAborted);
                return File(http, content, "application/zip", fileName, inline: false);
            }
            catch (AccessDeniedException ex)
            {
                return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            }
            catch (UserFacingException ex)
            {
                return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }
        }).RequireAuthorization();
        // R15: the session's print file (cover letters for DL window envelopes, each followed by its certificate).
        endpoints.MapGet("/documents-officiels/session/{sessionId:guid}/courriers-certificats.pdf", async (Guid sessionId, Services.Mail.PaperMail service, HttpContext http) =>
        {
            try
            {
                var (content, fileName) = await service.PrintFileAsync(sessionId, http.RequestAborted);
                return File(http, content, "application/pdf", fileName, inline: true);
            }
            catch (AccessDeniedException ex)
            {
                return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            }
            catch (UserFacingException ex)
            {
                return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            }
        }).RequireAuthorization();
        return endpoints;
    }

    private static IResult File(HttpContext http, byte[] content, string contentType, string fileName, bool inline)
    {
        http.Response.Headers[HeaderNames.CacheControl] = "no-store";
        http.Response.Headers["X-Content-Type-Options"] = "nosniff";
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(fileName);
        http.Response.Headers[HeaderNames.ContentDisposition] = disposition.ToString();
        return Results.Bytes(content, contentType);
    }
}
