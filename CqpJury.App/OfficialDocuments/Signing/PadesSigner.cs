using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using PdfSharp.Pdf.Signatures;

namespace CqpJury.App.OfficialDocuments.Signing;

/// <summary>
/// PDFsharp's <see cref="IDigitalSigner"/> made with .NET's CMS (<see cref="SignedCms"/>): a detached CMS
/// signature of the document's byte ranges, SHA-256, in the form PAdES baseline B-B asks for (ETSI EN 319 142-1):
/// signed attributes content-type, message-digest and ESS signing-certificate-v2 (the signer's certificate hash),
/// no CMS signing-time (the signature dictionary's /M carries the time), the signer's certificate and its chain
/// included. One instance per certificate, shared by every thread issuing documents (no mutable state).
/// </summary>
public sealed class PadesSigner : IDigitalSigner
{
    private static readonly Oid Sha256 = new("2.16.840.1.101.3.4.2.1", "sha256");
    private const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";

    private readonly X509Certificate2 certificate;
    private readonly X509Certificate2Collection chain;
    private readonly AsnEncodedData signingCertificateV2;
    private readonly int signatureSize;

    public PadesSigner(X509Certificate2 certificate, X509Certificate2Collection? chain, string certificateName)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        this.certificate = certificate;
        this.chain = chain ?? [];
        CertificateName = certificateName;
        signingCertificateV2 = SigningCertificateV2(certificate);
        // The size varies only by a few bytes of DER lengths (RSA) or of the signature value (ECDSA): measured once
        // on a one-byte content, with room to spare; the rest of the reserved space is zeros.
        signatureSize = Sign([0]).Length + 64;
    }

    public string CertificateName { get; }

    public Task<int> GetSignatureSizeAsync() => Task.FromResult(signatureSize);

    public Task<byte[]> GetSignatureAsync(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        // PDFsharp's ranged stream reads both byte ranges at once only when asked for its whole length in one call.
        var content = new byte[stream.Length];
        var read = stream.Read(content, 0, content.Length);
        if (read != content.Length)
        {
            throw new InvalidOperationException($"Read {read} of the {content.Length} bytes to sign.");
        }

        return Task.FromResult(Sign(content));
    }

    /// <summary>The detached CMS signature (DER) of <paramref name="content"/>.</summary>
    public byte[] Sign(byte[] content)
    {
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, certificate)
        {
            DigestAlgorithm = Sha256,
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.Certificates.AddRange(chain);
        signer.SignedAttributes.Add(signingCertificateV2);
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }

    /// <summary>
    /// ESS signing-certificate-v2 (RFC 5035): SEQUENCE { SEQUENCE OF ESSCertIDv2 { certHash (SHA-256, the default
    /// algorithm, so not written), IssuerSerial { GeneralNames { [4] issuer Name }, serialNumber } } }.
    /// </summary>
    private static AsnEncodedData SigningCertificateV2(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                {
                    writer.WriteOctetString(SHA256.HashData(certificate.RawData));
                    using (writer.PushSequence())
                    {
                        using (writer.PushSequence())
                        {
                            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
                            {
                                writer.WriteEncodedValue(certificate.IssuerName.RawData);
                            }
                        }

                        writer.WriteInteger(certificate.SerialNumberBytes.Span);
                    }
                }
            }
        }

        return new AsnEncodedData(new Oid(SigningCertificateV2Oid), writer.Encode());
    }
}
