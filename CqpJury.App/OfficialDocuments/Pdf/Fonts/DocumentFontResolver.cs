using PdfSharp.Fonts;

namespace CqpJury.App.OfficialDocuments.Pdf.Fonts;

/// <summary>
/// Serves the embedded DejaVu Sans faces to PDFsharp (the Core build finds no system fonts).
/// Every family resolves to DejaVu Sans so that no document can fail on a missing font;
/// italic is mapped to the regular face (no italic face is shipped).
/// </summary>
internal sealed class DocumentFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    public static DocumentFontResolver Instance { get; } = new();

    private static readonly Lazy<byte[]> Regular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<byte[]> Bold = new(() => Load("DejaVuSans-Bold.ttf"));

    private DocumentFontResolver()
    {
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? BoldFace : RegularFace);

    public byte[]? GetFont(string faceName) => faceName == BoldFace ? Bold.Value : Regular.Value;

    private static byte[] Load(string fileName)
    {
        var assembly = typeof(DocumentFontResolver).Assembly;
        var name = assembly.GetManifestResourceNames()
            .SingleOrDefault(n => n.EndsWith(".Pdf.Fonts." + fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Embedded font {fileName} is missing from {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>Installs the font resolver once per process (GlobalFontSettings is process-global).</summary>
internal static class DocumentFontSetup
{
    private static readonly Lazy<bool> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void EnsureInstalled() => _ = Installed.Value;

    private static bool Install()
    {
        if (!ReferenceEquals(GlobalFontSettings.FontResolver, DocumentFontResolver.Instance))
        {
            GlobalFontSettings.FontResolver = DocumentFontResolver.Instance;
        }

        return true;
    }
}
