using CqpJury.App.Data.Demo;
using CqpJury.App.Services;
using CqpJury.App.Services.Audit;
using CqpJury.App.Services.Security;

namespace CqpJury.App.Extensions;

/// <summary>
/// The flags without a value (<c>--demo</c>, <c>--reset</c>), taken out of the arguments before the host
/// reads them: .NET's command-line configuration would read <c>--demo --urls X</c> as the key <c>demo</c>
/// with the value <c>--urls</c> and lose <c>--urls</c> (issue 19). Any position works.
/// </summary>
public sealed record LaunchOptions(bool Demo, bool Reset, string[] HostArgs)
{
    public const string DemoFlag = "--demo";
    public const string ResetFlag = "--reset";

    public static LaunchOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var demo = args.Any(a => string.Equals(a, DemoFlag, StringComparison.OrdinalIgnoreCase));
        var reset = args.Any(a => string.Equals(a, ResetFlag, StringComparison.OrdinalIgnoreCase));
        var rest = args.Where(a => !string.Equals(a, DemoFlag, StringComparison.OrdinalIgnoreCase)
                                   && !string.Equals(a, ResetFlag, StringComparison.OrdinalIgnoreCase)).ToArray();
        return new LaunchOptions(demo, reset, rest);
    }
}

/// <summary>
/// Operator commands run instead of the web server:
/// <c>dotnet run --project CqpJury.App -- create-secretariat --email a@b.fr [--name "…"]</c>, and
/// <c>dotnet run --project CqpJury.App -- verify-journal</c> (the journal's hash chain, exit code 3 when altered).
/// And the demo data: <c>-- --demo</c> (or the setting <c>Demo:Seed=true</c>) seeds it before the server starts.
/// </summary>
public static class CommandLine
{
    /// <summary>Runs the command named in <paramref name="args"/>, if any; returns its exit code, or null to start the server.</summary>
    public static async Task<int?> TryRunCommandAsync(this WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == VerifyJournalCommand)
        {
            return await VerifyJournalAsync(app);
        }

        if (args.Length == 0 || args[0] != "create-secretariat")
        {
            return null;
        }

        var email = ValueOf(args, "--email");
        var name = ValueOf(args, "--name") ?? "Secrétariat de la CPEF";
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            var password = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateSecretariatAsync(email ?? string.Empty, name);
            await Console.Out.WriteLineAsync($"Compte secrétariat créé : {email}");
            await Console.Out.WriteLineAsync($"Mot de passe (affiché une seule fois) : {password}");
            return 0;
        }
        catch (UserFacingException ex)
        {
            await Console.Error.WriteLineAsync("Erreur : " + ex.Message);
            return 2;
        }
    }

    /// <summary>The command that checks the journal's hash chain.</summary>
    public const string VerifyJournalCommand = "verify-journal";

    /// <summary>The exit code of <c>verify-journal</c> when the journal is altered.</summary>
    public const int JournalAlteredExitCode = 3;

    /// <summary>
    /// <c>dotnet run --project CqpJury.App -- verify-journal</c>: walks the journal's hash chain and prints
    /// « journal intact : N entrées » (exit code 0) or the first broken entry (exit code 3).
    /// </summary>
    private static async Task<int> VerifyJournalAsync(WebApplication app)
    {
        var verdict = await app.Services.GetRequiredService<JournalVerifier>().VerifyAsync();
        if (verdict.Intact)
        {
            await Console.Out.WriteLineAsync(verdict.Text);
            return 0;
        }

        await Console.Error.WriteLineAsync(verdict.Text);
        return JournalAlteredExitCode;
    }

    /// <summary>
    /// <c>--demo --reset</c>: deletes the embedded SQLite database (its file, journal and shared memory) so that the
    /// start creates it anew and seeds a fresh demo. On a terminal it asks first; without one (a script, a service)
    /// it asks nothing. Refused on PostgreSQL, and without <c>--demo</c>. Runs before the database is opened.
    /// </summary>
    public static async Task ResetDemoDatabaseIfAskedAsync(this WebApplication app, LaunchOptions launch)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(launch);
        if (!launch.Reset)
        {
            return;
        }

        if (!launch.Demo)
        {
            throw new StartupFailureException(
                "--reset efface la base de démonstration et ne s'emploie qu'avec --demo : lancez « dotnet run --project CqpJury.App -- --demo --reset ».");
        }

        var database = app.Services.GetRequiredService<ResolvedDatabase>();
        if (database.SqliteFile is not { } file)
        {
            throw new StartupFailureException(
                $"--demo --reset n'efface que la base SQLite intégrée ; il refuse d'effacer une base {database.Provider} (réglage Database:Provider). "
                + "Rien n'a été effacé : videz cette base vous-même si c'est vraiment voulu.");
        }

        if (!Console.IsInputRedirected)
        {
            await Console.Out.WriteAsync($"Effacer toutes les données de {file} et recréer la démonstration ? Tapez « oui » pour confirmer : ");
            var answer = (await Console.In.ReadLineAsync())?.Trim();
            if (!string.Equals(answer, "oui", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "o", StringComparison.OrdinalIgnoreCase))
            {
                throw new StartupFailureException("Rien n'a été effacé (réponse autre que « oui »).");
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm", file + "-journal" })
        {
            File.Delete(path);
        }

        await Console.Out.WriteLineAsync($"Base de démonstration effacée : {file}");
    }

    /// <summary>Seeds the fictitious demo dataset when asked, and prints the demo accounts with fresh passwords.</summary>
    public static async Task SeedDemoIfAskedAsync(this WebApplication app, LaunchOptions launch)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(launch);
        if (!launch.Demo && !app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DemoSettings>>().Value.Seed)
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var credentials = await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        await Console.Out.WriteLineAsync();
        await Console.Out.WriteLineAsync("=== Données de démonstration (fictives) — comptes et mots de passe de cette exécution ===");
        foreach (var c in credentials)
        {
            await Console.Out.WriteLineAsync($"  {c.Role,-22} {c.Name,-34} {c.Email,-36} {c.Password}");
        }

        await Console.Out.WriteLineAsync("  (Les mots de passe sont régénérés à chaque lancement avec --demo.)");
        await Console.Out.WriteLineAsync();
    }

    private static string? ValueOf(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
