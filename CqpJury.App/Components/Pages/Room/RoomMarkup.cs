using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace CqpJury.App.Components.Pages.Room;

/// <summary>
/// MudBlazor's look (the same elements and CSS classes as MudText, MudIcon, MudAlert, MudChip,
/// MudPaper, MudButton, MudTextField) for the room, as render fragments and class names instead of
/// components. A room page stays open in its circuit for hours, one per member: every component in
/// it keeps two render trees (at least 32 frames of 40 bytes each), its state and its parameters on
/// the server, and MudBlazor's inputs also register JS interop objects per circuit; a fragment is a
/// few frames of its parent (issue 6: memory per connected member). Buttons are plain
/// <c>&lt;button&gt;</c> elements with <see cref="ButtonClass"/>, text fields <see cref="TextField"/>.
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

    /// <summary>The class of a MudButton (<c>&lt;button class="…"&gt;&lt;span class="mud-button-label"&gt;…&lt;/span&gt;&lt;/button&gt;</c>).</summary>
    public static string ButtonClass(Variant variant, Color color, Size size = Size.Medium, string? extra = null)
    {
        var v = variant.ToString().ToLowerInvariant();
        return Join($"mud-button-root mud-button mud-button-{v} mud-button-{v}-{color.ToString().ToLowerInvariant()} mud-button-{v}-size-{SizeName(size)} mud-ripple", extra);
    }

    /// <summary>
    /// An outlined MudTextField as plain elements — an input, or a textarea of <see cref="TextFieldOptions.Lines"/>
    /// lines — with its floating label tied to the field (<c>label for</c>). The value goes to <paramref name="onChange"/>
    /// when the field loses focus, or at each keystroke when <see cref="TextFieldOptions.Immediate"/>; <paramref name="receiver"/>
    /// is the component that holds the value (it re-renders).
    /// </summary>
    public static RenderFragment TextField(IHandleEvent receiver, TextFieldOptions options, string? value, Action<string?> onChange) => builder =>
    {
        ArgumentNullException.ThrowIfNull(options);
        var multiline = options.Lines > 1;
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", Join($"mud-input-control mud-input-outlined-with-label mud-input-input-control mud-input-sizing-fixed{(options.Required ? " mud-input-required" : "")}", options.Class));
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", "mud-input-control-input-container");
        builder.OpenElement(4, "div");
        builder.AddAttribute(5, "class", $"mud-input mud-input-outlined mud-input-outlined-with-label mud-typography-subtitle1 mud-input-sizing-fixed{(string.IsNullOrEmpty(value) ? "" : " mud-shrink")}");
        builder.OpenElement(6, multiline ? "textarea" : "input");
        builder.AddAttribute(7, "class", "mud-input-slot mud-input-root mud-input-root-outlined");
        builder.AddAttribute(8, "id", options.Id);
        builder.AddAttribute(9, "type", multiline ? null : options.InputType);
        builder.AddAttribute(10, "rows", multiline ? options.Lines : null);
        builder.AddAttribute(11, "maxlength", options.MaxLength);
        builder.AddAttribute(12, "required", options.Required);
        builder.AddAttribute(13, "aria-required", options.Required ? "true" : "false");
        builder.AddAttribute(14, "disabled", options.Disabled);
        builder.AddAttribute(15, "data-testid", options.TestId);
        builder.AddAttribute(16, "value", value);
        builder.AddAttribute(17, options.Immediate ? "oninput" : "onchange", EventCallback.Factory.CreateBinder<string?>(receiver, v => onChange(string.IsNullOrEmpty(v) ? null : v), value ?? string.Empty));
        builder.SetUpdatesAttributeName("value");
        builder.CloseElement();
        builder.OpenElement(18, "fieldset");
        builder.AddAttribute(19, "class", "mud-input-outlined-border");
        builder.OpenElement(20, "legend");
        builder.AddContent(21, options.Label);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
        builder.OpenElement(22, "label");
        builder.AddAttribute(23, "class", "mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-inputcontrol");
        builder.AddAttribute(24, "for", options.Id);
        builder.AddContent(25, options.Label);
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

/// <summary>
/// A <see cref="RoomMarkup.TextField"/>: <paramref name="Id"/> unique in the page (the label points at it),
/// <paramref name="Lines"/> &gt; 1 for a textarea, <paramref name="InputType"/> "text" or "password".
/// </summary>
public sealed record TextFieldOptions(
    string Id,
    string Label,
    int Lines = 1,
    int MaxLength = 2000,
    bool Immediate = false,
    bool Required = false,
    bool Disabled = false,
    string InputType = "text",
    string? TestId = null,
    string? Class = null);
