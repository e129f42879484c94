using CqpJury.App.Extensions;

namespace CqpJury.App.OfficialDocuments.Signing;

/// <summary>
/// Settings of the organisation's certificate that seals the official documents (section <c>Signing</c>).
/// Either a PKCS#12 file (<see cref="CertificatePath"/>, <see cref="CertificatePassword"/>) or a PEM pair
/// (<see cref="CertificatePath"/> the certificate, <see cref="KeyPath"/> its private key, encrypted with
/// <see cref="CertificatePassword"/> or not). Never committed: the password is best given by the environment
/// variable <c>Signing__CertificatePassword</c>. Relative paths are resolved against the content root.
/// </summary>
public sealed class SigningOptions : ICqpSettings
{
    public const string Section = "Signing";

    /// <summary>PKCS#12 file (.p12, .pfx), or the PEM certificate when <see cref="KeyPath"/> is set.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM private key of the certificate in <see cref="CertificatePath"/> (PEM pair only).</summary>
    public string? KeyPath { get; set; }

    /// <summary>Password of the PKCS#12 file or of the encrypted PEM key.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Where the documents are sealed (the signature's location).</summary>
    public string Location { get; set; } = "CPEF de la formation professionnelle";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>The shape of the settings, checked at start (the certificate itself is checked by <see cref="SealCertificates"/>).</summary>
    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrWhiteSpace(KeyPath) && !IsConfigured)
        {
            yield return "Le réglage Signing:KeyPath (clé privée PEM) demande aussi Signing:CertificatePath (le certificat PEM).";
        }

        if (string.IsNullOrWhiteSpace(Location))
        {
            yield return "Le réglage Signing:Location (lieu de la signature des documents officiels) ne peut pas être vide.";
        }
    }
}
