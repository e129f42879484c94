using System.Globalization;
using System.Text;
using CqpJury.App.OfficialDocuments.Signing;
using CqpJury.App.Services;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Signatures;

namespace CqpJury.App.OfficialDocuments.Pdf.Rendering;

/// <summary>
/// Flowing layout on A4 pages: a cursor that moves down, wraps text, breaks pages when the next
/// block does not fit, and, at the end, stamps every page with the verification footer
/// (code, address, QR code) and "Page n / N". With a <see cref="DocumentSeal"/>, the document is signed when
/// saved (PAdES, see <see cref="PadesSigner"/>) and <see cref="SealBlock"/> draws the signature's visible block.
/// </summary>
internal sealed class DocumentWriter : IDisposable
{
    public const double A4Short = 595.276;
    public const double A4Long = 841.89;

    /// <summary>
    /// Points per QR module: 2 pt makes the smallest code used (29 modules and its quiet zone of 4 on each side)
    /// 74 pt = 26 mm wide, at least 25 mm as printed, and, placed on whole points, each module is exactly 2 pixels of
    /// a 72 dpi rendering — sharp enough for a phone or zbarimg to read from a poor scan or a screen.
    /// </summary>
    private const double QrModule = 2;

    private readonly PdfDocument document;
    private readonly VerificationStamp stamp;
    private readonly QrCode qr;
    private readonly string? runningHeader;
    private readonly Action<XGraphics, DocumentWriter>? decoratePage;
    private readonly Dictionary<(XFont Font, string Text), double> widths = [];
    private readonly DocumentSeal? seal;
    private (int PageIndex, XRect Box, string Reason)? sealBlock;
    private XGraphics? gfx;

