using System.Globalization;
using System.Text;

namespace CqpJury.App.Data.Demo;

/// <summary>
/// A small, valid one-page PDF with a few lines of text, for the fictitious demo documents
/// (WinAnsi encoding, so French accents display). Not used for official documents.
/// </summary>
internal static class DemoPdf
{
    public static byte[] Create(string title, IReadOnlyList<string> lines)
    {
        var content = new StringBuilder();
        content.Append("BT /F1 12 Tf 56 780 Td (").Append(Escape(title)).Append(") Tj ET\n");
        var y = 750;
        foreach (var line in lines)
        {
            content.Append(CultureInfo.InvariantCulture, $"BT /F1 11 Tf 56 {y} Td (").Append(Escape(line)).Append(") Tj ET\n");
            y -= 18;
        }

        var encoding = Encoding.Latin1;
        var stream = encoding.GetBytes(content.ToString());
        var objects = new List<byte[]>
        {
            encoding.GetBytes("<< /Type /Catalog /Pages 2 0 R >>"),
            encoding.GetBytes("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            encoding.GetBytes("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"),
            encoding.GetBytes("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"),
            encoding.GetBytes($"<< /Length {stream.Length} >>\nstream\n").Concat(stream).Concat(encoding.GetBytes("\nendstream")).ToArray(),
        };

        using var output = new MemoryStream();
        void Write(string s) => output.Write(encoding.GetBytes(s));
        Write("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(output.Position);
            Write($"{i + 1} 0 obj\n");
            output.Write(objects[i]);
            Write("\nendobj\n");
        }

        var xref = output.Position;
        Write($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write(offset.ToString("D10", CultureInfo.InvariantCulture) + " 00000 n \n");
        }

        Write($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("(", "\\(", StringComparison.Ordinal)
            .Replace(")", "\\)", StringComparison.Ordinal)
            .Replace('’', '\'')
            .Replace('–', '-')
            .Replace("œ", "oe", StringComparison.Ordinal);
}
