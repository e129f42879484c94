namespace CqpJury.Benchmarks.Core;

/// <summary>The app as production runs it (docs/operations.md): its publish output.</summary>
public static class PublishedApp
{
    /// <summary>
    /// <c>dotnet publish CqpJury.App -c Release -o DIR</c> from the repository (ReadyToRun, set in the app's project
    /// file); returns the published CqpJury.App.dll.
    /// </summary>
    public static async Task<string> PublishAsync(string output)
    {
        await DiagnosticsTools.RunAsync("dotnet", ["publish", Path.Combine(RepositoryPaths.Root, "CqpJury.App", "CqpJury.App.csproj"), "-c", "Release", "-o", output, "--nologo"], TimeSpan.FromMinutes(20));
        return Path.Combine(output, "CqpJury.App.dll");
    }
}