    public DocumentWriter(DocumentInfo info, VerificationStamp stamp, DocumentSeal? seal = null, bool landscape = false, string? runningHeader = null,
        Action<XGraphics, DocumentWriter>? decoratePage = null, double margin = 50)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(stamp);
        Style = new DocumentStyle();
        this.stamp = stamp;
        this.seal = seal;
        this.runningHeader = runningHeader;
        this.decoratePage = decoratePage;
        qr = QrCode.For(stamp.QrContent);
        PageWidth = landscape ? A4Long : A4Short;
        PageHeight = landscape ? A4Short : A4Long;
        Margin = margin;
        document = new PdfDocument();
        document.Info.Title = info.Title;
        document.Info.Subject = info.Subject;
        document.Info.Author = "CqpJury";
        document.Info.Creator = "CqpJury";
        document.Info.Keywords = "Code de vérification " + stamp.Code;
        document.Language = "fr-FR";
        document.Options.FlateEncodeMode = PdfSharp.Pdf.PdfFlateEncodeMode.BestSpeed;
        NewPage();
    }

    public DocumentStyle Style { get; }
    public double PageWidth { get; }
    public double PageHeight { get; }
    public double Margin { get; }
    public double Left => Margin;
    public double Right => PageWidth - Margin;
    public double ContentWidth => Right - Left;
    public double Top => Margin - 8;
    /// <summary>The QR code's width, quiet zone included.</summary>
    public double QrSize => qr.Modules * QrModule;

    public double FooterHeight => Math.Max(74, QrSize + 8);

    public double FooterTop => PageHeight - Margin + 16 - FooterHeight;
    public double Bottom => FooterTop - 12;

    /// <summary>The vertical position of the cursor on the current page.</summary>
    public double Y { get; set; }

    public XGraphics Gfx => gfx ?? throw new ObjectDisposedException(nameof(DocumentWriter));

    public int PageCount => document.PageCount;

    public double Remaining => Bottom - Y;

    public static double LineHeight(XFont font) => font.Size * 1.32;

    public void NewPage()
    {
        gfx?.Dispose();
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        gfx = XGraphics.FromPdfPage(page);
        Y = Top;
        decoratePage?.Invoke(gfx, this);
        if (runningHeader is not null && document.PageCount > 1)
        {
            gfx.DrawString(Fit(runningHeader, Style.Tiny, ContentWidth), Style.Tiny, Style.MutedBrush, Left, Y, XStringFormats.TopLeft);
            Y += LineHeight(Style.Tiny);
            gfx.DrawLine(Style.RulePen, Left, Y, Right, Y);
            Y += 10;
        }
    }

    /// <summary>Starts a new page unless the cursor is already at the top of one.</summary>
    public void PageBreak()
    {
        if (Y > Top + 40)
        {
            NewPage();
        }
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void EnsureSpace(double height)
    {
        if (Y + height > Bottom && Y > Top + 40)
        {
            NewPage();
        }
    }

    public void Space(double height) => Y = Math.Min(Y + height, Bottom);

    public double Measure(string text, XFont font)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        // Cells are measured, then drawn: remember widths for the life of the document.
        if (!widths.TryGetValue((font, text), out var width))
        {
            width = Gfx.MeasureString(text, font).Width;
            widths[(font, text)] = width;
        }

        return width;
    }

    /// <summary>Greedy line breaking on spaces (and inside words too long for the width); keeps explicit line breaks.</summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var space = Measure(" ", font);
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var words = GlueFrenchPunctuation(paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (words.Count == 0)
            {
                lines.Add(string.Empty);
                continue;
            }

            var line = new StringBuilder();
            var lineWidth = 0.0;
            foreach (var original in words)
            {
                var word = original;
                var wordWidth = Measure(word, font);
                if (line.Length > 0 && lineWidth + space + wordWidth <= width)
                {
                    line.Append(' ').Append(word);
                    lineWidth += space + wordWidth;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                while (wordWidth > width && word.Length > 1)
                {
                    var take = FittingPrefix(word, font, width);
                    lines.Add(word[..take]);
                    word = word[take..];
                    wordWidth = Measure(word, font);
                }

                line.Append(word);
                lineWidth = wordWidth;
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    public double TextHeight(string text, XFont font, double width) => Wrap(text, font, width).Count * LineHeight(font);

    /// <summary>Draws wrapped text at the cursor, breaking pages between lines when needed.</summary>
    public void Paragraph(string text, XFont font, XBrush? brush = null, double indent = 0, bool centered = false, double after = 4, double rightIndent = 0)
    {
        var width = ContentWidth - indent - rightIndent;
        foreach (var line in Wrap(text, font, width))
        {
            EnsureSpace(LineHeight(font));
            if (centered)
            {
                var w = Measure(line, font);
                Gfx.DrawString(line, font, brush ?? Style.InkBrush, Left + indent + ((width - w) / 2), Y, XStringFormats.TopLeft);
            }
            else
            {
                Gfx.DrawString(line, font, brush ?? Style.InkBrush, Left + indent, Y, XStringFormats.TopLeft);
            }

            Y += LineHeight(font);
        }

        Y += after;
    }

    /// <summary>"Label : value" with the value in bold, wrapped under itself.</summary>
    public void LabelValue(string label, string value, XFont? labelFont = null, XFont? valueFont = null, double after = 3)
    {
        var lf = labelFont ?? Style.Body;
        var vf = valueFont ?? Style.BodyBold;
        var labelText = label + " : ";
        var labelWidth = Measure(labelText, lf);
        if (labelWidth > ContentWidth * 0.55)
        {
            Paragraph(labelText.TrimEnd(), lf, after: 0);
            Paragraph(value, vf, indent: 12, after: after);
            return;
        }

        var lines = Wrap(value, vf, ContentWidth - labelWidth);
        var lineHeight = Math.Max(LineHeight(lf), LineHeight(vf));
        EnsureSpace(lineHeight);
        Gfx.DrawString(labelText.TrimEnd(), lf, Style.InkBrush, Left, Y, XStringFormats.TopLeft);
        foreach (var line in lines)
        {
            EnsureSpace(lineHeight);
            Gfx.DrawString(line, vf, Style.InkBrush, Left + labelWidth, Y, XStringFormats.TopLeft);
            Y += lineHeight;
        }

        Y += after;
    }

    public void SectionHeading(string text)
    {
        EnsureSpace(LineHeight(Style.Heading) + 40);
        Y += 4;
        Paragraph(text, Style.Heading, Style.AccentBrush, after: 1);
        Gfx.DrawLine(Style.RulePen, Left, Y, Right, Y);
        Y += 6;
    }

    /// <summary>An empty square, ticked when <paramref name="ticked"/> (glyphs like ☑ are not in every font).</summary>
    public void CheckBox(double x, double y, double size, bool ticked)
    {
        Gfx.DrawRectangle(XBrushes.White, x, y, size, size);
        Gfx.DrawRectangle(Style.BoxPen, x, y, size, size);
        if (ticked)
        {
            Gfx.DrawLines(Style.TickPen,
            [
                new XPoint(x + (size * 0.2), y + (size * 0.52)),
                new XPoint(x + (size * 0.42), y + (size * 0.78)),
                new XPoint(x + (size * 0.84), y + (size * 0.18)),
            ]);
        }
    }

    /// <summary>Check boxes side by side on one line; the chosen one ticked, its label in bold.</summary>
    public void InlineCheckBoxes(IReadOnlyList<(string Label, bool Ticked)> options, double indent = 0, double after = 4)
    {
        const double box = 11;
        var lineHeight = Math.Max(box + 4, LineHeight(Style.Heading));
        EnsureSpace(lineHeight);
        var x = Left + indent;
        foreach (var (label, ticked) in options)
        {
            var font = ticked ? Style.Heading : DocumentStyle.Font(Style.Heading.Size, bold: false);
            CheckBox(x, Y + 1.5, box, ticked);
            x += box + 7;
            Gfx.DrawString(label, font, ticked ? Style.InkBrush : Style.MutedBrush, x, Y, XStringFormats.TopLeft);
            x += Measure(label, font) + 36;
        }

        Y += lineHeight + after;
    }

    /// <summary>
    /// A table whose header is repeated on every page it spans; rows are never split across pages.
    /// </summary>
    public void Table(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<ITableCell>> rows, bool header = true, double pad = 5)
    {
        var total = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => ContentWidth * c.Weight / total).ToArray();

        double HeaderHeight() => LineHeight(Style.SmallBold) + (2 * pad);

        void DrawHeader()
        {
            if (!header)
            {
                return;
            }

            var h = HeaderHeight();
            var x = Left;
            for (var i = 0; i < columns.Count; i++)
            {
                Gfx.DrawRectangle(Style.RulePen, Style.HeaderBrush, x, Y, widths[i], h);
                Gfx.DrawString(Fit(columns[i].Title, Style.SmallBold, widths[i] - (2 * pad)), Style.SmallBold, Style.InkBrush, x + pad, Y + pad, XStringFormats.TopLeft);
                x += widths[i];
            }

            Y += h;
        }

        var first = true;
        foreach (var row in rows)
        {
            var height = (2 * pad) + row.Select((cell, i) => cell.Height(this, widths[i] - (2 * pad))).Max();
            if (first)
            {
                EnsureSpace(HeaderHeight() + height);
                DrawHeader();
                first = false;
            }
            else if (Y + height > Bottom)
            {
                NewPage();
                DrawHeader();
            }

            var x = Left;
            for (var i = 0; i < row.Count; i++)
            {
                Gfx.DrawRectangle(Style.RulePen, x, Y, widths[i], height);
                row[i].Draw(this, x + pad, Y + pad, widths[i] - (2 * pad));
                x += widths[i];
            }

            Y += height;
        }

        if (first)
        {
            EnsureSpace(HeaderHeight());
            DrawHeader();
        }

        Y += 8;
    }

    /// <summary>Cuts a single line with an ellipsis when it does not fit (headers only: content always wraps).</summary>
    public string Fit(string text, XFont font, double width)
    {
        if (Measure(text, font) <= width)
        {
            return text;
        }

        var take = FittingPrefix(text, font, width - Measure("…", font));
        return text[..take].TrimEnd() + "…";
    }

    private const double SealPad = 6;
    private const double SealBar = 3;

    /// <summary>The height of the seal's visible block <paramref name="width"/> points wide (0 when the document is not sealed).</summary>
    public double SealBlockHeight(string reason, double width) =>
        seal is null ? 0 : (2 * SealPad) + SealLines(seal, reason, width - (2 * SealPad) - SealBar).Sum(l => LineHeight(l.Font));

    /// <summary>
    /// The visible block of the document's electronic signature, at the cursor, <paramref name="width"/> points wide
    /// (centred when narrower than the page, or against the right margin): who sealed it, when, where, why, and
    /// « CERTIFICAT DE TEST — sans valeur » for a test certificate. The signature field is placed over it. Nothing
    /// when the document is not sealed.
    /// </summary>
    public void SealBlock(string reason, double width, bool alignRight = false)
    {
        if (seal is null)
        {
            return;
        }

        var height = SealBlockHeight(reason, width);
        EnsureSpace(height);
        var box = new XRect(alignRight ? Right - width : Left + ((ContentWidth - width) / 2), Y, width, height);
        Gfx.DrawRectangle(Style.RulePen, XBrushes.White, box);
        Gfx.DrawRectangle(Style.AccentBrush, box.X, box.Y, SealBar, box.Height);
        var y = box.Y + SealPad;
        var x = box.X + SealBar + SealPad;
        foreach (var (text, font, brush) in SealLines(seal, reason, width - (2 * SealPad) - SealBar))
        {
            Gfx.DrawString(text, font, brush, x, y, XStringFormats.TopLeft);
            y += LineHeight(font);
        }

        sealBlock = (document.PageCount - 1, box, reason);
        Y = box.Bottom;
    }

    private List<(string Text, XFont Font, XBrush Brush)> SealLines(DocumentSeal documentSeal, string reason, double width)
    {
        var lines = new List<(string Text, XFont Font, XBrush Brush)>();
        void Add(string text, XFont font, XBrush brush) => lines.AddRange(Wrap(text, font, width).Select(l => (l, font, brush)));
        Add("Document signé électroniquement par : " + documentSeal.Certificate.DisplayName, Style.SmallBold, Style.InkBrush);
        Add("le " + FrenchTime.Format(documentSeal.SignedAt, "dd/MM/yyyy 'à' HH:mm") + " (heure de Paris) — " + documentSeal.Location, Style.Small, Style.InkBrush);
        Add("Motif : " + reason, Style.Small, Style.InkBrush);
        Add("Signature PAdES (SHA-256), vérifiable dans tout lecteur PDF.", Style.Tiny, Style.MutedBrush);
        if (documentSeal.Certificate.IsTest)
        {
            Add(SealCertificate.TestMarker, Style.SmallBold, Style.WarningBrush);
        }

        return lines;
    }

    /// <summary>Draws the verification footer and page numbers on every page, then returns the PDF bytes (signed when sealed).</summary>
    public byte[] Finish()
    {
        gfx?.Dispose();
        gfx = null;
        var count = document.PageCount;
        for (var i = 0; i < count; i++)
        {
            using (var footer = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append))
            {
                gfx = footer;
                DrawFooter(footer, i + 1, count);
                gfx = null;
            }

            qr.Draw(document.Pages[i], Math.Floor(Right - QrSize), Math.Ceiling(FooterTop + 4), QrSize);
        }

        if (seal is not null)
        {
            var (pageIndex, box, reason) = sealBlock ?? throw new InvalidOperationException("A sealed document draws its seal block before it is finished.");
            DigitalSignatureHandler.ForDocument(document, seal.Certificate.Signer, new DigitalSignatureOptions
            {
                Reason = reason,
                Location = seal.Location,
                AppName = "CqpJury",
                PageIndex = pageIndex,
                // PDF user space: from the page's bottom-left corner.
                Rectangle = new XRect(box.X, PageHeight - box.Bottom, box.Width, box.Height),
                AppearanceHandler = new SignatureDictionaryPatch(document, seal.SignedAt),
            });
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    public void Dispose()
    {
        gfx?.Dispose();
        gfx = null;
        document.Dispose();
    }

    private void DrawFooter(XGraphics g, int page, int count)
    {
        var top = FooterTop;
        g.DrawLine(Style.RulePen, Left, top, Right, top);

        var textWidth = ContentWidth - QrSize - 14;
        var y = top + 8;
        g.DrawString("Code de vérification : " + stamp.Code, Style.SmallBold, Style.InkBrush, Left, y, XStringFormats.TopLeft);
        y += LineHeight(Style.SmallBold) + 1;
        foreach (var line in Wrap("Pour vérifier l'authenticité de ce document, scannez le QR code ou ouvrez l'adresse :", Style.Tiny, textWidth))
        {
            g.DrawString(line, Style.Tiny, Style.MutedBrush, Left, y, XStringFormats.TopLeft);
            y += LineHeight(Style.Tiny);
        }

        foreach (var line in Wrap(stamp.Url, Style.Tiny, textWidth).Take(2))
        {
            g.DrawString(line, Style.Tiny, Style.AccentBrush, Left, y, XStringFormats.TopLeft);
            y += LineHeight(Style.Tiny);
        }

        var pageText = string.Create(CultureInfo.InvariantCulture, $"Page {page} / {count}");
        g.DrawString(pageText, Style.Tiny, Style.MutedBrush, Left, top + FooterHeight - LineHeight(Style.Tiny) - 4, XStringFormats.TopLeft);
    }

    /// <summary>
    /// French puts a space before ; : ! ? » and after «: keep those marks on the line of the word
    /// they belong to (a line never starts with "; …").
    /// </summary>
    private static List<string> GlueFrenchPunctuation(string[] tokens)
    {
        var words = new List<string>(tokens.Length);
        var glueNext = false;
        foreach (var token in tokens)
        {
            if (words.Count > 0 && (glueNext || token is ";" or ":" or "!" or "?" or "»"))
            {
                words[^1] = words[^1] + " " + token;
            }
            else
            {
                words.Add(token);
            }

            glueNext = token == "«";
        }

        return words;
    }

    private int FittingPrefix(string word, XFont font, double width)
    {
        var take = 1;
        while (take < word.Length && Measure(word[..(take + 1)], font) <= width)
        {
            take++;
        }

        return take;
    }
}

/// <summary>Title, subject (PDF metadata) of a document.</summary>
internal sealed record DocumentInfo(string Title, string Subject);

internal sealed record TableColumn(string Title, double Weight);

/// <summary>One cell of a table: measures its content for a width, then draws it.</summary>
internal interface ITableCell
{
    double Height(DocumentWriter writer, double width);

    void Draw(DocumentWriter writer, double x, double y, double width);
}

/// <summary>Wrapped text in a cell.</summary>
internal sealed class TextCell(string text, XFont? font = null, XBrush? brush = null) : ITableCell
{
    public double Height(DocumentWriter writer, double width) => writer.TextHeight(text, font ?? writer.Style.Body, width);

    public void Draw(DocumentWriter writer, double x, double y, double width)
    {
        var f = font ?? writer.Style.Body;
        foreach (var line in writer.Wrap(text, f, width))
        {
            writer.Gfx.DrawString(line, f, brush ?? writer.Style.InkBrush, x, y, XStringFormats.TopLeft);
            y += DocumentWriter.LineHeight(f);
        }
    }
}

/// <summary>
/// A column of check boxes with their labels; the chosen one is ticked and its label in bold (so the
/// choice also reads in the text), with an optional small note under it (e.g. validity end date).
/// </summary>
internal sealed class CheckBoxesCell(IReadOnlyList<CheckBoxOption> options) : ITableCell
{
    private const double Box = 9;
    private const double Gap = 6;

    public double Height(DocumentWriter writer, double width) => Layout(writer, width, draw: false, 0, 0);

    public void Draw(DocumentWriter writer, double x, double y, double width) => Layout(writer, width, draw: true, x, y);

    private double Layout(DocumentWriter writer, double width, bool draw, double x, double y)
    {
        var top = y;
        var textX = x + Box + Gap;
        var textWidth = width - Box - Gap;
        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            var start = y;
            var font = option.Ticked ? writer.Style.BodyBold : writer.Style.Body;
            if (draw)
            {
                writer.CheckBox(x, y + 1.5, Box, option.Ticked);
            }

            y = Lines(writer, option.Label, font, option.Ticked ? writer.Style.InkBrush : writer.Style.MutedBrush, textX, y, textWidth, draw);
            if (option.Note is not null)
            {
                y = Lines(writer, option.Note, writer.Style.Small, writer.Style.MutedBrush, textX, y, textWidth, draw);
            }

            y = Math.Max(y, start + Box + 4);
            if (i < options.Count - 1)
            {
                y += 2;
            }
        }

        return y - top;
    }

    private static double Lines(DocumentWriter writer, string text, XFont font, XBrush brush, double x, double y, double width, bool draw)
    {
        foreach (var line in writer.Wrap(text, font, width))
        {
            if (draw)
            {
                writer.Gfx.DrawString(line, font, brush, x, y, XStringFormats.TopLeft);
            }

            y += DocumentWriter.LineHeight(font);
        }

        return y;
    }
}

internal sealed record CheckBoxOption(string Label, bool Ticked, string? Note = null);
