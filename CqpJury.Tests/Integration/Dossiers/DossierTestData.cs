using System.Runtime.CompilerServices;
using CqpJury.App.Data.Entities;
using CqpJury.Domain.Dossiers;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Integration.Dossiers;

/// <summary>Arranges evaluators and dossiers for the dossier tests (inserted directly, like the secretariat's other screens would).</summary>
internal static class DossierTestData
{
    public static async Task<(EvaluatorEntity SectorProfessional, EvaluatorEntity ExternalAssessor)> AddEvaluatorsAsync(CqpJuryAppFactory factory)
    {
        var sp = EntityBuilders.Evaluator(EvaluatorRole.SectorProfessional, "Professionnel", "Paul");
        sp.Email = "paul.professionnel@example.org";
        var ea = EntityBuilders.Evaluator(EvaluatorRole.ExternalAssessor, "Externe", "Sophie");
        await factory.WithDbAsync(async db =>
        {
            db.AddRange(sp, ea);
            await db.SaveChangesAsync();
        });
        return (sp, ea);
    }

    public static async Task<DossierEntity> AddCompleteDossierAsync(CqpJuryAppFactory factory, Route route = Route.SkillsDevelopment)
    {
        var candidate = EntityBuilders.Candidate();
        var sp = EntityBuilders.Evaluator(EvaluatorRole.SectorProfessional);
        var ea = EntityBuilders.Evaluator(EvaluatorRole.ExternalAssessor, "Externe");
        var dossier = EntityBuilders.CompleteDossier(candidate, sp, ea, route);
        await factory.WithDbAsync(async db =>
        {
            db.AddRange(candidate, sp, ea, dossier);
            await db.SaveChangesAsync();
        });
        return dossier;
    }

    /// <summary>
    /// A file of the repository's docs folder, found by walking up to the folder holding CqpJury.sln
    /// from the test binaries, or from this source file when the build output lives elsewhere
    /// (<c>--artifacts-path</c>).
    /// </summary>
    public static string DocsFile(string name, [CallerFilePath] string sourceFile = "")
    {
        var root = FindSolutionFolder(AppContext.BaseDirectory) ?? FindSolutionFolder(Path.GetDirectoryName(sourceFile) ?? string.Empty)
            ?? throw new InvalidOperationException("CqpJury.sln not found above " + AppContext.BaseDirectory);
        return Path.Combine(root, "docs", name);
    }

    private static string? FindSolutionFolder(string start)
    {
        var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CqpJury.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName;
    }
}
