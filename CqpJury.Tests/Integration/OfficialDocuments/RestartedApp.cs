using System.Collections.Concurrent;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.OfficialDocuments;
using CqpJury.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CqpJury.Tests.Integration.OfficialDocuments;

/// <summary>
/// The app started again on a fixture's data (same database, same data folder) with other settings and, if
/// asked, another environment (e.g. Production): what an operator does when configuring the signing certificate.
/// Keeps what the app logged, and leaves the data to the fixture that created it.
/// </summary>
internal sealed class RestartedApp : CqpJuryAppFactory
{
    private readonly string? _environment;

    public RestartedApp(string dataRoot, string? environment = null, params (string Key, string? Value)[] settings)
        : base(dataRoot, deleteOnDispose: false)
    {
        _environment = environment;
        foreach (var (key, value) in settings)
        {
            Settings[key] = value;
        }
    }

    public ConcurrentQueue<(LogLevel Level, string Message)> Logs { get; } = new();

    public Task<int> IssueAsync(string email, Guid sessionId, string baseUri = ClosedSessionFixture.BaseUri) =>
        this.AsUserAsync(email, sp => sp.GetRequiredService<OfficialDocumentService>().IssueAsync(sessionId, baseUri));

    public async Task<List<IssuedDocument>> IssuedAsync(Guid sessionId)
    {
        List<IssuedDocument> issued = [];
        await WithDbAsync(async db => issued = await db.IssuedDocuments.AsNoTracking().Where(d => d.SessionId == sessionId).ToListAsync());
        return issued;
    }

    public string IssuedFolder => Path.Combine(DataRoot, "issued");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (_environment is not null)
        {
            builder.UseEnvironment(_environment);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new Recorder(Logs)));
    }

    private sealed class Recorder(ConcurrentQueue<(LogLevel, string)> logs) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (IsEnabled(logLevel))
            {
                logs.Enqueue((logLevel, formatter(state, exception)));
            }
        }

        public void Dispose()
        {
        }
    }
}
