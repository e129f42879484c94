using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig.Content;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace CqpJury.Tests.Integration.OfficialDocuments;

/// <summary>
/// An issued PDF read back with PdfPig. <see cref="Text"/> follows the letters in the order they
/// were drawn, a space wherever a new run of text starts: a competence title wrapped over two
/// lines of a table cell stays in one piece (joining <c>page.GetWords()</c> in reading order
/// interleaves it with the neighbouring "Validée" cell). <see cref="Bold"/> keeps only the words
/// set in bold: the ticked check-box labels are bold, the others regular. Whitespace (non-breaking
/// spaces included) is normalised to single spaces.
/// </summary>
internal sealed partial class OfficialPdf
{
    private OfficialPdf(IReadOnlyList<string> pages, string bold, string words)
    {
        Pages = pages;
        Bold = bold;
        Words = words;
    }

    public IReadOnlyList<string> Pages { get; }

    public string Text => string.Join(" ", Pages);

    /// <summary>The words set in bold (PdfPig words), in reading order.</summary>
    public string Bold { get; }

    /// <summary>All PdfPig words joined with spaces, in PdfPig's reading order.</summary>
    public string Words { get; }

    public static OfficialPdf Read(byte[] pdf)
    {
        using var document = PigDocument.Open(pdf);
        var pages = new List<string>();
        var bold = new List<string>();
        var words = new List<string>();
        foreach (var page in document.GetPages())
        {
            pages.Add(Flow(page.Letters));
            var pageWords = page.GetWords().ToList();
            words.Add(Normalize(string.Join(" ", pageWords.Select(w => w.Text))));
            bold.Add(Normalize(string.Join(" ", pageWords
                .Where(w => w.Letters.All(l => l.FontName?.Contains("Bold", StringComparison.Ordinal) == true))
                .Select(w => w.Text))));
        }

        return new OfficialPdf(pages, string.Join(" ", bold), string.Join(" ", words));
    }

    /// <summary>The ticked result of each competence line, in order: "Validée" or "Non validée".</summary>
    public IReadOnlyList<string> TickedResults() => TickedLabel().Matches(Bold).Select(m => m.Value).ToList();

    public static string Normalize(string text) => Spaces().Replace(text, " ").Trim();

    /// <summary>How many times <paramref name="phrase"/> occurs (ordinal, case-sensitive).</summary>
    public static int Count(string text, string phrase) => Regex.Count(text, Regex.Escape(phrase));

    private static string Flow(IReadOnlyList<Letter> letters)
    {
        var text = new StringBuilder();
        Letter? previous = null;
        foreach (var letter in letters)
        {
            var sameRun = previous is not null
                && Math.Abs(previous.StartBaseLine.Y - letter.StartBaseLine.Y) < 0.5
                && Math.Abs(letter.StartBaseLine.X - previous.EndBaseLine.X) < 0.5;
            if (previous is not null && !sameRun)
            {
                text.Append(' ');
            }

            text.Append(letter.Value);
            previous = letter;
        }

        return Normalize(text.ToString());
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("Non validée|Validée")]
    private static partial Regex TickedLabel();
}
