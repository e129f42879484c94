using System.Globalization;
using System.Threading.RateLimiting;
using CqpJury.App.Extensions;
using Microsoft.Extensions.Options;

namespace CqpJury.App.Services.Security;

/// <summary>What is limited (issue 23): each a number of attempts per client address and per account in a window.</summary>
public enum LimitedAction
{
    /// <summary>POST /connexion (every attempt counts; the account is the address typed).</summary>
    SignIn,

    /// <summary>GET and POST /invitation/{token} (every request counts; the account is the token).</summary>
    Invitation,

    /// <summary>The password a chair re-enters to sign a decision (only wrong passwords count).</summary>
    SigningPassword,

    /// <summary>A code checked on /verifier (every check counts).</summary>
    Verification,

    /// <summary>A file compared on /verifier (every comparison counts).</summary>
    VerificationUpload,
}

/// <summary>One limit: at most <see cref="PerAddress"/> attempts from one client address and <see cref="PerAccount"/> on one account per <see cref="Window"/>.</summary>
public sealed class RateLimitRule
{
    public int PerAddress { get; set; }

    public int PerAccount { get; set; }

    public TimeSpan Window { get; set; }
}

/// <summary>
/// Settings <c>RateLimits:{SignIn|Invitation|SigningPassword|Verification|VerificationUpload}:{PerAddress|PerAccount|Window}</c>.
/// The defaults leave room for a jury of five behind one address (an office, a meeting room's Wi-Fi)
/// signing in, signing ten decisions and checking their documents; README and docs/security.md list them.
/// </summary>
public sealed class RateLimitSettings : ICqpSettings
{
    public RateLimitRule SignIn { get; set; } = new() { PerAddress = 30, PerAccount = 10, Window = TimeSpan.FromMinutes(5) };

    public RateLimitRule Invitation { get; set; } = new() { PerAddress = 30, PerAccount = 10, Window = TimeSpan.FromMinutes(5) };

    public RateLimitRule SigningPassword { get; set; } = new() { PerAddress = 20, PerAccount = 5, Window = TimeSpan.FromMinutes(15) };

    public RateLimitRule Verification { get; set; } = new() { PerAddress = 100, PerAccount = 100, Window = TimeSpan.FromMinutes(10) };

    public RateLimitRule VerificationUpload { get; set; } = new() { PerAddress = 20, PerAccount = 20, Window = TimeSpan.FromMinutes(10) };

    public RateLimitRule For(LimitedAction action) => action switch
    {
        LimitedAction.SignIn => SignIn,
        LimitedAction.Invitation => Invitation,
        LimitedAction.SigningPassword => SigningPassword,
        LimitedAction.Verification => Verification,
        _ => VerificationUpload,
    };

    public IEnumerable<string> Problems()
    {
        foreach (var action in Enum.GetValues<LimitedAction>())
        {
            var rule = For(action);
            if (rule.PerAddress is < 1 or > 1_000_000)
            {
                yield return SettingsText.Invalid($"RateLimits:{action}:PerAddress", rule.PerAddress.ToString(CultureInfo.InvariantCulture), "un nombre de tentatives entre 1 et 1000000");
            }

            if (rule.PerAccount is < 1 or > 1_000_000)
            {
                yield return SettingsText.Invalid($"RateLimits:{action}:PerAccount", rule.PerAccount.ToString(CultureInfo.InvariantCulture), "un nombre de tentatives entre 1 et 1000000");
            }

            if (rule.Window < TimeSpan.FromSeconds(1) || rule.Window > TimeSpan.FromDays(1))
            {
                yield return SettingsText.Invalid($"RateLimits:{action}:Window", rule.Window.ToString("c", CultureInfo.InvariantCulture), "une durée hh:mm:ss entre 00:00:01 et 1.00:00:00");
            }
        }
    }
}

/// <summary>Too many attempts: the French message says when to try again.</summary>
public sealed class RateLimitedException(TimeSpan retryAfter)
    : UserFacingException(Describe(retryAfter))
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    public static string Describe(TimeSpan retryAfter)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes));
        return $"Trop de tentatives en peu de temps : réessayez dans {minutes} minute{(minutes > 1 ? "s" : "")}.";
    }
}

