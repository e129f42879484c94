using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace CqpJury.Tests.Components.Room;

/// <summary>What a user reads: the rendered text with entities decoded and white space collapsed.</summary>
internal static partial class RenderedText
{
    public static string Text<TComponent>(this IRenderedComponent<TComponent> cut)
        where TComponent : IComponent
        => Normalise(string.Join(" ", cut.Nodes.Select(n => n.TextContent)));

    public static string Text(this IElement element) => Normalise(element.TextContent);

    public static bool IsDisabled(this IElement element) => element.HasAttribute("disabled");

    private static string Normalise(string text) => Spaces().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
