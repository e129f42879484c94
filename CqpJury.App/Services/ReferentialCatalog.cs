using CqpJury.Domain.Referential;

namespace CqpJury.App.Services;

/// <summary>
/// The referential (R1) loaded once at start from the versioned data file shipped with the app
/// (<c>Data/Referential/referential.json</c>, path configurable with <c>Referential:Path</c>).
/// A file with errors stops the start with every error listed.
/// </summary>
public sealed class ReferentialCatalog
{
    public ReferentialCatalog(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["Referential:Path"];
        var path = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, "Data", "Referential", "referential.json")
            : Path.GetFullPath(configured);
        if (!File.Exists(path))
        {
            throw new Extensions.StartupFailureException(
                $"Le fichier du référentiel est introuvable : {path} (réglage Referential:Path « {configured} ») : attendu le chemin d'un fichier de référentiel existant, ou rien pour celui livré avec l'application.");
        }

        var result = ReferentialLoader.Parse(File.ReadAllText(path));
        if (!result.Succeeded)
        {
            throw new Extensions.StartupFailureException(
                $"Le référentiel {path} (réglage Referential:Path) contient des erreurs ; corrigez-les, ou retirez le réglage pour reprendre le référentiel livré avec l'application :{Environment.NewLine}" +
                string.Join(Environment.NewLine, result.Errors.Select(e => "  - " + e)));
        }

        Referential = result.Referential!;
        SourcePath = path;
    }

    public CertificateReferential Referential { get; }

    public string SourcePath { get; }

    public IReadOnlyList<CertificateDefinition> Certificates => Referential.Certificates;

    public CertificateDefinition Get(string certificateCode) => Referential.Get(certificateCode);

    public CertificateDefinition? Find(string certificateCode) => Referential.Find(certificateCode);
}
