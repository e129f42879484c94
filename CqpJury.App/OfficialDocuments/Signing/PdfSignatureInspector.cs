using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;

namespace CqpJury.App.OfficialDocuments.Signing;

public enum PdfSignatureState
{
    /// <summary>No signature in the file.</summary>
    NotSigned,

    /// <summary>The signature matches the bytes it covers, and it covers the whole file.</summary>
    Valid,

    /// <summary>A signature is there, but the file was changed after signing (or the signature itself was).</summary>
    Altered,
}

/// <summary>What a PDF file's signature says: its state, and who signed (when it could be read).</summary>
public sealed record PdfSignatureReport(PdfSignatureState State, string? SignerThumbprint = null, string? SignerSubject = null);

/// <summary>
/// Checks the last signature of a PDF file as a PDF reader does: the <c>/ByteRange</c> must cover the whole file
/// except the <c>/Contents</c> hexadecimal string, which holds a detached CMS signature; the CMS signature must
/// match the bytes of those ranges. It says who signed (the certificate inside the CMS), not whether that
/// certificate is trusted: the caller compares it with the organisation's certificates.
/// </summary>
public static class PdfSignatureInspector
{
    public static PdfSignatureReport Inspect(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var at = pdf.AsSpan().LastIndexOf("/ByteRange"u8);
        if (at < 0)
        {
            return new PdfSignatureReport(PdfSignatureState.NotSigned);
        }

        if (!TryReadByteRange(pdf, at + "/ByteRange".Length, out var range)
            || range[0] != 0 || range[1] <= 0 || range[2] <= range[1] + 1 || range[3] < 0
            || range[2] + range[3] > pdf.Length
            || pdf[range[1]] != (byte)'<' || pdf[range[2] - 1] != (byte)'>')
        {
            return new PdfSignatureReport(PdfSignatureState.Altered);
        }

        try
        {
            var cms = Decode(pdf, range);
            var certificate = cms.SignerInfos.Count == 1 ? cms.SignerInfos[0].Certificate : null;
            var report = new PdfSignatureReport(
                PdfSignatureState.Altered,
                certificate is null ? null : SealCertificate.ThumbprintOf(certificate),
                certificate?.Subject);
            try
            {
                cms.CheckSignature(verifySignatureOnly: true);
            }
            catch (CryptographicException)
            {
                return report;
            }

            // A signature that does not reach the end of the file leaves room for changes appended after signing.
            return range[2] + range[3] == pdf.Length ? report with { State = PdfSignatureState.Valid } : report;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or AsnContentException)
        {
            // The signature itself was changed: it can no longer be read.
            return new PdfSignatureReport(PdfSignatureState.Altered);
        }
    }

    /// <summary>The CMS in /Contents, set to check the bytes of the two ranges.</summary>
    private static SignedCms Decode(byte[] pdf, int[] range)
    {
        var hex = pdf.AsSpan(range[1] + 1, range[2] - range[1] - 2);
        var contents = Convert.FromHexString(System.Text.Encoding.ASCII.GetString(hex));
        // The reserved space is padded with zeros after the DER encoding: keep the encoding only.
        AsnDecoder.ReadEncodedValue(contents, AsnEncodingRules.BER, out _, out _, out var length);
        var signed = new byte[range[1] + range[3]];
        pdf.AsSpan(0, range[1]).CopyTo(signed);
        pdf.AsSpan(range[2], range[3]).CopyTo(signed.AsSpan(range[1]));
        var cms = new SignedCms(new ContentInfo(signed), detached: true);
        cms.Decode(contents.AsSpan(0, length));
        return cms;
    }

    /// <summary>Reads "[a b c d]" after /ByteRange (PDF whitespace allowed).</summary>
    private static bool TryReadByteRange(byte[] pdf, int start, out int[] range)
    {
        range = new int[4];
        var i = start;
        SkipWhitespace(pdf, ref i);
        if (i >= pdf.Length || pdf[i] != (byte)'[')
        {
            return false;
        }

        i++;
        for (var n = 0; n < 4; n++)
        {
            SkipWhitespace(pdf, ref i);
            var first = i;
            while (i < pdf.Length && pdf[i] is >= (byte)'0' and <= (byte)'9' && i - first < 10)
            {
                i++;
            }

            if (i == first || !int.TryParse(pdf.AsSpan(first, i - first), NumberStyles.None, CultureInfo.InvariantCulture, out range[n]))
            {
                return false;
            }
        }

        SkipWhitespace(pdf, ref i);
        return i < pdf.Length && pdf[i] == (byte)']';
    }

    private static void SkipWhitespace(byte[] pdf, ref int i)
    {
        while (i < pdf.Length && pdf[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0)
        {
            i++;
        }
    }
}
