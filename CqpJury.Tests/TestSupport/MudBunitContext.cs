using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace CqpJury.Tests.TestSupport;

/// <summary>
/// bUnit 2 context with MudBlazor services and loose JS interop. MudBlazor services are only
/// IAsyncDisposable: xunit disposes this asynchronously through IAsyncLifetime.
/// Render <see cref="RenderProviders"/> first when a test opens a select, a menu or a dialog.
/// </summary>
public abstract class MudBunitContext : BunitContext, IAsyncLifetime
{
    protected MudBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    /// <summary>Popover and dialog providers, needed by MudSelect, MudMenu and dialogs.</summary>
    protected void RenderProviders()
    {
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
