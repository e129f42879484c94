using CqpJury.App.OfficialDocuments.Pdf.Fonts;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CqpJury.App.OfficialDocuments.Pdf.Rendering;

/// <summary>Fonts, colours and pens shared by every official document.</summary>
internal sealed class DocumentStyle
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    public DocumentStyle()
    {
        DocumentFontSetup.EnsureInstalled();
        Body = Font(10, bold: false);
        BodyBold = Font(10, bold: true);
        Small = Font(8.5, bold: false);
        SmallBold = Font(8.5, bold: true);
        Tiny = Font(7.5, bold: false);
        Title = Font(15, bold: true);
        Subtitle = Font(12, bold: true);
        Heading = Font(11, bold: true);
    }

    public XFont Body { get; }
    public XFont BodyBold { get; }
    public XFont Small { get; }
    public XFont SmallBold { get; }
    public XFont Tiny { get; }
    public XFont Title { get; }
    public XFont Subtitle { get; }
    public XFont Heading { get; }

    public static XFont Font(double size, bool bold) =>
        new(DocumentFontResolver.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    public static XColor Ink { get; } = XColor.FromArgb(0x1A, 0x1A, 0x1A);
    public static XColor Accent { get; } = XColor.FromArgb(0x1F, 0x3A, 0x5F);
    public static XColor Muted { get; } = XColor.FromArgb(0x55, 0x5B, 0x66);
    public static XColor Rule { get; } = XColor.FromArgb(0x9A, 0xA3, 0xAF);
    public static XColor HeaderFill { get; } = XColor.FromArgb(0xE6, 0xEA, 0xF0);
    public static XColor Warning { get; } = XColor.FromArgb(0xB0, 0x1E, 0x1E);

    public XBrush InkBrush { get; } = new XSolidBrush(Ink);
    public XBrush AccentBrush { get; } = new XSolidBrush(Accent);
    public XBrush MutedBrush { get; } = new XSolidBrush(Muted);
    public XBrush HeaderBrush { get; } = new XSolidBrush(HeaderFill);
    public XBrush WarningBrush { get; } = new XSolidBrush(Warning);
    public XPen RulePen { get; } = new(Rule, 0.6);
    public XPen AccentPen { get; } = new(Accent, 1.2);
    public XPen BoxPen { get; } = new(Ink, 0.8);
    public XPen TickPen { get; } = new(Ink, 1.5) { LineCap = XLineCap.Round, LineJoin = XLineJoin.Round };
}
