namespace CqpJury.Benchmarks.Core;

/// <summary>Where the repository and the app's build output are, seen from this build.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding CqpJury.sln (walking up from the binaries, then the working directory).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The app's referential: the repository's file, else the copy shipped next to the binaries.</summary>
    public static string Referential
    {
        get
        {
            var source = Path.Combine(Root, "CqpJury.App", "Data", "Referential", "referential.json");
            return File.Exists(source) ? source : Path.Combine(AppContext.BaseDirectory, "Data", "Referential", "referential.json");
        }
    }

    /// <summary>
    /// CqpJury.App.dll built with the same configuration as this runner: with an artifacts path
    /// (…/bin/CqpJury.Benchmarks/release → …/bin/CqpJury.App/release) or the default layout
    /// (CqpJury.Benchmarks/bin/Release/net10.0 → CqpJury.App/bin/Release/net10.0).
    /// </summary>
    public static string? FindAppDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var candidates = new List<string>();
        if (here.Parent is { Name: "CqpJury.Benchmarks" } artifactsProject && artifactsProject.Parent is { } artifactsBin)
        {
            candidates.Add(Path.Combine(artifactsBin.FullName, "CqpJury.App", here.Name, "CqpJury.App.dll"));
        }

        if (here.Parent?.Parent is { Name: "bin" } bin && bin.Parent is { } project && project.Parent is { } repo)
        {
            candidates.Add(Path.Combine(repo.FullName, "CqpJury.App", "bin", here.Parent.Name, here.Name, "CqpJury.App.dll"));
        }

        return candidates.FirstOrDefault(File.Exists);
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CqpJury.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
