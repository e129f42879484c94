using CqpJury.App.Services;

namespace CqpJury.App.Components.Pages.Dossiers;

/// <summary>Looks up the message of a field in a list of errors (presentational components get the list as a parameter).</summary>
internal static class FieldErrorLookup
{
    public static string? For(IReadOnlyList<FieldError>? errors, string field) =>
        errors?.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase))?.Message;
}
