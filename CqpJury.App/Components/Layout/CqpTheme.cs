using MudBlazor;

namespace CqpJury.App.Components.Layout;

/// <summary>The app's palette: sober, high contrast (text on primary meets WCAG AA).</summary>
public static class CqpTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            Secondary = "#6a3d9a",
            AppbarBackground = "#1f4e79",
            Success = "#1b5e20",
            Error = "#b71c1c",
            Warning = "#8a5300",
            Info = "#0d47a1",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "Segoe UI", "DejaVu Sans", "Arial", "sans-serif"] },
        },
    };
}
