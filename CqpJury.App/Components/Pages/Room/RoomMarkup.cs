using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace CqpJury.App.Components.Pages.Room;

/// <summary>
/// MudBlazor's look (the same elements and CSS classes as MudText, MudIcon, MudAlert, MudChip,
/// MudPaper) for the room's static parts, as render fragments instead of components. A room page
/// stays open in its circuit for hours, one per member: every component in it keeps two render
/// trees (at least 32 frames each), its state and its parameters on the server, while a fragment
/// is a few frames of its parent. Interactive controls (buttons, text fields, check boxes) stay
/// MudBlazor components.
/// </summary>
public static class RoomMarkup
{
    /// <summary>An SVG icon as MudIcon draws it (decorative: hidden from assistive technology); <paramref name="color"/> as in "success", "default", or null to inherit.</summary>
    public static RenderFragment Icon(string svg, string size = "medium", string? color = null) => builder => AddIcon(builder, svg, size, color);

    /// <summary>The class of a MudAlert (text variant, no elevation).</summary>
    public static string AlertClass(Severity severity, bool dense = false, string? extra = null) =>
        Join($"mud-alert mud-alert-text-{severity.ToString().ToLowerInvariant()}{(dense ? " mud-dense" : "")} mud-elevation-0", extra);

    /// <summary>A MudAlert: the severity's icon (or <paramref name="icon"/>) then the message.</summary>
    public static RenderFragment Alert(Severity severity, RenderFragment message, string? icon = null, bool dense = false, string? @class = null, string? testId = null) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", AlertClass(severity, dense, @class));
        builder.AddAttribute(2, "data-testid", testId);
        builder.OpenElement(3, "div");
        builder.AddAttribute(4, "class", "mud-alert-position justify-start");
        builder.OpenElement(5, "div");
        builder.AddAttribute(6, "class", "mud-alert-icon mud-alert-icon-left");
        AddIcon(builder, icon ?? DefaultAlertIcon(severity), "medium", null);
        builder.CloseElement();
        builder.OpenElement(7, "div");
        builder.AddAttribute(8, "class", "mud-alert-message");
        builder.AddContent(9, message);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>A MudChip (filled, not clickable), with an optional icon before its text.</summary>
    public static RenderFragment Chip(string text, Color color, Size size = Size.Medium, string? icon = null, string? testId = null) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-chip-container");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", $"mud-chip mud-chip-filled mud-chip-size-{SizeName(size)} mud-chip-color-{color.ToString().ToLowerInvariant()}");
        builder.AddAttribute(4, "data-testid", testId);
        if (icon is not null)
        {
            AddIcon(builder, icon, "small", null, "mud-chip-icon");
        }

        builder.OpenElement(5, "span");
        builder.AddAttribute(6, "class", "mud-chip-content");
        builder.AddContent(7, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>The start icon MudButton draws before its text (for a button's child content).</summary>
    public static RenderFragment ButtonStartIcon(string svg) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "mud-button-icon-start mud-button-icon-size-medium");
        AddIcon(builder, svg, "medium", null);
        builder.CloseElement();
    };

    private static void AddIcon(RenderTreeBuilder builder, string svg, string size, string? color, string? extra = null)
    {
        builder.OpenRegion(100);
        builder.OpenElement(0, "svg");
        var classes = color switch
        {
            null => $"mud-icon-root mud-svg-icon mud-icon-size-{size}",
            "default" => $"mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-{size}",
            _ => $"mud-icon-root mud-svg-icon mud-{color}-text mud-icon-size-{size}",
        };
        builder.AddAttribute(1, "class", Join(classes, extra));
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddAttribute(5, "role", "img");
        builder.AddMarkupContent(6, svg);
        builder.CloseElement();
        builder.CloseRegion();
    }

    private static string DefaultAlertIcon(Severity severity) => severity switch
    {
        Severity.Info => Icons.Material.Outlined.Info,
        Severity.Success => Icons.Custom.Uncategorized.AlertSuccess,
        Severity.Warning => Icons.Material.Outlined.ReportProblem,
        Severity.Error => Icons.Material.Filled.ErrorOutline,
        _ => Icons.Material.Outlined.EventNote,
    };

    private static string SizeName(Size size) => size switch
    {
        Size.Small => "small",
        Size.Large => "large",
        _ => "medium",
    };

    private static string Join(string classes, string? extra) => string.IsNullOrWhiteSpace(extra) ? classes : $"{classes} {extra}";
}
