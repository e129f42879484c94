using CqpJury.App.Services;
using Microsoft.Extensions.Options;

namespace CqpJury.App.OfficialDocuments.Signing;

/// <summary>
/// At start-up, checks the configured sealing certificate (readable, key matching, valid now) — or, in Production,
/// that one is configured — and logs the French refusal issuing would give, naming the setting. The app still
/// starts (the jury can deliberate); issuing refuses until the certificate is fixed. The test certificate is not
/// created here, only when a document is first issued.
/// </summary>
internal sealed partial class SealCertificateCheck(
    SealCertificates seals,
    IOptions<SigningOptions> options,
    TimeProvider clock,
    ILogger<SealCertificateCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsConfigured && seals.AllowsTestCertificate)
        {
            return Task.CompletedTask;
        }

        try
        {
            var seal = seals.SealFor(clock.GetUtcNow());
            LogReady(logger, seal.Certificate.Subject, seal.Certificate.Certificate.NotAfter);
        }
        catch (UserFacingException ex)
        {
            LogRefused(logger, ex.Message);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Official documents are signed with {Subject} (valid until {NotAfter:u}).")]
    private static partial void LogReady(ILogger logger, string subject, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "Signature des documents officiels impossible : {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
