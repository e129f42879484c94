using Bunit;
using CqpJury.App.Components.Pages.UploadedDocuments;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Components.UploadedDocuments;

public sealed class PdfViewerTests : MudBunitContext
{
    [Fact]
    public void The_viewer_frames_the_document_endpoint_with_a_French_title_naming_the_document()
    {
        var id = Guid.NewGuid();

        var cut = Render<PdfViewer>(p => p
            .Add(x => x.DocumentId, id)
            .Add(x => x.DocumentName, "Outil 2 – Élodie Lefèvre.pdf"));

        var frame = cut.Find("iframe");
        Assert.Equal($"/documents/{id}", frame.GetAttribute("src"));
        Assert.Equal("Visionneuse du document PDF « Outil 2 – Élodie Lefèvre.pdf »", frame.GetAttribute("title"));
        Assert.Equal($"/documents/{id}/telecharger", cut.Find("a[href$='/telecharger']").GetAttribute("href"));
    }

    [Fact]
    public void Without_a_name_the_frame_still_has_a_French_title()
    {
        var cut = Render<PdfViewer>(p => p.Add(x => x.DocumentId, Guid.NewGuid()));

        Assert.Equal("Visionneuse du document PDF", cut.Find("iframe").GetAttribute("title"));
        Assert.Contains("Ouvrir le document dans un nouvel onglet", cut.Markup, StringComparison.Ordinal);
    }
}
