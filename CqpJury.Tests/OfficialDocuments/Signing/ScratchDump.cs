using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.App.OfficialDocuments.Signing;
using CqpJury.Tests.Integration.OfficialDocuments;
using CqpJury.Tests.OfficialDocuments.Pdf;

namespace CqpJury.Tests.OfficialDocuments.Signing;

public sealed class ScratchDump
{
    [Fact]
    public void Dump()
    {
        Directory.CreateDirectory("/tmp/sig");
        using var test = SealCertificates.CreateTestCertificate(DateTimeOffset.UtcNow);
        var seal = TestCertificates.Seal(test);
        var stamp = VerificationStamp.For("K7QP-3MZD-W9TX", "https://cqpjury.example.fr");
        var longStamp = new VerificationStamp("K7QP-3MZD-W9TX", "https://cqpjury.example.fr/verifier/K7QP-3MZD-W9TX");
        File.WriteAllBytes("/tmp/sig/sheet.pdf", PdfDocuments.DecisionSheet(DocumentSamples.PartialSheet() with { Stamp = stamp }, seal));
        File.WriteAllBytes("/tmp/sig/sheet-long.pdf", PdfDocuments.DecisionSheet(DocumentSamples.PartialSheet() with { Stamp = longStamp }, seal));
        File.WriteAllBytes("/tmp/sig/sheet-org.pdf", PdfDocuments.DecisionSheet(DocumentSamples.PartialSheet(), TestCertificates.Seal()));
        File.WriteAllBytes("/tmp/sig/minutes.pdf", PdfDocuments.SessionMinutes(DocumentSamples.Minutes(12) with { Stamp = stamp }, seal));
        File.WriteAllBytes("/tmp/sig/attendance.pdf", PdfDocuments.AttendanceSheet(DocumentSamples.Attendance() with { Stamp = stamp }, seal));
        File.WriteAllBytes("/tmp/sig/certificate.pdf", PdfDocuments.Certificate(DocumentSamples.Certificate() with { Stamp = stamp }, seal));
        File.WriteAllBytes("/tmp/sig/attestation.pdf", PdfDocuments.PartialAttestation(DocumentSamples.Attestation() with { Stamp = stamp }, seal));
    }
}
