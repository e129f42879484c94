using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Routing;

namespace CqpJury.Benchmarks.Floor;

/// <summary>The floor's HTML document: a router for <see cref="FloorPage"/>, nothing else (no script: the load client needs none).</summary>
public sealed class FloorDocument : ComponentBase
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.AddMarkupContent(0, "<!DOCTYPE html>");
        builder.OpenElement(1, "html");
        builder.AddAttribute(2, "lang", "fr");
        builder.AddMarkupContent(3, "<head><meta charset=\"utf-8\"><title>Plancher</title></head>");
        builder.OpenElement(4, "body");
        builder.OpenComponent<Router>(5);
        builder.AddComponentParameter(6, nameof(Router.AppAssembly), typeof(FloorPage).Assembly);
        builder.AddComponentParameter(7, nameof(Router.Found), (RenderFragment<RouteData>)(route => inner =>
        {
            inner.OpenComponent<RouteView>(0);
            inner.AddComponentParameter(1, nameof(RouteView.RouteData), route);
            inner.CloseComponent();
        }));
        builder.CloseComponent();
        builder.CloseElement();
        builder.CloseElement();
    }
}
