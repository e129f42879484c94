using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig.Content;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace CqpJury.Tests.OfficialDocuments.Pdf;

/// <summary>
/// A generated PDF read back with PdfPig. The text is rebuilt from the letters in the order they
/// were drawn (not PdfPig's reading order, which interleaves the lines of neighbouring table
/// cells), a space wherever a new run of text starts; whitespace is normalised.
/// </summary>
internal sealed partial class PdfText
{
    private PdfText(IReadOnlyList<string> pages, IReadOnlyList<string> boldPages, string title, string author, string subject)
    {
        Pages = pages;
        BoldPages = boldPages;
        Title = title;
        Author = author;
        Subject = subject;
    }

    public IReadOnlyList<string> Pages { get; }

    /// <summary>Per page, only the text set in the bold face (the chosen check-box labels, names, headings).</summary>
    public IReadOnlyList<string> BoldPages { get; }

    public string All => string.Join(" ", Pages);

    public string Bold => string.Join(" ", BoldPages);

    public string Title { get; }
    public string Author { get; }
    public string Subject { get; }

    public static PdfText Read(byte[] pdf)
    {
        using var document = PigDocument.Open(pdf);
        var pages = new List<string>();
        var bold = new List<string>();
        foreach (var page in document.GetPages())
        {
            pages.Add(Text(page.Letters, _ => true));
            bold.Add(Text(page.Letters, IsBold));
        }

        var info = document.Information;
        return new PdfText(pages, bold, info.Title ?? "", info.Author ?? "", info.Subject ?? "");
    }

    public static string Normalize(string text) => Spaces().Replace(text, " ").Trim();

    private static string Text(IReadOnlyList<Letter> letters, Func<Letter, bool> keep)
    {
        var text = new StringBuilder();
        Letter? previous = null;
        foreach (var letter in letters)
        {
            if (!keep(letter))
            {
                text.Append(' ');
                previous = null;
                continue;
            }

            if (previous is not null && !Follows(previous, letter))
            {
                text.Append(' ');
            }

            text.Append(letter.Value);
            previous = letter;
        }

        return Normalize(text.ToString());
    }

    /// <summary>Same line, and starting where the previous glyph ended: the same run of text.</summary>
    private static bool Follows(Letter previous, Letter next) =>
        Math.Abs(previous.StartBaseLine.Y - next.StartBaseLine.Y) < 0.5
        && Math.Abs(next.StartBaseLine.X - previous.EndBaseLine.X) < 0.5;

    private static bool IsBold(Letter letter) => letter.FontName?.Contains("Bold", StringComparison.Ordinal) == true;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
