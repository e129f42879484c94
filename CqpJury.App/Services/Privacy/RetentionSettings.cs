using System.Globalization;
using CqpJury.App.Extensions;

namespace CqpJury.App.Services.Privacy;

/// <summary>
/// R16: how long personal data is kept (section <c>Retention</c>; the defaults are decided and explained in
/// docs/privacy.md). Durations run from the dossier's last signed decision.
/// </summary>
public sealed class RetentionSettings : ICqpSettings
{
    /// <summary>Uploaded working documents (Outil 1, Outil 2, Dossier VAE, others): deleted this many months after the decision is signed.</summary>
    public int WorkingDocumentsMonths { get; set; } = 6;

    /// <summary>
    /// The candidate's identity and decisions: anonymised this many years after their last signed decision —
    /// five years while a partial validation can count (R4.1), plus one year's margin.
    /// </summary>
    public int IdentityYears { get; set; } = 6;

    /// <summary>The access history (who read what): each line deleted this many months after it was written.</summary>
    public int AccessHistoryMonths { get; set; } = 24;

    /// <summary>The hour (Paris time, 0–23) of the daily run.</summary>
    public int DailyRunHour { get; set; } = 3;

    /// <summary>Whether the daily run happens at all (off: the dry run page still shows what is due).</summary>
    public bool Enabled { get; set; } = true;

    public IEnumerable<string> Problems()
    {
        if (WorkingDocumentsMonths is < 1 or > 120)
        {
            yield return SettingsText.Invalid("Retention:WorkingDocumentsMonths", WorkingDocumentsMonths.ToString(CultureInfo.InvariantCulture), "un nombre de mois entre 1 et 120 (par défaut 6)");
        }

        // R4.1: a partial validation counts for five years: the identity cannot go before.
        if (IdentityYears is < 5 or > 50)
        {
            yield return SettingsText.Invalid("Retention:IdentityYears", IdentityYears.ToString(CultureInfo.InvariantCulture),
                "un nombre d'années entre 5 (durée de validité d'une validation partielle) et 50 (par défaut 6)");
        }

        if (AccessHistoryMonths is < 1 or > 240)
        {
            yield return SettingsText.Invalid("Retention:AccessHistoryMonths", AccessHistoryMonths.ToString(CultureInfo.InvariantCulture), "un nombre de mois entre 1 et 240 (par défaut 24)");
        }

        if (DailyRunHour is < 0 or > 23)
        {
            yield return SettingsText.Invalid("Retention:DailyRunHour", DailyRunHour.ToString(CultureInfo.InvariantCulture), "une heure entre 0 et 23 (par défaut 3)");
        }
    }
}
