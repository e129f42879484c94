using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using CqpJury.App.Data;
using CqpJury.App.Realtime.Redis;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CqpJury.App.Extensions;

/// <summary>
/// A settings class of the app: bound from its configuration section, checked at start
/// (<see cref="SettingsRegistration.AddCqpSettings"/>: ValidateOnStart). <see cref="Problems"/> names, in
/// French, the setting, its value and what is expected — that is what the operator reads (issue 23).
/// </summary>
public interface ICqpSettings
{
    /// <summary>The French problems of the bound values (empty when they are fine).</summary>
    IEnumerable<string> Problems();
}

/// <summary><c>Database:Provider</c> and <c>ConnectionStrings:CqpJury</c>.</summary>
public sealed class DatabaseSettings : ICqpSettings
{
    public const string DefaultConnectionString = "Data Source=data/cqpjury.db";

    public string Provider { get; set; } = nameof(DatabaseProvider.Sqlite);

    public string ConnectionString { get; set; } = DefaultConnectionString;

    public DatabaseProvider ProviderKind =>
        Enum.TryParse<DatabaseProvider>(Provider, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && !int.TryParse(Provider, out _)
            ? kind
            : throw new InvalidOperationException($"Database:Provider « {Provider} » is not valid.");

    /// <summary>Read from the two places these settings live (the binder cannot: two sections).</summary>
    public static DatabaseSettings From(IConfiguration configuration) => new()
    {
        Provider = configuration["Database:Provider"] is { Length: > 0 } provider ? provider : nameof(DatabaseProvider.Sqlite),
        ConnectionString = configuration.GetConnectionString("CqpJury") ?? DefaultConnectionString,
    };

    public IEnumerable<string> Problems()
    {
        if (!Enum.TryParse<DatabaseProvider>(Provider, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(Provider, out _))
        {
            yield return SettingsText.Invalid("Database:Provider", Provider, "Sqlite (la base intégrée, par défaut) ou Postgres");
            yield break;
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return SettingsText.Invalid("ConnectionStrings:CqpJury", ConnectionString, ExpectedConnectionString(kind));
            yield break;
        }

        string? problem = null;
        try
        {
            if (kind == DatabaseProvider.Sqlite)
            {
                var csb = new SqliteConnectionStringBuilder(ConnectionString);
                if (string.IsNullOrWhiteSpace(csb.DataSource))
                {
                    problem = "il ne nomme aucun fichier (Data Source)";
                }
            }
            else
            {
                var csb = new NpgsqlConnectionStringBuilder(ConnectionString);
                if (string.IsNullOrWhiteSpace(csb.Host))
                {
                    problem = "il ne nomme aucun serveur (Host)";
                }
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            problem = "ce n'est pas une chaîne de connexion lisible";
        }

        if (problem is not null)
        {
            yield return SettingsText.Invalid("ConnectionStrings:CqpJury", SettingsText.Redact(ConnectionString), $"{ExpectedConnectionString(kind)} ({problem})");
        }
    }

    private static string ExpectedConnectionString(DatabaseProvider kind) => kind == DatabaseProvider.Sqlite
        ? "une chaîne de connexion SQLite, par exemple « Data Source=data/cqpjury.db »"
        : "une chaîne de connexion PostgreSQL, par exemple « Host=127.0.0.1;Port=5432;Database=cqpjury;Username=cqpjury;Password=… »";
}

/// <summary><c>Storage:Root</c>: the folder of uploaded and issued documents.</summary>
public sealed class StorageSettings : ICqpSettings
{
    public string Root { get; set; } = "data";

    public IEnumerable<string> Problems()
    {
        if (Root.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            yield return SettingsText.Invalid("Storage:Root", Root, "un chemin de dossier (par défaut « data »)");
        }
    }
}

/// <summary><c>Documents:MaxUploadBytes</c>.</summary>
public sealed class DocumentsSettings : ICqpSettings
{
    public const long Default = 20L * 1024 * 1024;

    public long MaxUploadBytes { get; set; } = Default;

    public IEnumerable<string> Problems()
    {
        if (MaxUploadBytes is < 1024 or > 1024L * 1024 * 1024)
        {
            yield return SettingsText.Invalid("Documents:MaxUploadBytes", MaxUploadBytes.ToString(CultureInfo.InvariantCulture),
                $"un nombre d'octets entre 1024 et 1073741824 (par défaut {Default}, soit 20 Mo)");
        }
    }
}

/// <summary><c>Invitations:ValidityHours</c>.</summary>
public sealed class InvitationsSettings : ICqpSettings
{
    public int ValidityHours { get; set; } = 72;

    public IEnumerable<string> Problems()
    {
        if (ValidityHours is < 1 or > 24 * 31)
        {
            yield return SettingsText.Invalid("Invitations:ValidityHours", ValidityHours.ToString(CultureInfo.InvariantCulture),
                "un nombre d'heures entre 1 et 744 (par défaut 72)");
        }
    }
}

/// <summary><c>App:PublicBaseUrl</c>: the base of the verification address printed on documents.</summary>
public sealed class PublicAddressSettings : ICqpSettings
{
    public string? PublicBaseUrl { get; set; }

    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl)
            && !(Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            yield return SettingsText.Invalid("App:PublicBaseUrl", PublicBaseUrl,
                "une adresse absolue, par exemple « https://jury.exemple.fr » (ou rien : l'adresse utilisée par le président)");
        }
    }
}

/// <summary><c>Referential:Path</c>: another referential file than the one shipped with the app.</summary>
public sealed class ReferentialSettings : ICqpSettings
{
    public string? Path { get; set; }

    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrWhiteSpace(Path) && !File.Exists(System.IO.Path.GetFullPath(Path)))
        {
            yield return SettingsText.Invalid("Referential:Path", Path,
                $"le chemin d'un fichier de référentiel existant (introuvable : {System.IO.Path.GetFullPath(Path)}) ; sans ce réglage, le référentiel livré avec l'application");
        }
    }
}

