using System.Text;
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

    private static readonly Lazy<string> LazyStyleElements = new(ThemeStyleBuilder.Build);

    /// <summary>
    /// The &lt;style&gt; elements a MudThemeProvider with <see cref="Theme"/> would render (scrollbar, charts,
    /// the CSS variables of the palette, typography, shadows, z-indexes), built once per process with
    /// MudBlazor's own generator. App.razor writes them in the page's head, outside the interactive tree:
    /// a MudThemeProvider per circuit kept a ~24 KB string, palette objects and a JS dark-mode watcher
    /// alive for every connected user (issue 6).
    /// </summary>
    public static string StyleElements => LazyStyleElements.Value;

    /// <summary>MudThemeProvider's protected CSS builders, used once outside any renderer (light mode).</summary>
    private sealed class ThemeStyleBuilder : MudThemeProvider
    {
        // Same as MudThemeProvider's own markup (charts: lighten the hovered series).
        private const string ChartStyle = """
            <style>
                .mud-chart-serie:hover {
                    filter: url(#lighten);
                }

                .mud-chart-serie-hovered 
                {
                    filter: url(#lighten);
                }
            </style>
            """;

        public static string Build()
        {
#pragma warning disable BL0005 // Never rendered: the instance only lends its theme to BuildTheme.
            var builder = new ThemeStyleBuilder { Theme = CqpTheme.Theme };
#pragma warning restore BL0005
            return new StringBuilder()
                .Append(BuildMudBlazorScrollbar())
                .AppendLine(ChartStyle)
                .Append(builder.BuildTheme())
                .ToString();
        }
    }
}
