using CqpJury.App.Services;
using CqpJury.App.Services.Privacy;

namespace CqpJury.App.Extensions;

/// <summary>
/// R16, RGPD right of access: <c>/secretariat/candidats/{id}/donnees.zip</c>, everything CqpJury holds about a candidate
/// (<see cref="CandidateRightsService.ExportAsync"/>), for the secretariat only — the role checked by the service.
/// Refusals answer 403, an unknown or anonymised candidate 404, each with a French text; never a 500.
/// </summary>
public static class PrivacyEndpoints
{
    public const string ExportPathTemplate = "/secretariat/candidats/{candidateId:guid}/donnees.zip";

    private const string PlainText = "text/plain; charset=utf-8";

    public static string ExportPath(Guid candidateId) => $"/secretariat/candidats/{candidateId}/donnees.zip";

    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(ExportPathTemplate, async (Guid candidateId, HttpContext http, CandidateRightsService rights) =>
        {
            var headers = http.Response.Headers;
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            try
            {
                var export = await rights.ExportAsync(candidateId, http.RequestAborted);
                return (IResult)TypedResults.Stream(export.Content, "application/zip", export.FileName);
            }
            catch (AccessDeniedException ex)
            {
                return TypedResults.Text(ex.Message, PlainText, statusCode: StatusCodes.Status403Forbidden);
            }
            catch (UserFacingException ex)
            {
                return TypedResults.Text(ex.Message, PlainText, statusCode: StatusCodes.Status404NotFound);
            }
        }).RequireAuthorization();
        return endpoints;
    }
}
