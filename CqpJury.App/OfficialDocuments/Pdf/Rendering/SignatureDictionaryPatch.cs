using System.Globalization;
using CqpJury.App.Services;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Annotations;
using PdfSharp.Pdf.Signatures;

namespace CqpJury.App.OfficialDocuments.Pdf.Rendering;

/// <summary>
/// PDFsharp 6.2.4's <see cref="DigitalSignatureHandler"/> writes <c>/SubFilter /adbe.pkcs7.detached</c> and takes
/// <c>/M</c> from the server's local clock, with no option for either. Its one call into our code between creating
/// the signature dictionary and writing it is the signature widget's appearance handler: this handler sets both
/// there — <c>/ETSI.CAdES.detached</c>, the sub-filter of PAdES baseline signatures, and <c>/M</c>, the signing
/// instant the visible block prints (Paris time). The visible block itself is page content (always printed, read
/// by text extraction): the widget's own appearance stays empty. A test reads the sub-filter back with pdfsig.
/// </summary>
internal sealed class SignatureDictionaryPatch(PdfDocument document, DateTimeOffset signedAt) : IAnnotationAppearanceHandler
{
    public void DrawAppearance(XGraphics gfx, XRect rect)
    {
        var signature = document.Internals.GetAllObjects().OfType<PdfSignature2>().Single();
        signature.Elements.SetName("/SubFilter", "/ETSI.CAdES.detached");
        signature.Elements["/M"] = new PdfString(PdfDate(signedAt));
    }

    /// <summary>A PDF date in Paris time with its offset: D:YYYYMMDDHHmmSS+HH'mm'.</summary>
    private static string PdfDate(DateTimeOffset instant)
    {
        var paris = FrenchTime.ToFrench(instant);
        var offset = paris.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        return string.Create(CultureInfo.InvariantCulture, $"D:{paris:yyyyMMddHHmmss}{sign}{Math.Abs(offset.Hours):00}'{Math.Abs(offset.Minutes):00}'");
    }
}
