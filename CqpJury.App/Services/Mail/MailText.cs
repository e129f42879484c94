using System.Text;
using CqpJury.App.Components.Mail;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MimeKit;

namespace CqpJury.App.Services.Mail;

/// <summary>A line of facts (« Date : jeudi 3 décembre 2026 »), optionally a link.</summary>
public sealed record MailFact(string Label, string Value, string? Url = null);

/// <summary>A link shown with its address in full (verification addresses).</summary>
public sealed record MailLink(string Label, string Url);

/// <summary>
/// What an e-mail says, once: the plain-text part is written from it here, the HTML part by the
/// <see cref="MailBody"/> component (<see cref="MailBodies"/>); both say the same words.
/// </summary>
public sealed record MailText(
    string Title,
    string Greeting,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<MailFact> Facts,
    string? LinksIntro,
    IReadOnlyList<MailLink> Links,
    IReadOnlyList<string> After,
    string Closing,
    string Signature)
{
    public string ToPlainText()
    {
        var text = new StringBuilder();
        text.Append(Greeting).Append("\n\n");
        foreach (var paragraph in Paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }

        if (Facts.Count > 0)
        {
            foreach (var fact in Facts)
            {
                text.Append(fact.Label).Append(" : ").Append(fact.Value);
                if (fact.Url is { } url && url != fact.Value)
                {
                    text.Append(" <").Append(url).Append('>');
                }

                text.Append('\n');
            }

            text.Append('\n');
        }

        if (Links.Count > 0)
        {
            text.Append(LinksIntro).Append('\n');
            foreach (var link in Links)
            {
                text.Append("- ").Append(link.Label).Append(" : ").Append(link.Url).Append('\n');
            }

            text.Append('\n');
        }

        foreach (var paragraph in After)
        {
            text.Append(paragraph).Append("\n\n");
        }

        text.Append(Closing).Append('\n').Append(Signature).Append('\n');
        return text.ToString();
    }
}

/// <summary>Renders <see cref="MailText"/> to HTML with Blazor's <see cref="HtmlRenderer"/> (no HTML written in C#).</summary>
public sealed class MailBodies(IServiceProvider services, ILoggerFactory loggerFactory)
{
    public async Task<string> HtmlAsync(MailText text)
    {
        await using var renderer = new HtmlRenderer(services, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MailBody>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(MailBody.Text)] = text }));
            return output.ToHtmlString();
        });
    }

    /// <summary>A body with both parts (plain text first, as RFC 2046 orders alternatives) and the attachments.</summary>
    public async Task<MimeEntity> BodyAsync(MailText text, IEnumerable<MimePart>? attachments = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new BodyBuilder { TextBody = text.ToPlainText(), HtmlBody = await HtmlAsync(text) };
        foreach (var attachment in attachments ?? [])
        {
            builder.Attachments.Add(attachment);
        }

        return builder.ToMessageBody();
    }
}
