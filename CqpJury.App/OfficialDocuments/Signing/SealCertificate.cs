using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CqpJury.App.OfficialDocuments.Signing;

/// <summary>
/// The organisation's certificate that seals the official documents, with its private key, and the signer that
/// uses it. A test certificate (created by CqpJury in Development and with <c>--demo</c>) says so in its subject:
/// <see cref="TestMarker"/>, which every document it seals prints too.
/// </summary>
public sealed class SealCertificate
{
    /// <summary>What the subject of a test certificate says, and what its documents print.</summary>
    public const string TestMarker = "CERTIFICAT DE TEST — sans valeur";

    public SealCertificate(X509Certificate2 certificate, X509Certificate2Collection? chain = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Certificate = certificate;
        Thumbprint = ThumbprintOf(certificate);
        Subject = certificate.Subject;
        DisplayName = DisplayNameOf(certificate);
        Signer = new PadesSigner(certificate, chain, DisplayName);
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>SHA-256 of the certificate (hex, lower case): what the issued documents record.</summary>
    public string Thumbprint { get; }

    /// <summary>The subject's distinguished name.</summary>
    public string Subject { get; }

    /// <summary>The subject's common name (or organisation), as the visible block prints it.</summary>
    public string DisplayName { get; }

    public bool IsTest => IsTestSubject(Subject);

    public PadesSigner Signer { get; }

    public static bool IsTestSubject(string? subject) => subject?.Contains(TestMarker, StringComparison.Ordinal) == true;

    public static string ThumbprintOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
    }

    public static string DisplayNameOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return string.IsNullOrWhiteSpace(name) ? certificate.Subject : name;
    }

    /// <summary>The common name in a subject as <see cref="X509Certificate2.Subject"/> writes it (the whole subject when it has none).</summary>
    public static string DisplayNameOf(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        try
        {
            var name = new X500DistinguishedName(subject).EnumerateRelativeDistinguishedNames()
                .FirstOrDefault(n => !n.HasMultipleElements && n.GetSingleElementType().Value == "2.5.4.3")?.GetSingleElementValue();
            return string.IsNullOrWhiteSpace(name) ? subject : name;
        }
        catch (CryptographicException)
        {
            return subject;
        }
    }
}

/// <summary>What sealing one document needs: the certificate, where (the CPEF) and when (the signing instant).</summary>
public sealed record DocumentSeal(SealCertificate Certificate, string Location, DateTimeOffset SignedAt);
