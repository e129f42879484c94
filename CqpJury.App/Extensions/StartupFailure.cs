using System.Data.Common;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace CqpJury.App.Extensions;

/// <summary>A start-up failure an operator can fix: its message is the French text they read (setting, value, what is expected).</summary>
public sealed class StartupFailureException : Exception
{
    public StartupFailureException(IEnumerable<string> problems)
        : base(string.Join(Environment.NewLine, problems))
    {
    }

    public StartupFailureException(string message)
        : base(message)
    {
    }

    public StartupFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StartupFailureException()
    {
    }
}

/// <summary>
/// Runs the app's start and turns what stops it into one French paragraph on the standard error, with a
/// non-zero exit code and no stack trace (issues 19, 23). The exception itself goes to the log at Debug
/// level (<c>Logging:LogLevel:CqpJury.Startup=Debug</c> shows it).
/// </summary>
public static partial class StartupFailures
{
    public const int ExitCode = 1;

    public static async Task<int> RunAsync(Func<Action<IServiceProvider>, Task<int>> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        IServiceProvider? services = null;
        try
        {
            return await start(built => services = built);
        }
        catch (Exception ex) when (ex is not HostAbortedException)
        {
            await Console.Error.WriteLineAsync(Explain(ex));
            await LogDetailAsync(services, ex);
            return ExitCode;
        }
    }

    /// <summary>What the operator reads for <paramref name="exception"/>: French, one paragraph, what to do.</summary>
    public static string Explain(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var text = Describe(exception);
        return "CqpJury n'a pas démarré. " + text;
    }

    private static string Describe(Exception exception)
    {
        switch (exception)
        {
            case StartupFailureException failure:
                return failure.Message;
            case OptionsValidationException validation:
                return string.Join(Environment.NewLine, validation.Failures);
            case AggregateException aggregate when aggregate.InnerExceptions.Count > 0:
                return string.Join(Environment.NewLine, aggregate.Flatten().InnerExceptions.Select(Describe).Distinct());
            case InvalidDataException data when ConfigurationFile().Match(data.Message) is { Success: true } file:
                return $"Le fichier de réglages {file.Groups[1].Value} n'est pas lisible : attendu un objet JSON, par exemple {{ \"Database\": {{ \"Provider\": \"Sqlite\" }} }} "
                    + "(un fichier vide n'en est pas un). Corrigez-le ou remettez celui livré avec l'application.";
            case IOException io when exception.InnerException is AddressInUseException || io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase):
                var address = BindAddress().Match(io.Message) is { Success: true } m ? m.Groups[1].Value : "l'adresse demandée";
                return $"L'adresse {address} est déjà utilisée par un autre programme (port occupé) : arrêtez ce programme, "
                    + "ou lancez CqpJury sur un autre port, par exemple avec --urls http://127.0.0.1:5099.";
            case IOException io when exception.InnerException is SocketException { SocketErrorCode: SocketError.AccessDenied }:
                return $"Le système refuse d'ouvrir l'adresse demandée ({io.Message}) : choisissez un port au-dessus de 1024, par exemple --urls http://127.0.0.1:5025.";
            case DbException db:
                return "La base de données ne répond pas ou refuse la connexion (réglages Database:Provider et ConnectionStrings:CqpJury) : "
                    + $"vérifiez qu'elle est démarrée, joignable et que le compte a les droits. Cause : {Redacted(db.Message)}";
            case UnauthorizedAccessException access:
                return $"Accès refusé à un fichier ou dossier de l'application ({access.Message}) : vérifiez les droits sur le dossier des données (réglage Storage:Root) et sur la base SQLite.";
            case InvalidOperationException when exception.InnerException is { } inner:
                return Describe(inner);
            default:
                return $"Erreur inattendue au démarrage ({exception.GetType().Name} : {Redacted(exception.Message)}). "
                    + "Le détail est écrit dans le journal au niveau Debug (réglage Logging:LogLevel:CqpJury.Startup=Debug).";
        }
    }

    private static string Redacted(string message) => SettingsText.Redact(message);

    private static async Task LogDetailAsync(IServiceProvider? services, Exception exception)
    {
        try
        {
            var factory = services?.GetService<ILoggerFactory>();
            factory?.CreateLogger("CqpJury.Startup").LogDebug(exception, "Start-up failed");

            // The console logger writes from a queue: disposing the container flushes it before the process ends.
            if (services is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
        catch (ObjectDisposedException)
        {
            // The host is already gone: the paragraph printed is all there is.
        }
    }

    [GeneratedRegex("file '([^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex ConfigurationFile();

    [GeneratedRegex("bind to address (\\S+?):? address already in use", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BindAddress();
}
