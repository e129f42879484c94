using CqpJury.App.OfficialDocuments.Pdf;

namespace CqpJury.Tests.OfficialDocuments.Pdf;

/// <summary>R14: the address a document prints, and what its QR code carries.</summary>
public sealed class VerificationStampTests
{
    [Theory]
    [InlineData("https://cqpjury.example.fr", "HTTPS://CQPJURY.EXAMPLE.FR/VERIFIER/K7QP-3MZD-W9TX")]
    [InlineData("https://cqpjury.example.fr/", "HTTPS://CQPJURY.EXAMPLE.FR/VERIFIER/K7QP-3MZD-W9TX")]
    [InlineData("http://localhost:5000", "HTTP://LOCALHOST:5000/VERIFIER/K7QP-3MZD-W9TX")]
    public void R14_Under_a_bare_host_the_QR_code_carries_the_address_in_capitals_and_the_sheet_prints_it_as_is(string publicBase, string qr)
    {
        var stamp = VerificationStamp.For("K7QP-3MZD-W9TX", publicBase);

        Assert.Equal(publicBase.TrimEnd('/') + "/verifier/K7QP-3MZD-W9TX", stamp.Url);
        Assert.Equal(qr, stamp.QrContent);
    }

    [Theory]
    [InlineData("https://intranet.example.fr/cqpjury")] // a path a proxy may match case by case
    [InlineData("https://cqp_jury.example.fr")] // "_" is not in the QR code's alphanumeric set
    [InlineData("https://jury-qualité.example.fr")] // neither is "é"
    [InlineData("not an address")]
    public void R14_Otherwise_the_QR_code_carries_the_printed_address(string publicBase)
    {
        var stamp = VerificationStamp.For("K7QP-3MZD-W9TX", publicBase);

        Assert.Null(stamp.QrText);
        Assert.Equal(stamp.Url, stamp.QrContent);
        Assert.EndsWith("/verifier/K7QP-3MZD-W9TX", stamp.Url, StringComparison.Ordinal);
    }
}
