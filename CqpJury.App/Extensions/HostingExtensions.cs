using CqpJury.App.Data;
using CqpJury.App.Performance;
using CqpJury.App.Services;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Security;
using MudBlazor.Services;

namespace CqpJury.App.Extensions;

/// <summary>How the app is put together: one method per concern, called from Program.cs.</summary>
public static class HostingExtensions
{
    public static WebApplicationBuilder AddCqpJury(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.UseRootAppSettings(builder.Environment);

        // Every CqpJury setting bound to its class and checked before anything uses it (issue 23).
        builder.AddCqpSettings();

        // Serve the framework's and MudBlazor's static files from a build output in any environment
        // (published output has no manifest: this is then a no-op).
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
            config.SnackbarConfiguration.VisibleStateDuration = 4000;
            config.SnackbarConfiguration.PreventDuplicates = true;
        });
        builder.Services.AddTransient<MudBlazor.MudLocalizer, Components.Shared.FrenchMudLocalizer>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ReferentialCatalog>();
        builder.AddPersistence();
        builder.AddAccounts();
        builder.AddRealtime();
        builder.AddOfficialDocuments();
        builder.AddConnectedMemberSavings();
        builder.AddSecurityLayer();
        builder.Services.AddRoom();
        builder.AddMail();
        builder.Services.AddScoped<ActorResolver>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<Services.Privacy.AccessHistory>();
        builder.Services.AddHostedService<Services.Privacy.RetentionJob>();
        builder.Services.AddSingleton<JournalVerifier>();
        builder.Services.AddScoped<Data.Demo.DemoDataSeeder>();
        builder.Services.AddUseCaseServices();
        return builder;
    }

    public static WebApplication MapCqpJury(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Fail at start, in French, on a wrong setting or referential data file (R1), before the database is touched.
        app.Services.ValidateSettingsNow();
        _ = app.Services.GetRequiredService<ReferentialCatalog>();
        DatabaseInitializer.InitializeAsync(app.Services).GetAwaiter().GetResult();

        app.UseSecurityHeaders();
        app.UseFrenchErrorPages();

        // Every request, and so every circuit, in French (dates, numbers, MudBlazor's own words).
        app.UseRequestLocalization(options =>
        {
            options.SetDefaultCulture("fr-FR").AddSupportedCultures("fr-FR").AddSupportedUICultures("fr-FR");
            options.RequestCultureProviders.Clear();
        });
        app.UseRateLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthEndpoints();
        app.MapAccountEndpoints();
        app.MapDocumentEndpoints();
        app.MapOfficialDocumentEndpoints();
        app.MapStatisticsEndpoints();
        app.MapPrivacyEndpoints();
        // The framework's own CSP (frame-ancestors only) gives way to the app's whole one (SecurityExtensions).
        // The circuits' WebSocket is not compressed (Performance/README.md, « WebSocket compression off »): with
        // it, each open page kept a deflate state of about 300 KB on the server and every message (batches, pings)
        // was compressed — a member costs less memory and an open room less CPU without it, for a first load of the
        // room about 140 ms longer on a slow link (figure 10c).
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode(o =>
        {
            o.ContentSecurityFrameAncestorsPolicy = null;
            o.DisableWebSocketCompression = true;
        });
        return app;
    }
}
