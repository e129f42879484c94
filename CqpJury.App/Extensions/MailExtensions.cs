using CqpJury.App.Services.Mail;

namespace CqpJury.App.Extensions;

/// <summary>
/// E-mail (issue 20): the <c>Mail</c> settings bound and checked at start, the transport (SMTP or the
/// pickup folder), the outbox's background sender (every instance runs one; they share the outbox
/// through leases) and the messages' composers.
/// </summary>
public static class MailExtensions
{
    public static WebApplicationBuilder AddMail(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The Mail settings are bound and checked at start with the app's others (Extensions/Settings.cs).
        builder.Services.AddSingleton<MailTransport>();
        builder.Services.AddSingleton<MailBodies>();
        builder.Services.AddSingleton<PublicAddress>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxSender>();
        builder.Services.AddHostedService<OutboxWorker>();
        builder.Services.AddScoped<DecisionMail>();
        builder.Services.AddScoped<ConvocationMail>();
        builder.Services.AddScoped<PaperMail>();
        return builder;
    }
}
