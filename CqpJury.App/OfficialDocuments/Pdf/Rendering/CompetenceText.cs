using CqpJury.Domain.Common;
using CqpJury.Domain.Outcomes;

namespace CqpJury.App.OfficialDocuments.Pdf.Rendering;

/// <summary>How a competence and its result read on the documents.</summary>
internal static class CompetenceText
{
    /// <summary>"Compétence 1 – Traiter les informations…", the title verbatim (R1), as in the annex.</summary>
    public static string Label(CompetenceLine line) => string.Concat("Compétence ", Number(line.Position), " – ", line.Title);

    /// <summary>The result column of the minutes (the end of validity has its own column).</summary>
    public static string ShortResult(CompetenceLine line) => line.Standing switch
    {
        CompetenceStanding.NotValidated => "Non validée",
        CompetenceStanding.StillHeld => "Validée (décision antérieure)",
        _ => "Validée",
    };

    /// <summary>The small note under a ticked "Validée" box: until when the competence is held (R4.1; none once the CQP is awarded).</summary>
    public static string? ValidityNote(CompetenceLine line, DecisionOutcome outcome) =>
        (line.Standing, AwardedCqpHasNoExpiry.ValidUntilShown(outcome, line.Standing, line.ValidUntil)) switch
        {
            (CompetenceStanding.StillHeld, { } until) => $"(décision antérieure, valable jusqu'au {FrenchFormat.Date(until)})",
            (CompetenceStanding.StillHeld, null) => "(décision antérieure)",
            (CompetenceStanding.ValidatedNow, { } until) => $"(valable jusqu'au {FrenchFormat.Date(until)})",
            _ => null,
        };

    /// <summary>The "valable jusqu'au" column of the minutes (R4.1; none once the CQP is awarded).</summary>
    public static string ValidUntil(CompetenceLine line, DecisionOutcome outcome) =>
        AwardedCqpHasNoExpiry.ValidUntilShown(outcome, line.Standing, line.ValidUntil) is { } until ? FrenchFormat.Date(until) : "—";

    public static string Number(int value) => value.ToString(FrenchFormat.Culture);
}
