using System.Runtime.CompilerServices;
using CqpJury.App.Services.Room;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CqpJury.App.Components.Pages.Room;

/// <summary>
/// The HTML of a dossier's content (<see cref="DossierContentView"/> rendered outside any circuit),
/// once per content instance. Room pages share one content instance per dossier while it is unchanged
/// (<see cref="SharedDossierContents"/>), so the five members of a session hold one string instead
/// of five render trees of several hundred frames each, kept twice by each circuit (issue 6: memory
/// per connected member). The HTML lives as long as its content instance (weak table).
/// Confidentiality is the caller's: only a content the member may see is ever passed here (R10.2).
/// </summary>
public sealed class DossierContentHtml(IServiceScopeFactory scopes, ILoggerFactory loggerFactory)
{
    private readonly ConditionalWeakTable<DossierContent, string> _html = new();

    public async Task<MarkupString> GetAsync(DossierContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!_html.TryGetValue(content, out var html))
        {
            html = await RenderAsync(content);
            _html.AddOrUpdate(content, html);
        }

        return new MarkupString(html);
    }

    private async Task<string> RenderAsync(DossierContent content)
    {
        // A renderer (and its services' scope) per content: its root component would otherwise stay in it for good.
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(DossierContentView.Content)] = content });
            var output = await renderer.RenderComponentAsync<DossierContentView>(parameters);
            return output.ToHtmlString();
        });
    }
}
