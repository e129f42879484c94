using System.Text;
using CqpJury.App.Components.Layout;
using MudBlazor;

namespace CqpJury.App.Performance;

/// <summary>
/// The &lt;style&gt; elements a MudThemeProvider with <see cref="CqpTheme.Theme"/> renders (scrollbar, the CSS variables
/// of the palette, typography, shadows, z-indexes), built once per process by MudBlazor's own generator and written in
/// the page's head by App.razor, outside the interactive tree. A MudThemeProvider per circuit kept a ~24 KB string,
/// palette objects and a JS dark-mode watcher alive for every connected user (Performance/README.md).
/// </summary>
public static class ThemeStylesheet
{
    private static readonly Lazy<string> LazyStyleElements = new(Generator.Build);

    public static string StyleElements => LazyStyleElements.Value;

    /// <summary>MudThemeProvider's protected CSS builders, used once outside any renderer (light mode; the app has no charts).</summary>
    private sealed class Generator : MudThemeProvider
    {
        public static string Build()
        {
#pragma warning disable BL0005 // Never rendered: the instance only lends its theme to BuildTheme.
            var generator = new Generator { Theme = CqpTheme.Theme };
#pragma warning restore BL0005
            return new StringBuilder()
                .Append(BuildMudBlazorScrollbar())
                .Append(generator.BuildTheme())
                .ToString();
        }
    }
}
