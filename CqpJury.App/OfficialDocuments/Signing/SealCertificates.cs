using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using CqpJury.App.Data;
using CqpJury.App.Services;
using Microsoft.Extensions.Options;

namespace CqpJury.App.OfficialDocuments.Signing;

/// <summary>
/// The organisation's sealing certificate, loaded once from the <c>Signing</c> settings (a PKCS#12 file or a PEM
/// pair), and checked at each issuing: readable, its key matching it, valid at the signing instant. Without a
/// configured certificate, outside Production (Development, tests) and with <c>--demo</c>, a self-signed test
/// certificate is created once under the data folder (<c>signing/certificat-de-test.pfx</c>), marked
/// « CERTIFICAT DE TEST — sans valeur »; in Production issuing is refused until one is configured. Every refusal is a
/// <see cref="UserFacingException"/> whose French message names the setting: the caller issues nothing.
/// </summary>
public sealed class SealCertificates(
    IOptions<SigningOptions> options,
    IHostEnvironment environment,
    IssuingEnvironment issuing,
    DataPaths paths)
{
    private const string PathSetting = "Signing:CertificatePath";
    private const string KeySetting = "Signing:KeyPath";
    private const string PasswordSetting = "Signing:CertificatePassword";

    private readonly Lock gate = new();
    private SealCertificate? loaded;

    /// <summary>Where the test certificate is kept (created on first use).</summary>
    public string TestCertificatePath => Path.Combine(paths.Root, "signing", "certificat-de-test.pfx");

    /// <summary>Whether a test certificate may stand in for a missing one: outside Production, or in the demo.</summary>
    public bool AllowsTestCertificate => issuing.AllowsStandIns;

    /// <summary>The seal of documents signed at <paramref name="at"/>; refused (French, naming the setting) when no usable certificate.</summary>
    public DocumentSeal SealFor(DateTimeOffset at)
    {
        var certificate = Current(at);
        CheckValidity(certificate, at);
        return new DocumentSeal(certificate, options.Value.Location.Trim(), at);
    }

    /// <summary>The certificate documents are sealed with now (loaded once; a failed load is tried again next time).</summary>
    public SealCertificate Current(DateTimeOffset now)
    {
        lock (gate)
        {
            if (loaded is { IsTest: true } test && test.Certificate.NotAfter.ToUniversalTime() <= now.UtcDateTime)
            {
                // An expired test certificate is replaced: documents it sealed keep its thumbprint.
                loaded = null;
                File.Delete(TestCertificatePath);
            }

            return loaded ??= Load(now);
        }
    }

    private SealCertificate Load(DateTimeOffset now)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            if (!AllowsTestCertificate)
            {
                throw new UserFacingException(
                    $"Aucun certificat de signature n'est configuré : les documents officiels ne peuvent pas être émis. "
                    + $"Renseignez le réglage {PathSetting} (fichier PKCS#12 de l'organisme, mot de passe dans {PasswordSetting}, "
                    + $"par exemple par la variable d'environnement Signing__CertificatePassword ; ou certificat PEM avec sa clé dans {KeySetting}).");
            }

            return LoadOrCreateTestCertificate(now);
        }

        var path = Path.GetFullPath(settings.CertificatePath!, environment.ContentRootPath);
        RequireFile(path, PathSetting);
        return string.IsNullOrWhiteSpace(settings.KeyPath)
            ? LoadPkcs12(path, settings.CertificatePassword)
            : LoadPem(path, Path.GetFullPath(settings.KeyPath, environment.ContentRootPath), settings.CertificatePassword);
    }

    private static SealCertificate LoadPkcs12(string path, string? password)
    {
        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12CollectionFromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new UserFacingException(
                $"Le certificat de signature « {path} » (réglage {PathSetting}) ne peut pas être lu : mot de passe ({PasswordSetting}) incorrect, "
                + "ou ce n'est pas un fichier PKCS#12. Aucun document n'a été émis.", ex);
        }

        var leaf = all.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new UserFacingException(
                $"Le fichier « {path} » (réglage {PathSetting}) ne contient pas de clé privée : il faut le certificat de l'organisme avec sa clé. Aucun document n'a été émis.");
        return Checked(leaf, [.. all.Where(c => !ReferenceEquals(c, leaf))], path);
    }

    private static SealCertificate LoadPem(string certificatePath, string keyPath, string? password)
    {
        RequireFile(keyPath, KeySetting);
        X509Certificate2Collection all = [];
        try
        {
            all.ImportFromPemFile(certificatePath);
        }
        catch (CryptographicException ex)
        {
            throw new UserFacingException($"Le fichier « {certificatePath} » (réglage {PathSetting}) n'est pas un certificat PEM lisible. Aucun document n'a été émis.", ex);
        }

        if (all.Count == 0)
        {
            throw new UserFacingException($"Le fichier « {certificatePath} » (réglage {PathSetting}) ne contient aucun certificat PEM. Aucun document n'a été émis.");
        }

        // The first certificate is the organisation's, the others its chain (the usual order of a PEM bundle).
        var certificate = all[0];
        X509Certificate2 withKey;
        try
        {
            var keyPem = File.ReadAllText(keyPath);
            withKey = certificate.GetKeyAlgorithm() == "1.2.840.10045.2.1"
                ? certificate.CopyWithPrivateKey(ImportKey(ECDsa.Create(), keyPem, password))
                : certificate.CopyWithPrivateKey(ImportKey(RSA.Create(), keyPem, password));
        }
        catch (CryptographicException ex)
        {
            throw new UserFacingException(
                $"La clé privée « {keyPath} » (réglage {KeySetting}) ne peut pas être lue : mot de passe ({PasswordSetting}) incorrect, "
                + "ou ce n'est pas une clé PEM. Aucun document n'a été émis.", ex);
        }
        catch (ArgumentException ex)
        {
            throw KeyMismatch(keyPath, KeySetting, ex);
        }

        return Checked(withKey, [.. all.Skip(1)], keyPath);
    }

    private static T ImportKey<T>(T key, string pem, string? password)
        where T : AsymmetricAlgorithm
    {
        if (string.IsNullOrEmpty(password))
        {
            key.ImportFromPem(pem);
        }
        else
        {
            key.ImportFromEncryptedPem(pem, password);
        }

        return key;
    }

    /// <summary>Signs a probe and checks it with the certificate's public key: a key that is not the certificate's is refused.</summary>
    private static SealCertificate Checked(X509Certificate2 certificate, X509Certificate2Collection chain, string keySource)
    {
        SealCertificate seal;
        try
        {
            seal = new SealCertificate(certificate, chain);
            var probe = "CqpJury"u8.ToArray();
            var cms = new SignedCms(new ContentInfo(probe), detached: true);
            cms.Decode(seal.Signer.Sign(probe));
            cms.CheckSignature(verifySignatureOnly: true);
        }
        catch (CryptographicException ex)
        {
            throw KeyMismatch(keySource, PathSetting, ex);
        }

        return seal;
    }

    private static UserFacingException KeyMismatch(string source, string setting, Exception ex) => new(
        $"La clé privée de « {source} » (réglage {setting}) ne correspond pas au certificat de signature : "
        + "installez le certificat de l'organisme avec sa propre clé. Aucun document n'a été émis.", ex);

    private static void RequireFile(string path, string setting)
    {
        if (!File.Exists(path))
        {
            throw new UserFacingException($"Le fichier « {path} » (réglage {setting}) est introuvable : aucun document officiel ne peut être émis.");
        }
    }

    private static void CheckValidity(SealCertificate seal, DateTimeOffset at)
    {
        var certificate = seal.Certificate;
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        if (at < notBefore)
        {
            throw new UserFacingException(
                $"Le certificat de signature « {seal.DisplayName} » n'est valable qu'à partir du {FrenchTime.Format(notBefore, "dd/MM/yyyy 'à' HH:mm")} : "
                + $"aucun document n'a été émis (réglage {PathSetting}).");
        }

        if (at >= notAfter)
        {
            throw new UserFacingException(
                $"Le certificat de signature « {seal.DisplayName} » a expiré le {FrenchTime.Format(notAfter, "dd/MM/yyyy")} : aucun document n'a été émis. "
                + $"Installez le nouveau certificat de l'organisme (réglage {PathSetting}).");
        }
    }

    private SealCertificate LoadOrCreateTestCertificate(DateTimeOffset now)
    {
        var path = TestCertificatePath;
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var created = CreateTestCertificate(now))
            {
                File.WriteAllBytes(temporary, created.Export(X509ContentType.Pkcs12));
            }

            try
            {
                // Two instances on one data folder: the first certificate written stays, the other is dropped.
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        return LoadPkcs12(path, password: null);
    }

    /// <summary>A self-signed RSA-2048 certificate for document signing, valid ten years, whose subject says it has no value.</summary>
    public static X509Certificate2 CreateTestCertificate(DateTimeOffset now)
    {
        using var key = RSA.Create(2048);
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion("FR");
        name.AddOrganizationName("CqpJury (démonstration)");
        name.AddCommonName(SealCertificate.TestMarker);
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
    }
}