/// <summary>
/// The attempt limits of the app, one fixed-window limiter per client address and one per account for
/// each <see cref="LimitedAction"/> (System.Threading.RateLimiting, the limiters of ASP.NET Core's rate
/// limiting middleware). HTTP requests go through the middleware (<see cref="ForRequests"/>); actions
/// inside a circuit (signing password, verification) call <see cref="Acquire"/> or
/// <see cref="EnsureNotBlocked"/> / <see cref="RecordFailure"/>. A null address or account is not limited on that side.
/// </summary>
public sealed class AttemptLimiter : IDisposable
{
    private readonly Dictionary<(LimitedAction Action, bool ByAccount), PartitionedRateLimiter<string>> _limiters = [];

    public AttemptLimiter(IOptions<RateLimitSettings> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var action in Enum.GetValues<LimitedAction>())
        {
            var rule = options.Value.For(action);
            _limiters[(action, false)] = Create(rule.PerAddress, rule.Window);
            _limiters[(action, true)] = Create(rule.PerAccount, rule.Window);
        }
    }

    /// <summary>Counts one attempt; <see cref="RateLimitedException"/> when the address or the account is over its limit.</summary>
    public void Acquire(LimitedAction action, string? address, string? account) => Take(action, address, account, permits: 1);

    /// <summary>Counts nothing; <see cref="RateLimitedException"/> when the address or the account has used its attempts.</summary>
    public void EnsureNotBlocked(LimitedAction action, string? address, string? account) => Take(action, address, account, permits: 0);

    /// <summary>Counts one failed attempt (e.g. a wrong password).</summary>
    public void RecordFailure(LimitedAction action, string? address, string? account)
    {
        foreach (var (byAccount, key) in Keys(address, account))
        {
            using var lease = _limiters[(action, byAccount)].AttemptAcquire(key);
        }
    }

    /// <summary>The limiter of the HTTP middleware: the request's action, address and account come from <see cref="RequestAttempt"/>.</summary>
    public PartitionedRateLimiter<HttpContext> ForRequests() =>
        PartitionedRateLimiter.CreateChained(_limiters.Select(kv =>
            kv.Value.WithTranslatedKey<HttpContext>(
                http => RequestAttempt.Of(http) is { } attempt && attempt.Action == kv.Key.Action
                    ? (kv.Key.ByAccount ? attempt.Account : attempt.Address) ?? string.Empty
                    : string.Empty,
                leaveOpen: true)).ToArray());

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    private void Take(LimitedAction action, string? address, string? account, int permits)
    {
        foreach (var (byAccount, key) in Keys(address, account))
        {
            using var lease = _limiters[(action, byAccount)].AttemptAcquire(key, permits);
            if (!lease.IsAcquired)
            {
                throw new RateLimitedException(lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1));
            }
        }
    }

    private static IEnumerable<(bool ByAccount, string Key)> Keys(string? address, string? account)
    {
        if (!string.IsNullOrEmpty(address))
        {
            yield return (false, address);
        }

        if (!string.IsNullOrEmpty(account))
        {
            yield return (true, account.Trim().ToUpperInvariant());
        }
    }

    /// <summary>An empty key is not limited; any other key has its own fixed window.</summary>
    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => key.Length == 0
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = window,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
}

/// <summary>What a request attempts, for the rate limiter (set by the middleware before it: see RateLimitingExtensions).</summary>
public sealed record RequestAttempt(LimitedAction Action, string? Address, string? Account)
{
    private const string Key = "cqp:attempt";

    public static RequestAttempt? Of(HttpContext http) =>
        http?.Items.TryGetValue(Key, out var value) == true ? value as RequestAttempt : null;

    public void AttachTo(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Items[Key] = this;
    }

    /// <summary>Forgets the attempt: a re-executed request (the 429 page itself) is not the attempt again.</summary>
    public static void Clear(HttpContext http) => http?.Items.Remove(Key);
}

/// <summary>
/// The client address of the current request, or of the connection a circuit runs on (captured when the
/// circuit's scope first asks: the circuit's connection request). Behind nginx it is the forwarded address
/// (ASPNETCORE_FORWARDEDHEADERS_ENABLED, docs/operations.md). Null when unknown: that side is then not limited.
/// </summary>
public sealed class ClientAddress(IHttpContextAccessor accessor)
{
    private readonly string? _captured = Of(accessor.HttpContext);

    public string? Value => Of(accessor.HttpContext) ?? _captured;

    public static string? Of(HttpContext? http) =>
        http is null ? null : http.Connection.RemoteIpAddress?.ToString() ?? "adresse-inconnue";
}
