using CqpJury.App.Components.Shared;
using CqpJury.App.Services;
using CqpJury.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CqpJury.Tests.Components.Shared;

/// <summary>How a page's action turns failures into French messages (never a stack trace).</summary>
public sealed class AppComponentBaseTests : MudBunitContext
{
    [Fact]
    public async Task A_database_that_does_not_answer_gives_a_french_message_and_the_action_reports_failure()
    {
        var page = Render<ProbePage>().Instance;
        var snackbar = Services.GetRequiredService<ISnackbar>();

        var succeeded = await page.RunOnRendererAsync(() => throw new SqliteException("disk I/O error", 10));

        Assert.False(succeeded);
        var message = Assert.Single(snackbar.ShownSnackbars);
        Assert.Equal("La base de données ne répond pas pour le moment ; rien n'a été enregistré. Réessayez dans un instant.", message.Message);
        Assert.Equal(Severity.Error, message.Severity);
    }

    [Fact]
    public async Task A_refusal_shows_its_own_message_and_a_success_its_confirmation()
    {
        var page = Render<ProbePage>().Instance;
        var snackbar = Services.GetRequiredService<ISnackbar>();

        Assert.False(await page.RunOnRendererAsync(() => throw new UserFacingException("Action refusée.")));
        Assert.True(await page.RunOnRendererAsync(() => Task.CompletedTask));

        Assert.Equal(new[] { "Action refusée.", "Enregistré." }, snackbar.ShownSnackbars.Select(s => s.Message ?? string.Empty));
    }

    /// <summary>A page reduced to one action.</summary>
    public sealed class ProbePage : AppComponentBase
    {
        /// <summary>Runs the action as a click would: on the component's dispatcher.</summary>
        public async Task<bool> RunOnRendererAsync(Func<Task> action)
        {
            var succeeded = false;
            await InvokeAsync(async () => succeeded = await RunAsync(action, "Enregistré."));
            return succeeded;
        }
    }
}
