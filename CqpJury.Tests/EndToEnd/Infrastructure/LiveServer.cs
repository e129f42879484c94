using System.Net;
using System.Net.Sockets;
using CqpJury.App.Data.Demo;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CqpJury.Tests.EndToEnd.Infrastructure;

/// <summary>The real app on Kestrel (a real port, real WebSockets), on its own SQLite data folder.</summary>
internal sealed class LiveAppFactory : CqpJuryAppFactory
{
    public LiveAppFactory(int port, string? dataRoot, bool deleteOnDispose)
        : base(dataRoot, deleteOnDispose)
    {
        Port = port;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseUrls(BaseUrl);
        // Outside Development the framework and package assets (_framework/, _content/) are only
        // found through the build's static web assets manifest: a real browser needs them.
        builder.UseStaticWebAssets();

        // Real time for real browsers: MudBlazor's snackbars and timers run on the app's
        // TimeProvider, and a frozen test clock keeps every message on screen for ever.
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(TimeProvider.System);

            // Open circuits keep their WebSockets: stopping the server should not wait 30 s for them.
            services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        });
    }
}

/// <summary>A started <see cref="LiveAppFactory"/>; dispose to stop the server (and delete the data unless kept).</summary>
internal sealed class LiveServer : IAsyncDisposable
{
    private static readonly PortRange Ports = new(5400, 5799);

    private LiveServer(LiveAppFactory factory)
    {
        Factory = factory;
    }

    public LiveAppFactory Factory { get; }

    public string BaseUrl => Factory.BaseUrl;

    public int Port => Factory.Port;

    public string DataRoot => Factory.DataRoot;

    /// <summary>
    /// Starts the app on <paramref name="port"/> (a free port from 5400 when null) and <paramref name="dataRoot"/>
    /// (a new folder when null), with extra <paramref name="settings"/> (e.g. another database, Redis).
    /// <paramref name="productionPasswordHashing"/>: when an app process (production settings) signs in the accounts
    /// this server creates — else that process would hash each password again at its first sign-in, with a new
    /// security stamp that ends the member's sign-ins here (<see cref="CqpJuryAppFactory.PasswordIterations"/>).
    /// </summary>
    public static LiveServer Start(int? port = null, string? dataRoot = null, bool deleteOnDispose = true, IReadOnlyDictionary<string, string>? settings = null, bool productionPasswordHashing = false)
    {
        var factory = new LiveAppFactory(port ?? Ports.Next(), dataRoot, deleteOnDispose);
        if (productionPasswordHashing)
        {
            factory.PasswordIterations = null;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            factory.Settings[key] = value;
        }

        try
        {
            factory.UseKestrel();
            factory.StartServer();
            return new LiveServer(factory);
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    /// <summary>Seeds the demo session (once per data folder: the passwords are reset on each call).</summary>
    public async Task<DemoSession> SeedDemoAsync()
    {
        var credentials = await Factory.WithScopeAsync(sp => sp.GetRequiredService<DemoDataSeeder>().SeedAsync());
        return await ReadDemoAsync(credentials.ToDictionary(c => c.Email, c => c.Password, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The demo session as stored (after a restart: same ids, same passwords as given).</summary>
    public async Task<DemoSession> ReadDemoAsync(IReadOnlyDictionary<string, string> passwordsByEmail)
    {
        DemoSession? demo = null;
        await Factory.WithDbAsync(async db =>
        {
            var session = await db.Sessions.AsNoTracking().SingleAsync(s => s.Title == DemoDataSeeder.DemoSessionTitle);
            var members = await db.JuryMembers.AsNoTracking().Where(m => m.Email.EndsWith("@" + DemoDataSeeder.Domain)).ToListAsync();
            // The demo session's dossiers (and the incomplete one), not the history's (issue 24).
            var dossiers = await db.Dossiers.AsNoTracking().Where(d => !d.Reference.StartsWith(DemoDataSeeder.HistoryReferencePrefix)).Include(d => d.Candidate)
                .Include(d => d.Evaluations).ThenInclude(e => e.Elements).ToListAsync();
            demo = new DemoSession(
                session.Id,
                members.ToDictionary(m => m.FirstName, m => new DemoMember(m.Id, m.FirstName, m.FullName, m.Email, passwordsByEmail[m.Email]), StringComparer.Ordinal),
                dossiers.ToDictionary(
                    d => d.Candidate!.LastName,
                    d => new DemoDossier(d.Id, d.Reference, d.Candidate!.FirstName, d.Candidate.LastName,
                        d.Evaluations.SelectMany(e => e.Elements).Select(e => e.Label).ToList()),
                    StringComparer.Ordinal));
        });
        return demo!;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
    }
}

public sealed record DemoMember(Guid Id, string FirstName, string FullName, string Email, string Password);

public sealed record DemoDossier(Guid Id, string Reference, string CandidateFirstName, string CandidateLastName, IReadOnlyList<string> ElementLabels);

/// <summary>The demo session's ids: members by first name, dossiers by the candidate's last name.</summary>
public sealed record DemoSession(Guid SessionId, IReadOnlyDictionary<string, DemoMember> Members, IReadOnlyDictionary<string, DemoDossier> Dossiers)
{
    public DemoMember Member(string firstName) => Members[firstName];

    public DemoDossier Dossier(string candidateLastName) => Dossiers[candidateLastName];

    public IReadOnlyDictionary<string, string> PasswordsByEmail => Members.Values.ToDictionary(m => m.Email, m => m.Password, StringComparer.OrdinalIgnoreCase);
}
