using CqpJury.App.OfficialDocuments.Signing;
using Microsoft.Extensions.Options;

namespace CqpJury.App.Extensions;

/// <summary>The organisation's certificate that signs the official documents (settings section <c>Signing</c>).</summary>
public static class SigningExtensions
{
    public static WebApplicationBuilder AddDocumentSigning(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SigningOptions>().Bind(builder.Configuration.GetSection(SigningOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SigningOptions>, SigningOptionsValidator>();
        builder.Services.AddSingleton<SealCertificates>();
        builder.Services.AddHostedService<SealCertificateCheck>();
        return builder;
    }
}
