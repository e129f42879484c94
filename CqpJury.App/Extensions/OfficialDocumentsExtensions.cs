using CqpJury.App.OfficialDocuments;
using CqpJury.App.OfficialDocuments.Signing;
using Microsoft.Extensions.Options;

namespace CqpJury.App.Extensions;

/// <summary>
/// What issuing official documents needs beyond the services: the organisation's certificate that signs them
/// (settings section <c>Signing</c>) and the public address they print (<c>App:PublicBaseUrl</c>).
/// </summary>
public static class OfficialDocumentsExtensions
{
    public static WebApplicationBuilder AddOfficialDocuments(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IssuingEnvironment>();
        builder.Services.AddSingleton<VerificationAddress>();
        builder.Services.AddOptions<SigningOptions>().Bind(builder.Configuration.GetSection(SigningOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SigningOptions>, CqpSettingsValidator<SigningOptions>>();
        builder.Services.AddSingleton<SealCertificates>();
        builder.Services.AddHostedService<SealCertificateCheck>();
        return builder;
    }
}
