using PdfSharp.Drawing;
using QRCoder;

namespace CqpJury.App.Documents.Rendering;

/// <summary>
/// The verification QR code, drawn as vector squares (one rectangle per horizontal run of dark
/// modules): sharp at any print resolution and cheaper than decoding a PNG for every document.
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

    /// <summary>Number of modules per side, quiet zone included.</summary>
    public int Size => modules.Length;

    public void Draw(XGraphics gfx, double x, double y, double size)
    {
        var module = size / modules.Length;
        gfx.DrawRectangle(XBrushes.White, x, y, size, size);
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

                // A hair of overlap avoids white seams between rows in some viewers.
                gfx.DrawRectangle(XBrushes.Black, x + (start * module), y + (r * module), (c - start) * module, module + 0.05);
            }
        }
    }
}
