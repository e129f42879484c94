using CqpJury.App.Extensions;
using MimeKit;

namespace CqpJury.App.Services.Mail;

/// <summary>How the SMTP connection is secured (<c>Mail:Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS required after connecting (port 587, the usual submission port).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,

    /// <summary>STARTTLS when the server offers it, else plain text.</summary>
    Auto,

    /// <summary>Plain text (a relay on the local network or the loopback only).</summary>
    None,
}

/// <summary>
/// The <c>Mail</c> settings (appsettings.json, environment, command line), bound and checked at start:
/// a wrong value stops the app with a French message naming the setting. With no <see cref="SmtpSettings.Host"/>
/// the messages go to the pickup folder (<see cref="PickupFolder"/> under the data folder) as .eml files.
/// </summary>
public sealed class MailOptions : ICqpSettings
{
    public const string Section = "Mail";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>The sender's address (From).</summary>
    public string FromAddress { get; set; } = "secretariat.cpef@exemple.test";

    public string FromName { get; set; } = "Secrétariat de la CPEF";

    /// <summary>Where .eml files go without an SMTP server; relative to the data folder (<c>Storage:Root</c>).</summary>
    public string PickupFolder { get; set; } = "mail-pickup";

    /// <summary>Run the background sender in this instance (every instance may: they share the outbox safely).</summary>
    public bool SenderEnabled { get; set; } = true;

    /// <summary>How long a claimed message stays reserved to its sender (bounds the wait after a crash; see docs/operations.md).</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>How often the sender looks for due messages when nothing wakes it up.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>The first retry's delay after a temporary failure; each next one doubles, up to <see cref="RetryMaxDelayMinutes"/>.</summary>
    public int RetryFirstDelaySeconds { get; set; } = 30;

    public int RetryMaxDelayMinutes { get; set; } = 60;

    /// <summary>How long temporary failures are retried, counted from the message's creation, before « échec ».</summary>
    public int RetryForHours { get; set; } = 24;

    /// <summary>True when an SMTP server is configured.</summary>
    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    public IEnumerable<string> Problems()
    {
        if (!MailboxAddress.TryParse(FromAddress, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            yield return SettingsText.Invalid("Mail:FromAddress", FromAddress, "une adresse électronique (celle de l'expéditeur des messages)");
        }

        if (string.IsNullOrWhiteSpace(PickupFolder))
        {
            yield return SettingsText.Invalid("Mail:PickupFolder", PickupFolder, "un chemin de dossier (par défaut « mail-pickup », sous le dossier des données)");
        }

        foreach (var (key, value, min, max) in new (string, int, int, int)[]
        {
            ("Mail:LeaseSeconds", LeaseSeconds, 5, 3600),
            ("Mail:PollSeconds", PollSeconds, 1, 3600),
            ("Mail:RetryFirstDelaySeconds", RetryFirstDelaySeconds, 1, 3600),
            ("Mail:RetryMaxDelayMinutes", RetryMaxDelayMinutes, 1, 1440),
            ("Mail:RetryForHours", RetryForHours, 1, 720),
            ("Mail:Smtp:TimeoutSeconds", Smtp.TimeoutSeconds, 1, 600),
        })
        {
            if (value < min || value > max)
            {
                yield return SettingsText.Invalid(key, value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"un nombre entier de {min} à {max}");
            }
        }

        if (UsesSmtp)
        {
            if (Smtp.Port is < 1 or > 65535)
            {
                yield return SettingsText.Invalid("Mail:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "un port de 1 à 65535 (587 pour STARTTLS, 465 pour TLS)");
            }

            if (string.IsNullOrEmpty(Smtp.UserName) != string.IsNullOrEmpty(Smtp.Password))
            {
                yield return "Les réglages Mail:Smtp:UserName et Mail:Smtp:Password vont ensemble : renseignez les deux, ou aucun.";
            }
        }
    }
}

/// <summary>The <c>Mail:Smtp</c> settings.</summary>
public sealed class SmtpSettings
{
    /// <summary>Empty: no server, the messages go to the pickup folder.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Seconds before a connection or a command gives up (then retried later).</summary>
    public int TimeoutSeconds { get; set; } = 30;
}
