using CqpJury.App.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddCqpJury();

var app = builder.Build();
app.MapCqpJury();
if (await app.TryRunCommandAsync(args) is { } exitCode)
{
    return exitCode;
}

await app.SeedDemoIfAskedAsync(args);
await app.RunAsync();
return 0;

/// <summary>Entry point; public and partial so integration tests can use WebApplicationFactory.</summary>
public partial class Program;
