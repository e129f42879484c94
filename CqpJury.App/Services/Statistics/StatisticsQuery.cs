using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Route = CqpJury.Domain.Dossiers.Route;

namespace CqpJury.App.Services.Statistics;

/// <summary>
/// A selection in an address (the export links and the page's own address):
/// <c>du</c>, <c>au</c> (yyyy-MM-dd), <c>cqp</c>, <c>parcours</c> (<c>developpement</c> or <c>vae</c>),
/// <c>session</c> (its id), <c>regroupement</c> (<c>mois</c> or <c>trimestre</c>).
/// </summary>
public static class StatisticsQuery
{
    private const string DateFormat = "yyyy-MM-dd";

    public static string ToQueryString(StatisticsFilter filter, StatisticsTable? table = null)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var values = new List<KeyValuePair<string, string?>>();
        if (filter.From is { } from)
        {
            values.Add(new("du", from.ToString(DateFormat, CultureInfo.InvariantCulture)));
        }

        if (filter.To is { } to)
        {
            values.Add(new("au", to.ToString(DateFormat, CultureInfo.InvariantCulture)));
        }

        if (filter.CertificateCode is { } code)
        {
            values.Add(new("cqp", code));
        }

        if (filter.Route is { } route)
        {
            values.Add(new("parcours", route == Route.Vae ? "vae" : "developpement"));
        }

        if (filter.SessionId is { } session)
        {
            values.Add(new("session", session.ToString("D")));
        }

        if (filter.Grouping == StatisticsGrouping.Quarter)
        {
            values.Add(new("regroupement", "trimestre"));
        }

        if (table is { } t)
        {
            values.Add(new("tableau", StatisticsTables.SlugOf(t)));
        }

        return QueryHelpers.AddQueryString(string.Empty, values);
    }

    /// <summary>Reads a selection; a wrong value gives <see cref="InputValidationException"/> with a French message.</summary>
    public static StatisticsFilter Parse(IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = query.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var errors = new List<FieldError>();
        var from = DateValue("du", "La date de début");
        var to = DateValue("au", "La date de fin");
        var code = values.GetValueOrDefault("cqp") is { Length: > 0 } c ? c : null;

        Route? route = values.GetValueOrDefault("parcours")?.ToLowerInvariant() switch
        {
            null or "" => null,
            "vae" => Route.Vae,
            "developpement" => Route.SkillsDevelopment,
            _ => Error<Route?>("parcours", "Le parcours doit être « developpement » ou « vae »."),
        };
        Guid? session = values.GetValueOrDefault("session") is { Length: > 0 } s
            ? Guid.TryParse(s, out var id) ? id : Error<Guid?>("session", "L'identifiant de session n'est pas valide.")
            : null;
        var grouping = values.GetValueOrDefault("regroupement")?.ToLowerInvariant() switch
        {
            null or "" or "mois" => StatisticsGrouping.Month,
            "trimestre" => StatisticsGrouping.Quarter,
            _ => Error<StatisticsGrouping>("regroupement", "Le regroupement doit être « mois » ou « trimestre »."),
        };

        if (errors.Count > 0)
        {
            throw new InputValidationException(errors);
        }

        return new StatisticsFilter(from, to, code, route, session, grouping);

        DateOnly? DateValue(string key, string what)
        {
            var text = values.GetValueOrDefault(key);
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            return DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : Error<DateOnly?>(key, $"{what} doit être écrite AAAA-MM-JJ.");
        }

        T Error<T>(string field, string message)
        {
            errors.Add(new FieldError(field, message));
            return default!;
        }
    }
}
