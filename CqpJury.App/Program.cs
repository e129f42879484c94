using CqpJury.App.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddCqpJury();

var app = builder.Build();
app.MapCqpJury();
app.Run();

/// <summary>Entry point; public and partial so integration tests can use WebApplicationFactory.</summary>
public partial class Program;
