namespace CqpJury.Domain.Referential;

/// <summary>The loaded referential: a version label and the certificates it defines (R1).</summary>
public sealed record CertificateReferential(string Version, IReadOnlyList<CertificateDefinition> Certificates)
{
    public CertificateDefinition? Find(string certificateCode) =>
        Certificates.FirstOrDefault(c => string.Equals(c.Code, certificateCode, StringComparison.Ordinal));

    public CertificateDefinition Get(string certificateCode) =>
        Find(certificateCode) ?? throw new KeyNotFoundException($"CQP inconnu dans le référentiel : {certificateCode}");
}
