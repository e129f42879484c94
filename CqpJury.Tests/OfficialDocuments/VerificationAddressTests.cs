using CqpJury.App.OfficialDocuments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace CqpJury.Tests.OfficialDocuments;

/// <summary>
/// Issue 19: the address printed on every document and in its QR code. A document is issued once, so in Production
/// only an absolute https <c>App:PublicBaseUrl</c> is printed; outside Production and in the demo the request's
/// address stands in, with a notice shown before issuing.
/// </summary>
public sealed class VerificationAddressTests
{
    private const string Browser = "http://127.0.0.1:5099/";

    private static PrintedAddress For(string environment, string? publicBaseUrl, bool demoSeed = false)
    {
        var settings = new Dictionary<string, string?> { ["App:PublicBaseUrl"] = publicBaseUrl, ["Demo:Seed"] = demoSeed ? "true" : null };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var host = new HostingEnvironment { EnvironmentName = environment };
        return new VerificationAddress(configuration, new IssuingEnvironment(host, configuration)).For(Browser);
    }

    [Theory]
    [InlineData("https://jury.cpef.fr", "https://jury.cpef.fr")]
    [InlineData(" https://jury.cpef.fr/ ", "https://jury.cpef.fr")]
    [InlineData("https://cpef.fr/jury/", "https://cpef.fr/jury")]
    public void In_Production_an_absolute_https_address_is_printed_as_set_without_its_trailing_slash_and_without_a_notice(string setting, string printed)
    {
        Assert.Equal(new PrintedAddress(printed), For(Environments.Production, setting));
    }

    [Theory]
    [InlineData("http://jury.cpef.fr")]
    [InlineData("jury.cpef.fr")]
    [InlineData("/verifier")]
    [InlineData("https://jury.cpef.fr/?source=qr")]
    [InlineData("https://jury.cpef.fr/#haut")]
    [InlineData("ftp://jury.cpef.fr")]
    public void In_Production_anything_but_an_absolute_https_address_without_query_or_fragment_is_refused_naming_the_setting(string setting)
    {
        var address = For(Environments.Production, setting);

        Assert.Null(address.Base);
        Assert.Null(address.Warning);
        Assert.Equal($"Le réglage App:PublicBaseUrl (« {setting} ») doit être une adresse https absolue, par exemple https://jury.cpef.fr : "
            + "c'est l'adresse imprimée sur chaque document et dans son QR code. Aucun document n'a été émis.", address.Refusal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void In_Production_an_unset_address_is_refused_and_the_browser_address_is_never_printed(string? setting)
    {
        var address = For(Environments.Production, setting);

        Assert.Null(address.Base);
        Assert.StartsWith("Le réglage App:PublicBaseUrl n'est pas renseigné : c'est l'adresse publique de CqpJury", address.Refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", address.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", false)]
    [InlineData("Production", true)]
    public void Outside_Production_or_in_the_demo_an_unset_address_falls_back_to_the_browser_address_with_a_notice(string environment, bool demoSeed)
    {
        var address = For(environment, null, demoSeed);

        Assert.Equal("http://127.0.0.1:5099", address.Base);
        Assert.Null(address.Refusal);
        Assert.Equal("Le réglage App:PublicBaseUrl n'est pas renseigné : les documents porteront l'adresse de ce navigateur, « http://127.0.0.1:5099 », "
            + "dans leur lien et leur QR code de vérification. Elle convient pour un essai, pas pour des documents remis aux candidats.", address.Warning);
    }

    [Fact]
    public void Outside_Production_a_plain_http_address_may_be_set_for_a_trial()
    {
        Assert.Equal(new PrintedAddress("http://jury.local:8080"), For(Environments.Development, "http://jury.local:8080/"));
        Assert.NotNull(For(Environments.Development, "jury.local").Refusal);
    }
}
