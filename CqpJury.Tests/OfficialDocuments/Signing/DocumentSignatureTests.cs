using System.Security.Cryptography.X509Certificates;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.OfficialDocuments.Signing;
using CqpJury.Tests.Integration.OfficialDocuments;
using CqpJury.Tests.OfficialDocuments.Pdf;

namespace CqpJury.Tests.OfficialDocuments.Signing;

/// <summary>
/// Every official document signed with the organisation's certificate (PAdES, detached CMS, SHA-256) as any PDF
/// reader checks it offline: poppler's pdfsig, and the app's own <see cref="PdfSignatureInspector"/> that the
/// verification page uses. The text stays readable (PdfPig) and the visible block says who signed, when and why.
/// </summary>
public sealed class DocumentSignatureTests
{
    public static TheoryData<string> Kinds => ["DecisionSheet", "SessionMinutes", "AttendanceSheet", "Certificate", "PartialAttestation"];

    private static byte[] Render(string kind, DocumentSeal? seal) => kind switch
    {
        "DecisionSheet" => PdfDocuments.DecisionSheet(DocumentSamples.PartialSheet(), seal),
        "SessionMinutes" => PdfDocuments.SessionMinutes(DocumentSamples.Minutes(12), seal),
        "AttendanceSheet" => PdfDocuments.AttendanceSheet(DocumentSamples.Attendance(), seal),
        "Certificate" => PdfDocuments.Certificate(DocumentSamples.Certificate(), seal),
        "PartialAttestation" => PdfDocuments.PartialAttestation(DocumentSamples.Attestation(), seal),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Every_document_kind_is_signed_valid_for_pdfsig_by_the_organisation_in_SHA_256_over_the_whole_file(string kind)
    {
        var pdf = Render(kind, TestCertificates.Seal());

        var report = await Pdfsig.ReportAsync(pdf);
        if (report is null)
        {
            return;
        }

        Assert.Contains("Signature Validation: Signature is Valid.", report, StringComparison.Ordinal);
        Assert.Contains("Signer Certificate Common Name: " + TestCertificates.OrganisationName, report, StringComparison.Ordinal);
        Assert.Contains("Signing Hash Algorithm: SHA-256", report, StringComparison.Ordinal);
        Assert.Contains("Signature Type: ETSI.CAdES.detached", report, StringComparison.Ordinal);
        Assert.Contains("Total document signed", report, StringComparison.Ordinal);
        Assert.Equal(1, OfficialPdf.Count(report, "Signature #"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_signed_document_kind_checks_as_valid_and_names_its_signer(string kind)
    {
        var pdf = Render(kind, TestCertificates.Seal());

        var report = PdfSignatureInspector.Inspect(pdf);

        Assert.Equal(PdfSignatureState.Valid, report.State);
        Assert.Equal(SealCertificate.ThumbprintOf(TestCertificates.Organisation), report.SignerThumbprint);
        Assert.Equal(TestCertificates.Organisation.Subject, report.SignerSubject);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.6)]
    [InlineData(0.95)]
    public async Task One_byte_changed_after_signing_makes_the_signature_invalid_for_pdfsig_and_for_the_app(double where)
    {
        var pdf = PdfDocuments.DecisionSheet(DocumentSamples.PartialSheet(), TestCertificates.Seal());
        var contents = SignatureContents(pdf);
        var index = (int)(where * pdf.Length);
        if (index >= contents.Start && index < contents.End)
        {
            index = contents.End + 10;
        }

        pdf[index] ^= 0x01;

        Assert.Equal(PdfSignatureState.Altered, PdfSignatureInspector.Inspect(pdf).State);
        var report = await Pdfsig.ReportAsync(pdf);
        if (report is null)
        {
            return;
        }

        Assert.DoesNotContain("Signature is Valid", report, StringComparison.Ordinal);
        Assert.Contains("Signature Validation: Digest Mismatch.", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_appended_after_signing_leave_the_signature_short_of_the_whole_file()
    {
        var pdf = PdfDocuments.AttendanceSheet(DocumentSamples.Attendance(), TestCertificates.Seal());
        var appended = pdf.Concat("\n% ajouté après la signature\n"u8.ToArray()).ToArray();

        Assert.Equal(PdfSignatureState.Altered, PdfSignatureInspector.Inspect(appended).State);
    }

    [Fact]
    public void A_document_rendered_without_a_seal_is_not_signed()
    {
        var pdf = PdfDocuments.DecisionSheet(DocumentSamples.PartialSheet());

        Assert.Equal(new PdfSignatureReport(PdfSignatureState.NotSigned), PdfSignatureInspector.Inspect(pdf));
    }

    [Fact]
    public void The_signature_names_the_decision_and_its_president_as_reason_the_CPEF_as_location_and_the_signing_instant()
    {
        var at = new DateTimeOffset(2025, 6, 12, 16, 10, 27, TimeSpan.Zero);
        var pdf = PdfDocuments.DecisionSheet(DocumentSamples.PartialSheet(), TestCertificates.Seal(at: at));
        var raw = System.Text.Encoding.Latin1.GetString(pdf);

        // A text string with accents is written as UTF-16 (byte order mark FE FF) in hexadecimal, over several lines.
        var reason = raw[(raw.IndexOf("/Reason<", StringComparison.Ordinal) + "/Reason".Length)..];
        reason = string.Concat(reason[..(reason.IndexOf('>', StringComparison.Ordinal) + 1)].Where(c => !char.IsWhiteSpace(c)));
        Assert.Equal(PdfTextString("Décision du jury paritaire du 12/06/2025 — présidence : Hélène Dubois-Marchal"), reason);
        Assert.Contains("/Location(CPEF de la formation professionnelle)", raw, StringComparison.Ordinal);
        Assert.Contains("/M(D:20250612181027+02'00')", raw, StringComparison.Ordinal);
        Assert.Contains("/SubFilter/ETSI.CAdES.detached", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void PdfPig_still_reads_a_signed_sheet_with_the_president_line_and_the_visible_block_under_it()
    {
        var pdf = PdfDocuments.DecisionSheet(DocumentSamples.PartialSheet(), TestCertificates.Seal());

        var text = PdfText.Read(pdf).All;

        Assert.Contains("Nom et prénom du candidat : Élodie Lefèvre", text, StringComparison.Ordinal);
        var president = text.IndexOf("Signature du Président du jury paritaire : Hélène Dubois-Marchal", StringComparison.Ordinal);
        var block = text.IndexOf("Document signé électroniquement par : " + TestCertificates.OrganisationName, StringComparison.Ordinal);
        Assert.True(president >= 0 && block > president, text);
        Assert.Contains("le 12/06/2025 à 18:10 (heure de Paris) — CPEF de la formation professionnelle", text, StringComparison.Ordinal);
        Assert.Contains("Motif : Décision du jury paritaire du 12/06/2025 — présidence : Hélène Dubois-Marchal", text, StringComparison.Ordinal);
        Assert.DoesNotContain(SealCertificate.TestMarker, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_test_certificate_says_so_in_its_subject_and_in_the_visible_block()
    {
        using var certificate = SealCertificates.CreateTestCertificate(DateTimeOffset.UtcNow);
        var pdf = PdfDocuments.Certificate(DocumentSamples.Certificate(), TestCertificates.Seal(certificate));

        var text = PdfText.Read(pdf).All;

        Assert.Contains(SealCertificate.TestMarker, certificate.Subject, StringComparison.Ordinal);
        Assert.Contains(SealCertificate.TestMarker, text, StringComparison.Ordinal);
        Assert.Single(PdfText.Read(pdf).Pages);
        var report = await Pdfsig.ReportAsync(pdf);
        if (report is not null)
        {
            Assert.Contains("Signature Validation: Signature is Valid.", report, StringComparison.Ordinal);
            Assert.Contains("Signer Certificate Common Name: " + SealCertificate.TestMarker, report, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_visible_block_and_the_signature_field_sit_on_the_last_page_under_the_president_line()
    {
        var comments = string.Join("\n", Enumerable.Range(1, 60).Select(i => $"{i}. Observation détaillée du jury."));
        var pdf = PdfDocuments.DecisionSheet(DocumentSamples.PartialSheet(comments: comments), TestCertificates.Seal());

        var pages = PdfText.Read(pdf).Pages;
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var widgets = document.GetPages().Select(p => p.GetAnnotations().Count(a => a.Type == UglyToad.PdfPig.Annotations.AnnotationType.Widget)).ToList();

        Assert.True(pages.Count >= 2);
        Assert.Contains("Document signé électroniquement par", pages[^1], StringComparison.Ordinal);
        Assert.Contains("Signature du Président du jury paritaire", pages[^1], StringComparison.Ordinal);
        Assert.Equal([.. Enumerable.Repeat(0, pages.Count - 1), 1], widgets);
    }

    private static (int Start, int End) SignatureContents(byte[] pdf)
    {
        var raw = System.Text.Encoding.Latin1.GetString(pdf);
        var range = raw[(raw.LastIndexOf("/ByteRange", StringComparison.Ordinal) + "/ByteRange".Length)..];
        var numbers = range[(range.IndexOf('[', StringComparison.Ordinal) + 1)..range.IndexOf(']', StringComparison.Ordinal)]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
        return (numbers[1], numbers[2]);
    }

    /// <summary>How PDFsharp writes a text string with characters outside PDFDocEncoding: UTF-16BE after a byte order mark, in hexadecimal.</summary>
    private static string PdfTextString(string text) => "<FEFF" + Convert.ToHexString(System.Text.Encoding.BigEndianUnicode.GetBytes(text)) + ">";
}
