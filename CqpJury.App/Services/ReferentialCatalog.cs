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
            throw new InvalidOperationException($"Référentiel introuvable : {path}");
        }

        var result = ReferentialLoader.Parse(File.ReadAllText(path));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Le référentiel {path} contient des erreurs :{Environment.NewLine}" +
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
