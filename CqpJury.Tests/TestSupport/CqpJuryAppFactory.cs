using CqpJury.App.Data;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CqpJury.Tests.TestSupport;

/// <summary>
/// The real app on a real database of its own (a fresh folder per factory; SQLite, or PostgreSQL
/// when <see cref="TestDatabase.Current"/> says so), with a fake clock.
/// Use <see cref="CreateSecretariatAsync"/> etc. to arrange data; dispose to delete the folder.
/// </summary>
public class CqpJuryAppFactory : WebApplicationFactory<Program>
{
    private readonly bool _deleteOnDispose;

    public CqpJuryAppFactory()
        : this(null, deleteOnDispose: true)
    {
    }

    /// <summary>
    /// An app on <paramref name="dataRoot"/> (a new temp folder when null). To simulate a server
    /// restart, dispose a factory created with <paramref name="deleteOnDispose"/> false and start a
    /// new one on the same folder.
    /// </summary>
    public CqpJuryAppFactory(string? dataRoot, bool deleteOnDispose)
    {
        DataRoot = dataRoot ?? Path.Combine(Path.GetTempPath(), "cqpjury-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataRoot);
        _deleteOnDispose = deleteOnDispose;
    }

    public string DataRoot { get; }

    /// <summary>The app's clock; starts on 2026-11-27 09:00 UTC.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Extra settings (e.g. "Documents:MaxUploadBytes"), applied before the host starts.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>
    /// The PBKDF2 iterations of the passwords this factory's app hashes and checks. Identity's 100,000 cost about 50 ms
    /// of CPU per hash on the CI machine, and the tests hash throwaway passwords by the thousand (every arranged account,
    /// every sign-in: 1,449 in CqpJury.Tests without its browser tests, counted on 2026-12-05): tests use 1,000 — still Identity's hasher and format, the count is stored in each hash. A test
    /// whose subject is the hashing's cost (the sign-in timing) sets null: Identity's default, as in production.
    /// </summary>
    public int? PasswordIterations { get; set; } = 1_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", TestDatabase.Current.Provider.ToString());
        builder.UseSetting("ConnectionStrings:CqpJury", TestDatabase.Current.ConnectionString(DataRoot));
        builder.UseSetting("Storage:Root", DataRoot);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        // The mail outbox's background sender would issue a closed session's documents on its own (to attach
        // them) while a test issues them: off unless a test turns it on (Mail tests drive the sender themselves).
        builder.UseSetting("Mail:SenderEnabled", "false");
        builder.UseSetting("Retention:Enabled", "false"); // the daily retention job would act when a test moves the clock by days; its own tests turn it on
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            if (PasswordIterations is { } iterations)
            {
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = iterations);
            }
        });
    }

    /// <summary>Runs <paramref name="work"/> with a fresh DI scope (services as a request would see them).</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public async Task WithDbAsync(Func<CqpJuryDbContext, Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var factory = Services.GetRequiredService<IDbContextFactory<CqpJuryDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await work(db);
    }

    /// <summary>Creates a secretariat account; returns its e-mail and generated password.</summary>
    public Task<(string Email, string Password)> CreateSecretariatAsync(string email = "secretariat@test.fr") =>
        WithScopeAsync(async sp =>
        {
            var password = await sp.GetRequiredService<AccountService>().CreateSecretariatAsync(email, "Secrétariat Test");
            return (email, password);
        });

    /// <summary>Creates an active jury member with an account and a password; returns the member id and password.</summary>
    public Task<(Guid MemberId, string Email, string Password)> CreateMemberWithAccountAsync(
        string firstName, string lastName, CqpJury.Domain.Juries.Seat seat, Guid? organisationId = null) =>
        WithScopeAsync(async sp =>
        {
            var email = $"{firstName}.{lastName}@test.fr".ToLowerInvariant();
            var member = new JuryMemberEntity
            {
                Id = Guid.NewGuid(),
                FirstName = firstName,
                LastName = lastName,
                Email = email,
                Seat = seat,
                OrganisationId = organisationId,
            };
            var db = sp.GetRequiredService<CqpJuryDbContext>();
            db.JuryMembers.Add(member);
            await db.SaveChangesAsync();
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var password = PasswordGenerator.NewPassword();
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = member.FullName,
                JuryMemberId = member.Id,
            };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, Roles.JuryMember);
            member.UserId = user.Id;
            await db.SaveChangesAsync();
            return (member.Id, email, password);
        });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _deleteOnDispose)
        {
            TestDatabase.Current.Drop(DataRoot);
            try
            {
                Directory.Delete(DataRoot, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a background thread: the OS temp cleaner will take it.
            }
        }
    }
}
