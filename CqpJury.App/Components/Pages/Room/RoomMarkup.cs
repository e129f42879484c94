using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace CqpJury.App.Components.Pages.Room;

/// <summary>
/// MudBlazor's look (the same elements and CSS classes as MudText, MudIcon, MudAlert, MudChip,
/// MudPaper, MudButton, MudTextField, MudCheckBox) for the room, as render fragments, markup and class
/// names instead of components. A room page stays open in its circuit for hours, one per member: every
/// component in it keeps two render trees (arrays of 32, 64, 128… frames of 40 bytes each, the next power
/// of two), its state and its parameters on the server, and MudBlazor's inputs also register JS interop
/// objects per circuit; a fragment is a few frames of its parent, and what never changes (an icon, a
/// constant chip or alert) is one markup frame (issue 6: memory per connected member). Buttons are plain
/// <c>&lt;button&gt;</c> elements with <see cref="ButtonClass"/>, text fields <see cref="TextField"/>,
/// check boxes <see cref="CheckBox"/>.
/// </summary>
public static class RoomMarkup
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Svg, string Size, string? Color, string? Extra), string> IconMarkup = new();

    /// <summary>An SVG icon as MudIcon draws it (decorative: hidden from assistive technology); <paramref name="color"/> as in "success", "default", or null to inherit.</summary>
    public static MarkupString Icon(string svg, string size = "medium", string? color = null) => new(IconHtml(svg, size, color));

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
        builder.AddMarkupContent(7, IconHtml(icon ?? DefaultAlertIcon(severity), "medium", null));
        builder.CloseElement();
        builder.OpenElement(8, "div");
        builder.AddAttribute(9, "class", "mud-alert-message");
        builder.AddContent(10, message);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>
    /// A MudChip (filled, not clickable), with an optional icon before its text, as one markup frame.
    /// Its texts are constants: components keep the result in a static field.
    /// </summary>
    public static MarkupString ChipHtml(string text, Color color, Size size = Size.Medium, string? icon = null, string? testId = null) => new(
        $"<div class=\"mud-chip-container\"><div class=\"mud-chip mud-chip-filled mud-chip-size-{SizeName(size)} mud-chip-color-{color.ToString().ToLowerInvariant()}\"{TestIdAttribute(testId)}>"
        + (icon is null ? "" : IconHtml(icon, "small", null, "mud-chip-icon"))
        + $"<span class=\"mud-chip-content\">{Encode(text)}</span></div></div>");

    /// <summary>
    /// A MudAlert whose message is a constant text, as one markup frame instead of the dozen frames of
    /// <see cref="Alert"/>: components keep the result in a static field.
    /// </summary>
    public static MarkupString AlertHtml(Severity severity, string text, string? icon = null, bool dense = false, string? @class = null, string? testId = null) =>
        AlertShell(severity, Encode(text), icon, dense, @class, testId);

    /// <summary>
    /// A MudAlert listing <paramref name="items"/> (findings, reasons) under an optional bold <paramref name="heading"/>,
    /// as one markup frame however long the list (the texts are HTML-encoded).
    /// </summary>
    public static MarkupString AlertListHtml(Severity severity, string? heading, IEnumerable<string> items, string? icon = null, bool dense = false, string? @class = null, string? testId = null) =>
        AlertShell(
            severity,
            (heading is null ? "" : $"<strong>{Encode(heading)}</strong>") + "<ul class=\"mb-0\">" + string.Concat(items.Select(i => $"<li>{Encode(i)}</li>")) + "</ul>",
            icon, dense, @class, testId);

    private static MarkupString AlertShell(Severity severity, string messageHtml, string? icon, bool dense, string? @class, string? testId) => new(
        $"<div class=\"{Encode(AlertClass(severity, dense, @class))}\"{TestIdAttribute(testId)}><div class=\"mud-alert-position justify-start\">"
        + $"<div class=\"mud-alert-icon mud-alert-icon-left\">{IconHtml(icon ?? DefaultAlertIcon(severity), "medium", null)}</div>"
        + $"<div class=\"mud-alert-message\">{messageHtml}</div></div></div>");

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
        builder.AddAttribute(1, "class", ControlClasses.GetValue(options, o => Join($"mud-input-control mud-input-outlined-with-label mud-input-input-control mud-input-sizing-fixed{(o.Required ? " mud-input-required" : "")}", o.Class)));
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", "mud-input-control-input-container");
        builder.OpenElement(4, "div");
        builder.AddAttribute(5, "class", string.IsNullOrEmpty(value)
            ? "mud-input mud-input-outlined mud-input-outlined-with-label mud-typography-subtitle1 mud-input-sizing-fixed"
            : "mud-input mud-input-outlined mud-input-outlined-with-label mud-typography-subtitle1 mud-input-sizing-fixed mud-shrink");
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
        builder.AddAttribute(16, "aria-describedby", options.DescribedBy);
        builder.AddAttribute(17, "value", value);
        builder.AddAttribute(18, options.Immediate ? "oninput" : "onchange", EventCallback.Factory.CreateBinder<string?>(receiver, v => onChange(string.IsNullOrEmpty(v) ? null : v), value ?? string.Empty));
        builder.SetUpdatesAttributeName("value");
        builder.CloseElement();
        builder.OpenElement(19, "fieldset");
        builder.AddAttribute(20, "class", "mud-input-outlined-border");
        builder.OpenElement(21, "legend");
        builder.AddContent(22, options.Label);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
        builder.OpenElement(23, "label");
        builder.AddAttribute(24, "class", "mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-inputcontrol");
        builder.AddAttribute(25, "for", options.Id);
        builder.AddContent(26, options.Label);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>
    /// A MudCheckBox as plain elements: a native check box (Space toggles it, its label is the click target)
    /// with MudBlazor's classes and icon. The new state goes to <paramref name="onChange"/>; <paramref name="receiver"/>
    /// is the component that holds it (it re-renders).
    /// </summary>
    public static RenderFragment CheckBox(IHandleEvent receiver, string label, bool value, bool disabled, Func<bool, Task> onChange) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", disabled ? "mud-input-control mud-input-control-boolean-input mud-disabled" : "mud-input-control mud-input-control-boolean-input");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", "mud-input-control-input-container");
        builder.OpenElement(4, "label");
        builder.AddAttribute(5, "class", disabled ? "mud-checkbox mud-disabled mud-input-content-placement-end" : "mud-checkbox mud-input-content-placement-end");
        builder.OpenElement(6, "span");
        builder.AddAttribute(7, "class", (disabled, value) switch
        {
            (true, true) => "mud-button-root mud-icon-button mud-disabled mud-checkbox-true",
            (true, false) => "mud-button-root mud-icon-button mud-disabled mud-checkbox-false",
            (false, true) => "mud-button-root mud-icon-button mud-primary-text hover:mud-primary-hover mud-ripple mud-ripple-checkbox mud-checkbox-true",
            (false, false) => "mud-button-root mud-icon-button mud-primary-text hover:mud-primary-hover mud-ripple mud-ripple-checkbox mud-checkbox-false",
        });
        builder.OpenElement(8, "input");
        builder.AddAttribute(9, "type", "checkbox");
        builder.AddAttribute(10, "class", "mud-checkbox-input");
        builder.AddAttribute(11, "checked", value);
        builder.AddAttribute(12, "disabled", disabled);
        builder.AddAttribute(13, "onchange", EventCallback.Factory.CreateBinder(receiver, onChange, value));
        builder.SetUpdatesAttributeName("checked");
        builder.CloseElement();
        builder.AddMarkupContent(14, IconHtml(value ? Icons.Material.Filled.CheckBox : Icons.Material.Filled.CheckBoxOutlineBlank, "medium", null));
        builder.CloseElement();
        builder.OpenElement(15, "span");
        builder.AddAttribute(16, "class", "mud-typography mud-typography-body1");
        builder.AddContent(17, label);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    // A field's outer classes, built once per field's options (the options are static: one string for every page).
    private static readonly ConditionalWeakTable<TextFieldOptions, string> ControlClasses = new();

    /// <summary>The start icon MudButton draws before its text (for a button's child content).</summary>
    public static RenderFragment ButtonStartIcon(string svg) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "mud-button-icon-start mud-button-icon-size-medium");
        builder.AddMarkupContent(2, IconHtml(svg, "medium", null));
        builder.CloseElement();
    };

    private static string IconHtml(string svg, string size, string? color, string? extra = null) =>
        IconMarkup.GetOrAdd((svg, size, color, extra), BuildIcon);

    /// <summary>
    /// An icon is one markup frame (the whole <c>&lt;svg&gt;</c>, built once per icon, size and colour)
    /// instead of an element, five attributes and its paths: seven frames in every render tree that shows it.
    /// </summary>
    private static string BuildIcon((string Svg, string Size, string? Color, string? Extra) icon)
    {
        var classes = icon.Color switch
        {
            null => $"mud-icon-root mud-svg-icon mud-icon-size-{icon.Size}",
            "default" => $"mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-{icon.Size}",
            _ => $"mud-icon-root mud-svg-icon mud-{icon.Color}-text mud-icon-size-{icon.Size}",
        };
        var encodedClasses = Encode(Join(classes, icon.Extra));
        return $"<svg class=\"{encodedClasses}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{icon.Svg}</svg>";
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

    private static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text);

    private static string TestIdAttribute(string? testId) => testId is null ? "" : $" data-testid=\"{Encode(testId)}\"";

    private static string Join(string classes, string? extra) => string.IsNullOrWhiteSpace(extra) ? classes : $"{classes} {extra}";
}

/// <summary>
/// A <see cref="RoomMarkup.TextField"/>: <paramref name="Id"/> unique in the page (the label points at it),
/// <paramref name="Lines"/> &gt; 1 for a textarea, <paramref name="InputType"/> "text" or "password",
/// <paramref name="DescribedBy"/> the id of a text that explains the field (aria-describedby).
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
    string? Class = null,
    string? DescribedBy = null);