/// <summary><c>Demo:Seed</c>: seed the fictitious demo data at start (as <c>--demo</c>).</summary>
public sealed class DemoSettings : ICqpSettings
{
    public bool Seed { get; set; }

    public IEnumerable<string> Problems() => [];
}

/// <summary><c>Kestrel:Limits:KeepAliveTimeout</c> (the only Kestrel limit the app sets; see Performance/PerformanceExtensions).</summary>
public sealed class KeepAliveSettings : ICqpSettings
{
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<string> Problems()
    {
        if (KeepAliveTimeout <= TimeSpan.Zero || KeepAliveTimeout > TimeSpan.FromHours(1))
        {
            yield return SettingsText.Invalid("Kestrel:Limits:KeepAliveTimeout", KeepAliveTimeout.ToString("c", CultureInfo.InvariantCulture),
                "une durée hh:mm:ss entre 00:00:01 et 01:00:00 (par défaut 00:00:15)");
        }
    }
}

/// <summary>The Redis settings (<c>Realtime:*</c>) checked like the others.</summary>
internal sealed class RealtimeSettingsCheck : IValidateOptions<RedisRealtimeOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisRealtimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Redis))
        {
            try
            {
                _ = StackExchange.Redis.ConfigurationOptions.Parse(options.Redis);
            }
            catch (ArgumentException)
            {
                problems.Add(SettingsText.Invalid("Realtime:Redis", SettingsText.Redact(options.Redis), "une adresse Redis « hôte:port » (par exemple « 127.0.0.1:6379 »), ou rien pour une seule instance"));
            }
        }

        foreach (var (key, value) in new[]
                 {
                     ("Realtime:PresenceHeartbeat", options.PresenceHeartbeat), ("Realtime:PresenceTimeout", options.PresenceTimeout),
                     ("Realtime:ConnectTimeout", options.ConnectTimeout), ("Realtime:CommandTimeout", options.CommandTimeout),
                     ("Realtime:ReconnectInterval", options.ReconnectInterval),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add(SettingsText.Invalid(key, value.ToString("c", CultureInfo.InvariantCulture), "une durée positive hh:mm:ss"));
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>Runs <see cref="ICqpSettings.Problems"/> as the options' validation (at start: ValidateOnStart).</summary>
internal sealed class CqpSettingsValidator<T> : IValidateOptions<T>
    where T : class, ICqpSettings
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>The French sentences of the settings checks.</summary>
public static class SettingsText
{
    /// <summary>« Le réglage K vaut « V » : attendu E. »</summary>
    public static string Invalid(string key, string? value, string expected) =>
        $"Le réglage {key} vaut « {value} » : attendu {expected}.";

    /// <summary>A connection string or Redis address with its password (if any) masked: a value printed on a console.</summary>
    public static string Redact(string? value) =>
        value is null
            ? string.Empty
            : System.Text.RegularExpressions.Regex.Replace(value, "(password|pwd)\\s*=[^;,]*", "$1=***",
                System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant,
                TimeSpan.FromSeconds(1));
}

/// <summary>
/// Registers the settings classes (bound, validated at start) and checks, before any of them is bound,
/// that every value converts to its type: the configuration binder would otherwise stop the start with
/// an English exception, or (for values read by hand) fall back silently to a default.
/// </summary>
public static class SettingsRegistration
{
    /// <summary>Each settings class and its configuration section.</summary>
    private static readonly (Type Type, string Section)[] Sections =
    [
        (typeof(StorageSettings), "Storage"),
        (typeof(DocumentsSettings), "Documents"),
        (typeof(InvitationsSettings), "Invitations"),
        (typeof(PublicAddressSettings), "App"),
        (typeof(ReferentialSettings), "Referential"),
        (typeof(DemoSettings), "Demo"),
        (typeof(Services.Privacy.RetentionSettings), "Retention"),
        (typeof(KeepAliveSettings), "Kestrel:Limits"),
        (typeof(RedisRealtimeOptions), "Realtime"),
        (typeof(Services.Security.RateLimitSettings), "RateLimits"),
        (typeof(Services.Mail.MailOptions), Services.Mail.MailOptions.Section),
    ];

    public static WebApplicationBuilder AddCqpSettings(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;

        // 1. Every value converts to its type (French message naming the key, the value and the type expected).
        var problems = Sections.SelectMany(s => ConversionProblems(configuration.GetSection(s.Section), s.Type)).ToList();

        // 2. The values the host is built with are checked now; the others at start (ValidateOnStart).
        problems.AddRange(DatabaseSettings.From(configuration).Problems());
        if (problems.Count == 0)
        {
            problems.AddRange(configuration.GetSection("Kestrel:Limits").Get<KeepAliveSettings>()?.Problems() ?? []);
            problems.AddRange(configuration.GetSection("Storage").Get<StorageSettings>()?.Problems() ?? []);
        }

        if (problems.Count > 0)
        {
            throw new StartupFailureException(problems);
        }

        var services = builder.Services;
        services.AddOptions<DatabaseSettings>().Configure(o =>
        {
            var read = DatabaseSettings.From(configuration);
            o.Provider = read.Provider;
            o.ConnectionString = read.ConnectionString;
        }).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseSettings>, CqpSettingsValidator<DatabaseSettings>>();
        Add<StorageSettings>(services, configuration, "Storage");
        Add<DocumentsSettings>(services, configuration, "Documents");
        Add<InvitationsSettings>(services, configuration, "Invitations");
        Add<PublicAddressSettings>(services, configuration, "App");
        Add<ReferentialSettings>(services, configuration, "Referential");
        Add<DemoSettings>(services, configuration, "Demo");
        Add<Services.Privacy.RetentionSettings>(services, configuration, "Retention");
        Add<KeepAliveSettings>(services, configuration, "Kestrel:Limits");
        Add<Services.Security.RateLimitSettings>(services, configuration, "RateLimits");
        Add<Services.Mail.MailOptions>(services, configuration, Services.Mail.MailOptions.Section);
        services.AddOptions<RedisRealtimeOptions>().Bind(configuration.GetSection("Realtime")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisRealtimeOptions>, RealtimeSettingsCheck>();
        return builder;
    }

    /// <summary>Checks every setting now (instead of when the host starts), so that nothing runs on a wrong value.</summary>
    public static void ValidateSettingsNow(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetService<IStartupValidator>()?.Validate();
    }

    private static void Add<T>(IServiceCollection services, ConfigurationManager configuration, string section)
        where T : class, ICqpSettings
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>, CqpSettingsValidator<T>>();
    }

    /// <summary>The values of <paramref name="section"/> that do not convert to the type of <paramref name="type"/>'s property.</summary>
    private static IEnumerable<string> ConversionProblems(IConfigurationSection section, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var child = section.GetSection(property.Name);
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (propertyType == typeof(string))
            {
                continue;
            }

            if (!propertyType.IsPrimitive && !propertyType.IsEnum && propertyType != typeof(TimeSpan) && propertyType != typeof(decimal))
            {
                foreach (var problem in ConversionProblems(child, propertyType))
                {
                    yield return problem;
                }

                continue;
            }

            if (child.Value is not { } raw || (raw.Length == 0 && property.PropertyType != propertyType))
            {
                continue;
            }

            bool converts;
            try
            {
                converts = TypeDescriptor.GetConverter(propertyType).ConvertFromInvariantString(raw) is not null;
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException || ex.InnerException is FormatException or OverflowException)
            {
                converts = false;
            }

            if (!converts)
            {
                yield return SettingsText.Invalid(child.Path, raw, Describe(propertyType));
            }
        }
    }

    private static string Describe(Type type) =>
        type == typeof(bool) ? "true ou false"
        : type == typeof(TimeSpan) ? "une durée hh:mm:ss (par exemple 00:00:15)"
        : type == typeof(int) || type == typeof(long) ? "un nombre entier"
        : type.IsEnum ? "une de ces valeurs : " + string.Join(", ", Enum.GetNames(type))
        : "une valeur de type " + type.Name;
}
