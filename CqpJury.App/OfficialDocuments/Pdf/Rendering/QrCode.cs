using System.Globalization;
using System.Text;
using PdfSharp.Pdf;
using QRCoder;

namespace CqpJury.App.OfficialDocuments.Pdf.Rendering;

/// <summary>
/// The verification QR code, drawn as vector squares (one rectangle per horizontal run of dark
/// modules, all filled at once): sharp at any print resolution and cheaper than decoding a PNG for
/// every document. It is written as a content stream of its own, in module units (whole numbers):
/// through XGraphics every rectangle's four coordinates went through a composite format string,
/// which was a sixth of a decision sheet's rendering time.
/// </summary>
internal sealed class QrCode
{
    private readonly bool[][] modules;

    private QrCode(bool[][] modules) => this.modules = modules;

    public static QrCode For(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var rows = new bool[matrix.Count][];
        for (var r = 0; r < matrix.Count; r++)
        {
            rows[r] = new bool[matrix[r].Length];
            for (var c = 0; c < matrix[r].Length; c++)
            {
                rows[r][c] = matrix[r][c];
            }
        }

        return new QrCode(rows);
    }

    /// <summary>Modules on each side, quiet zone included.</summary>
    public int Modules => modules.Length;

    /// <summary>The dark runs: (row, first column, length), in reading order.</summary>
    private IEnumerable<(int Row, int Column, int Length)> Runs()
    {
        for (var r = 0; r < modules.Length; r++)
        {
            var row = modules[r];
            var c = 0;
            while (c < row.Length)
            {
                if (!row[c])
                {
                    c++;
                    continue;
                }

                var start = c;
                while (c < row.Length && row[c])
                {
                    c++;
                }

                yield return (r, start, c - start);
            }
        }
    }

    /// <summary>
    /// Draws the code on <paramref name="page"/> with its top-left corner at (<paramref name="x"/>, <paramref name="y"/>)
    /// from the page's top-left corner (the XGraphics convention), <paramref name="size"/> points wide, quiet zone
    /// included. Its own content stream, saved and restored (q … Q), placed first: it starts from the page's default
    /// graphics state whatever the other streams do.
    /// </summary>
    public void Draw(PdfPage page, double x, double y, double size)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Contents.PrependContent().CreateStream(Encoding.ASCII.GetBytes(Content(x, page.Height.Point - y, size)));
    }

    /// <summary>The content stream: a white square, then every dark run as a rectangle in module units, filled once.</summary>
    private string Content(double left, double top, double size)
    {
        var module = size / modules.Length;
        var ops = new StringBuilder(64 + (modules.Length * modules.Length));
        // Module space: x to the right, y downwards from the code's top-left corner, one unit per module.
        ops.Append(CultureInfo.InvariantCulture, $"q 1 0 0 1 {left:0.###} {top - size:0.###} cm 1 g 0 0 {size:0.###} {size:0.###} re f Q\n");
        ops.Append(CultureInfo.InvariantCulture, $"q {module:0.#####} 0 0 {-module:0.#####} {left:0.###} {top:0.###} cm 0 g\n");
        foreach (var (row, column, length) in Runs())
        {
            // A hair of overlap (0.03 module) between rows avoids white seams in some viewers.
            ops.Append(column).Append(' ').Append(row).Append(' ').Append(length).Append(" 1.03 re\n");
        }

        ops.Append("f Q\n");
        return ops.ToString();
    }
}
