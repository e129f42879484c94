using System.Security.Cryptography;
using CqpJury.App.Services.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;

namespace CqpJury.App.Extensions;

/// <summary>
/// The layer around the app (issue 23): security headers on every response, the rate limits of the
/// HTTP entry points (sign-in, invitation, verification), and the French error pages (issue 26: no
/// stack trace in any environment; details in the log under a correlation id).
/// </summary>
public static class SecurityExtensions
{
    private const string NonceKey = "cqp:csp-nonce";

    public static WebApplicationBuilder AddSecurityLayer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<AttemptLimiter>();
        services.AddScoped<ClientAddress>();
        services.AddScoped<SigningPasswordCheck>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                // The French page (/erreur/429) comes from the status code pages, re-executed as a GET (a page answers a
                // re-executed POST as a form post). A page's endpoint turns them off (Razor components skip them): on again here.
                context.HttpContext.Request.Method = HttpMethods.Get;
                if (context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
                {
                    statusPages.Enabled = true;
                }
                // The French page comes from the status code pages (/erreur/429); the browser learns when to retry.
                if (context.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retry))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CqpJury.RateLimits")
                    .LogWarning("Rate limit reached: {Action} from {Address}", RequestAttempt.Of(context.HttpContext)?.Action, ClientAddress.Of(context.HttpContext));
                return ValueTask.CompletedTask;
            };
        });
        services.AddOptions<RateLimiterOptions>().Configure<AttemptLimiter>((options, limiter) => options.GlobalLimiter = limiter.ForRequests());
        services.AddExceptionHandler<CorrelatedExceptionLogger>();

        // No "Server: Kestrel" header.
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);

        // A start that fails (a busy port…) is told in one French paragraph by StartupFailures; the host's own
        // "Hosting failed to start" error would print the stack trace before it (issue 19). Critical still shows.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        return builder;
    }

    /// <summary>First in the pipeline: the headers are set when the response starts (error pages included).</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            // Hex: nothing in it that HTML encoding would change in the import map's attribute.
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy(nonce);
                }

                headers.XContentTypeOptions = "nosniff";
                if (!headers.ContainsKey("X-Frame-Options"))
                {
                    headers.XFrameOptions = "SAMEORIGIN";
                }

                // The verification page's address carries a document's code: it is never sent to another site.
                headers["Referrer-Policy"] = context.Request.Path.StartsWithSegments("/verifier") ? "no-referrer" : "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        if (!app.Environment.IsDevelopment())
        {
            // HTTPS requests only (behind nginx: X-Forwarded-Proto, docs/operations.md); never for localhost.
            app.UseHsts();
        }

        return app;
    }

    /// <summary>The nonce of this response's CSP, for the one inline script the app writes (Blazor's import map).</summary>
    public static string? CspNonce(this HttpContext context) =>
        context?.Items.TryGetValue(NonceKey, out var nonce) == true ? nonce as string : null;

    /// <summary>
    /// The CSP of every page. Scripts: this origin only, plus the nonce of the import map Blazor writes inline;
    /// no 'unsafe-eval' (Blazor Server and MudBlazor need none). Connections: this origin (the circuit's
    /// WebSocket included). Styles: 'unsafe-inline' is needed, and only for styles: MudBlazor sets style
    /// attributes at run time (popover positions, widths, colours given as Style parameters), writes inline
    /// style elements, and the app's theme is an inline style element (CqpTheme); a nonce or hash cannot
    /// cover attributes set from script. Styles cannot run code, and what CSS injection could leak is held in
    /// by img-src, font-src and connect-src, which allow this origin only.
    /// </summary>
    public static string ContentSecurityPolicy(string nonce) =>
        "default-src 'self'; "
        + $"script-src 'self' 'nonce-{nonce}'; "
        + "style-src 'self' 'unsafe-inline'; "
        + "img-src 'self' data:; "
        + "font-src 'self'; "
        + "connect-src 'self'; "
        + "frame-src 'self'; "
        + "object-src 'none'; "
        + "base-uri 'self'; "
        + "form-action 'self'; "
        + "frame-ancestors 'self'";

    /// <summary>
    /// Tells the rate limiter what a request attempts (sign-in: the address typed; invitation: its token),
    /// then applies the limits (French page /erreur/429 when one is reached).
    /// </summary>
    public static WebApplication UseRateLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var path = request.Path;
            RequestAttempt.Clear(context);
            if (HttpMethods.IsPost(request.Method) && path.Equals("/connexion", StringComparison.OrdinalIgnoreCase) && request.HasFormContentType)
            {
                // The form is read once and kept (IFormFeature): the page and the antiforgery check read the same.
                var form = await request.ReadFormAsync(context.RequestAborted);
                var email = form["Input.Email"].ToString().Trim();
                new RequestAttempt(LimitedAction.SignIn, ClientAddress.Of(context), email.Length == 0 ? null : email).AttachTo(context);
            }
            else if (path.StartsWithSegments("/invitation", StringComparison.OrdinalIgnoreCase, out var rest) && rest.HasValue)
            {
                new RequestAttempt(LimitedAction.Invitation, ClientAddress.Of(context), PasswordGenerator.Hash(rest.Value!.Trim('/'))).AttachTo(context);
            }
            else if (HttpMethods.IsGet(request.Method) && path.StartsWithSegments("/verifier", StringComparison.OrdinalIgnoreCase, out var code) && code.HasValue)
            {
                new RequestAttempt(LimitedAction.Verification, ClientAddress.Of(context), null).AttachTo(context);
            }

            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// Every error a browser meets is the app's French page with a correlation id (issue 26), in every
    /// environment, Development included: the details go to the log only, under the same id.
    /// </summary>
    public static WebApplication UseFrenchErrorPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/Error",
            CreateScopeForErrors = true,
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
            SuppressDiagnosticsCallback = _ => true, // logged once, with the correlation id, by CorrelatedExceptionLogger
        });
        app.UseStatusCodePagesWithReExecute("/erreur/{0}", createScopeForStatusCodePages: true);
        return app;
    }
}

/// <summary>Logs an unhandled request error with its correlation id (what the error page shows), then lets the error page answer.</summary>
internal sealed class CorrelatedExceptionLogger(ILogger<CorrelatedExceptionLogger> logger) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        logger.LogError(exception, "Unhandled error {CorrelationId} on {Method} {Path}", httpContext.TraceIdentifier, httpContext.Request.Method, httpContext.Request.Path);
        return ValueTask.FromResult(false);
    }
}
