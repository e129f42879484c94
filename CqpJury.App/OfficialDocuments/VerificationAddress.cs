namespace CqpJury.App.OfficialDocuments;

/// <summary>What the room says before issuing about the address the documents will print (one of the three is set).</summary>
/// <param name="Base">The address documents are issued under.</param>
/// <param name="Warning">Set when that address is the request's, a stand-in outside Production: the room says so before issuing.</param>
/// <param name="Refusal">Set when documents cannot be issued: the French reason, naming the setting.</param>
public sealed record PrintedAddress(string? Base, string? Warning = null, string? Refusal = null);

/// <summary>
/// The base of the verification address printed on every document and in its QR code: <c>App:PublicBaseUrl</c>. A
/// document is issued once, so a wrong address would be printed for good: in Production the setting must be an
/// absolute https address; outside Production and in the demo, without it, the address the president's browser
/// uses stands in, and the room says so before issuing.
/// </summary>
public sealed class VerificationAddress(IConfiguration configuration, IssuingEnvironment environment)
{
    public const string Setting = "App:PublicBaseUrl";

    public PrintedAddress For(string requestBase)
    {
        var configured = configuration[Setting]?.Trim();
        if (string.IsNullOrEmpty(configured))
        {
            return environment.AllowsStandIns
                ? new PrintedAddress(requestBase.TrimEnd('/'),
                    Warning: $"Le réglage {Setting} n'est pas renseigné : les documents porteront l'adresse de ce navigateur, « {requestBase.TrimEnd('/')} », "
                        + "dans leur lien et leur QR code de vérification. Elle convient pour un essai, pas pour des documents remis aux candidats.")
                : new PrintedAddress(null,
                    Refusal: $"Le réglage {Setting} n'est pas renseigné : c'est l'adresse publique de CqpJury, imprimée sur chaque document et dans son QR code. "
                        + "Renseignez une adresse https absolue (par exemple https://jury.cpef.fr) ; aucun document n'a été émis.");
        }

        var valid = Uri.TryCreate(configured, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || (environment.AllowsStandIns && uri.Scheme == Uri.UriSchemeHttp))
            && uri.Query.Length == 0 && uri.Fragment.Length == 0;
        return valid
            ? new PrintedAddress(configured.TrimEnd('/'))
            : new PrintedAddress(null,
                Refusal: $"Le réglage {Setting} (« {configured} ») doit être une adresse https absolue, par exemple https://jury.cpef.fr : "
                    + "c'est l'adresse imprimée sur chaque document et dans son QR code. Aucun document n'a été émis.");
    }
}
