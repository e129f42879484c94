using CqpJury.App.OfficialDocuments.Pdf.Fonts;
using CqpJury.App.OfficialDocuments.Pdf.Rendering;
using CqpJury.Domain.Common;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace CqpJury.App.OfficialDocuments.Pdf;

/// <summary>One awarded candidate's cover letter (R15): where it goes and what it says; the certificate as issued follows it.</summary>
public sealed record CoverLetterModel(
    string CandidateName,
    IReadOnlyList<string> PostalLines,
    string CertificateTitle,
    DateOnly JuryDate,
    DateOnly LetterDate,
    string SenderName,
    string VerificationUrl,
    byte[] CertificatePdf);

/// <summary>
/// The paper print file of a session (R15: « un tirage papier qui est envoyé au candidat »): for each awarded
/// candidate an A4 cover letter whose address block shows through the window of a standard French DL envelope
/// (110 × 220 mm, window 45 × 100 mm on the right, 20 mm from the right edge and 15 mm from the bottom), the
/// letter folded in three (fold marks at 99 and 198 mm), followed by the certificate's pages as issued.
/// </summary>
public static class PaperMailing
{
    private const double PointsPerMm = 72 / 25.4;

    /// <summary>
    /// The DL envelope's window as it lies over the folded letter (top of the letter against the top of the
    /// envelope): x 100–200 mm, y 50–95 mm from the letter's top-left corner.
    /// </summary>
    public static readonly (double Left, double Top, double Right, double Bottom) WindowMm = (100, 50, 200, 95);

    /// <summary>
    /// Where the address is written: inside the window with 10 mm to spare on the left and 5 mm at the other
    /// sides (the letter slides a few millimetres in its envelope), 85 × 35 mm, as La Poste advises.
    /// </summary>
    public static readonly (double Left, double Top, double Right, double Bottom) AddressBlockMm = (110, 55, 195, 90);

    /// <summary>The print file: letter, certificate, letter, certificate… in the order given.</summary>
    public static byte[] PrintFile(IReadOnlyList<CoverLetterModel> letters, string title)
    {
        ArgumentNullException.ThrowIfNull(letters);
        DocumentFontSetup.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Subject = "Courriers d'envoi des certificats (tirage papier)";
        document.Info.Creator = "CqpJury";
        foreach (var letter in letters)
        {
            CoverLetter(document, letter);
            using var certificate = PdfReader.Open(new MemoryStream(letter.CertificatePdf), PdfDocumentOpenMode.Import);
            foreach (var page in certificate.Pages)
            {
                document.AddPage(page);
            }
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void CoverLetter(PdfDocument document, CoverLetterModel model)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        using var gfx = XGraphics.FromPdfPage(page);
        var ink = new XSolidBrush(DocumentStyle.Ink);
        var accent = new XSolidBrush(DocumentStyle.Accent);
        var body = DocumentStyle.Font(10.5, bold: false);
        var bold = DocumentStyle.Font(10.5, bold: true);
        var address = DocumentStyle.Font(10, bold: false);
        var addressName = DocumentStyle.Font(10, bold: true);
        var left = Mm(20);
        var width = Mm(170);

        // Sender, top left (outside the window).
        var y = Mm(20);
        gfx.DrawString(model.SenderName, DocumentStyle.Font(12, bold: true), accent, new XPoint(left, y + 12), XStringFormats.BaseLineLeft);
        gfx.DrawString("Commission paritaire de l'emploi et de la formation professionnelle", DocumentStyle.Font(8.5, bold: false), new XSolidBrush(DocumentStyle.Muted),
            new XPoint(left, y + 25), XStringFormats.BaseLineLeft);

        // The address block: name, then the postal lines (at most 6 lines of 38 characters, NF Z10-011).
        var block = AddressBlockMm;
        var lineHeight = 12.5;
        var x = Mm(block.Left);
        y = Mm(block.Top) + 10;
        var blockWidth = Mm(block.Right - block.Left);
        foreach (var (line, index) in AddressLines(model).Select((l, i) => (l, i)))
        {
            var font = index == 0 ? addressName : address;
            gfx.DrawString(Fit(gfx, line, font, blockWidth), font, ink, new XPoint(x, y), XStringFormats.BaseLineLeft);
            y += lineHeight;
        }

        // Fold marks (left edge) for a letter folded in three.
        var rule = new XPen(DocumentStyle.Rule, 0.5);
        foreach (var fold in new[] { 99.0, 198.0 })
        {
            gfx.DrawLine(rule, Mm(3), Mm(fold), Mm(8), Mm(fold));
        }

        // Below the window: date, subject, body.
        y = Mm(108);
        gfx.DrawString("Le " + FrenchFormat.Date(model.LetterDate), body, ink, new XPoint(left + width, y), XStringFormats.BaseLineRight);
        y += 28;
        y = Paragraph(gfx, "Objet : envoi de votre certificat de qualification professionnelle", bold, ink, left, y, width) + 14;
        y = Paragraph(gfx, "Madame, Monsieur,", body, ink, left, y, width) + 8;
        y = Paragraph(gfx, $"Le jury paritaire réuni le {FrenchFormat.Date(model.JuryDate)} vous a délivré le {model.CertificateTitle}. Nous avons le plaisir de vous adresser ci-joint votre certificat.", body, ink, left, y, width) + 8;
        y = Paragraph(gfx, "Ce certificat porte un code de vérification : toute personne à qui vous le présentez peut en vérifier l'authenticité à l'adresse suivante :", body, ink, left, y, width) + 2;
        y = Paragraph(gfx, model.VerificationUrl, bold, ink, left + Mm(5), y, width - Mm(5)) + 8;
        y = Paragraph(gfx, "Nous vous adressons nos félicitations et vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.", body, ink, left, y, width) + 18;
        Paragraph(gfx, model.SenderName, bold, ink, left + width / 2, y, width / 2);
    }

    /// <summary>The address block's lines: the candidate's name, then the postal lines as La Poste writes them.</summary>
    public static IReadOnlyList<string> AddressLines(CoverLetterModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [model.CandidateName, .. model.PostalLines];
    }

    private static double Paragraph(XGraphics gfx, string text, XFont font, XBrush brush, double x, double y, double width)
    {
        var lineHeight = font.Size * 1.35;
        foreach (var line in Wrap(gfx, text, font, width))
        {
            y += lineHeight;
            gfx.DrawString(line, font, brush, new XPoint(x, y), XStringFormats.BaseLineLeft);
        }

        return y;
    }

    private static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
    {
        var lines = new List<string>();
        var current = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && gfx.MeasureString(candidate, font).Width > width)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current);
        }

        return lines;
    }

    private static string Fit(XGraphics gfx, string text, XFont font, double width)
    {
        if (gfx.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var fitted = text;
        while (fitted.Length > 1 && gfx.MeasureString(fitted + "…", font).Width > width)
        {
            fitted = fitted[..^1];
        }

        return fitted.TrimEnd() + "…";
    }

    private static double Mm(double millimetres) => millimetres * PointsPerMm;
}
