namespace CqpJury.App.Components.Pages.Dossiers;

/// <summary>MudDatePicker works with DateTime?; the models hold DateOnly?.</summary>
internal static class DateBinding
{
    public static DateTime? ToPicker(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);

    public static DateOnly? FromPicker(DateTime? value) => value is { } v ? DateOnly.FromDateTime(v) : null;
}
