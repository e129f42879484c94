using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CqpJury.App.OfficialDocuments.Signing;

namespace CqpJury.Tests.Integration.OfficialDocuments;

/// <summary>Organisation certificates made for the tests (self-signed, RSA 2048), written as the settings expect them.</summary>
internal static class TestCertificates
{
    public const string OrganisationName = "CPEF de la formation professionnelle — cachet électronique";

    private static readonly Lazy<X509Certificate2> Shared = new(() =>
        Create(OrganisationName, DateTimeOffset.UtcNow.AddYears(-1), DateTimeOffset.UtcNow.AddYears(20)));

    /// <summary>One organisation certificate shared by the tests that only sign (key generation costs a fraction of a second).</summary>
    public static X509Certificate2 Organisation => Shared.Value;

    public static DocumentSeal Seal(X509Certificate2? certificate = null, DateTimeOffset? at = null) =>
        new(new SealCertificate(certificate ?? Organisation), "CPEF de la formation professionnelle", at ?? new DateTimeOffset(2025, 6, 12, 16, 10, 0, TimeSpan.Zero));

    public static X509Certificate2 Create(string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter, RSA? key = null)
    {
        using var owned = key is null ? RSA.Create(2048) : null;
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("FR");
        name.AddOrganizationName("CPEF de la formation professionnelle");
        name.AddCommonName(commonName);
        var request = new CertificateRequest(name.Build(), key ?? owned!, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>The certificate and its key as a PKCS#12 file protected by <paramref name="password"/>.</summary>
    public static string WritePkcs12(X509Certificate2 certificate, string folder, string password)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".p12");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }

    /// <summary>The certificate as PEM, and a PEM key: its own, or <paramref name="otherKey"/> (a key that does not match).</summary>
    public static (string Certificate, string Key) WritePem(X509Certificate2 certificate, string folder, RSA? otherKey = null)
    {
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, Guid.NewGuid().ToString("N"));
        File.WriteAllText(stem + ".crt", certificate.ExportCertificatePem());
        using var own = certificate.GetRSAPrivateKey();
        File.WriteAllText(stem + ".key", (otherKey ?? own!).ExportPkcs8PrivateKeyPem());
        return (stem + ".crt", stem + ".key");
    }
}
