using CqpJury.App.Services;
using CqpJury.App.Services.Statistics;
using Microsoft.Net.Http.Headers;

namespace CqpJury.App.Extensions;

/// <summary>
/// The statistics exports (issue 24), for the secretariat only: <c>/secretariat/statistiques/export.xlsx</c>
/// and <c>/secretariat/statistiques/export.csv?tableau=…</c>, with the page's filters in the query
/// string (<see cref="StatisticsQuery"/>). The role is checked by the service on every request;
/// refusals answer 403 and wrong filters 400, with a French text — never a 500.
/// </summary>
public static class StatisticsEndpoints
{
    public const string XlsxPath = "/secretariat/statistiques/export.xlsx";
    public const string CsvPath = "/secretariat/statistiques/export.csv";
    private const string PlainText = "text/plain; charset=utf-8";

    public static IEndpointRouteBuilder MapStatisticsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(XlsxPath, (HttpContext http, StatisticsService statistics) =>
                ServeAsync(http, () => statistics.ExportXlsxAsync(StatisticsQuery.Parse(http.Request.Query), http.RequestAborted)))
            .RequireAuthorization();
        endpoints.MapGet(CsvPath, (HttpContext http, StatisticsService statistics) =>
                ServeAsync(http, () =>
                {
                    var table = StatisticsTables.FromSlug(http.Request.Query["tableau"])
                        ?? throw new InputValidationException("tableau",
                            "Le tableau doit être l'un de : " + string.Join(", ", Enum.GetValues<StatisticsTable>().Select(StatisticsTables.SlugOf)) + ".");
                    return statistics.ExportCsvAsync(StatisticsQuery.Parse(http.Request.Query), table, http.RequestAborted);
                }))
            .RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> ServeAsync(HttpContext http, Func<Task<StatisticsFile>> export)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        try
        {
            var file = await export();
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(file.FileName);
            headers.ContentDisposition = disposition.ToString();
            return TypedResults.Bytes(file.Content, file.ContentType);
        }
        catch (AccessDeniedException ex)
        {
            return TypedResults.Text(ex.Message, PlainText, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (InputValidationException ex)
        {
            return TypedResults.Text(ex.Message, PlainText, statusCode: StatusCodes.Status400BadRequest);
        }
    }
}
