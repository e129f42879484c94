using CqpJury.App.Services;
using CqpJury.Domain.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace CqpJury.App.Components.Shared;

/// <summary>
/// Base for interactive pages: runs one user action and turns refusals into French messages
/// (never a stack trace). Validation errors are kept in <see cref="FieldErrors"/> for the form.
/// </summary>
public abstract class AppComponentBase : ComponentBase
{
    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ILogger<AppComponentBase> Logger { get; set; } = default!;

    /// <summary>The field errors of the last action (by field name or JSON path).</summary>
    protected IReadOnlyList<FieldError> FieldErrors { get; private set; } = [];

    protected bool Busy { get; private set; }

    protected string? ErrorFor(string field) =>
        FieldErrors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase))?.Message;

    /// <summary>Runs <paramref name="action"/>; returns true when it succeeded. Shows <paramref name="success"/> then.</summary>
    /// <summary>
    /// A confirmation that goes away by itself. It has no close button: a keyboard user tabbing on
    /// would otherwise land on a button that is fading out (the live region and the page say the same).
    /// </summary>
    protected void ShowSuccess(string message, Severity severity = Severity.Success) =>
        Snackbar.Add(message, severity, options => options.ShowCloseIcon = false);

    protected async Task<bool> RunAsync(Func<Task> action, string? success = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        Busy = true;
        FieldErrors = [];
        try
        {
            await action();
            if (success is not null)
            {
                ShowSuccess(success);
            }

            return true;
        }
        catch (InputValidationException ex)
        {
            FieldErrors = ex.Errors;
            Snackbar.Add(ex.Errors.Count > 1 ? "Le formulaire contient des erreurs : corrigez les champs signalés." : ex.Message, Severity.Error);
        }
        catch (UserFacingException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        catch (BusinessRuleValidationException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        catch (DbUpdateConcurrencyException)
        {
            Snackbar.Add("Ces données ont été modifiées par quelqu'un d'autre entre-temps : rechargez la page et recommencez.", Severity.Warning);
        }
        catch (System.Data.Common.DbException ex)
        {
            // The database is unreachable or refused the command: one transaction per action, so nothing was half-saved.
            Logger.LogError(ex, "Database error in {Component}", GetType().Name);
            Snackbar.Add("La base de données ne répond pas pour le moment ; rien n'a été enregistré. Réessayez dans un instant.", Severity.Error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Unexpected error in {Component}", GetType().Name);
            Snackbar.Add("Une erreur inattendue s'est produite ; rien n'a été enregistré. Réessayez ou contactez le secrétariat.", Severity.Error);
        }
        finally
        {
            Busy = false;
        }

        return false;
    }
}
