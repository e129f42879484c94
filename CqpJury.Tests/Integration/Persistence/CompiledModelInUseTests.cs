using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Integration.Persistence;

/// <summary>Start-up speed (figure 5): the running app's contexts use the compiled model of their provider (Data/CompiledModel.cs), on SQLite and on PostgreSQL.</summary>
public sealed class CompiledModelInUseTests : IDisposable
{
    private readonly CqpJuryAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public Task The_app_s_contexts_run_on_the_compiled_model_of_their_provider() =>
        _factory.WithDbAsync(db =>
        {
            Assert.Equal($"CqpJury.App.Data.CompiledModels.{TestDatabase.Current.Provider}", db.Model.GetType().Namespace);
            return Task.CompletedTask;
        });
}
