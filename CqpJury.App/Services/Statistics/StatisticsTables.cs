using CqpJury.Domain.Common;

namespace CqpJury.App.Services.Statistics;

/// <summary>The tables that can be exported (one .xlsx sheet each, or one CSV file).</summary>
public enum StatisticsTable
{
    Summary,
    Periods,
    Groups,
    Competences,
}

/// <summary>One line of the filters sheet: its label, its text, and its date when it is one.</summary>
public sealed record FilterLine(string Label, string Text, DateOnly? Date);

/// <summary>A file to download.</summary>
public sealed record StatisticsFile(byte[] Content, string ContentType, string FileName);

/// <summary>A cell of an exported table: a text, a count, a share (0–1), a date.</summary>
public abstract record ExportCell
{
    public sealed record Text(string Value) : ExportCell;

    public sealed record Count(int Value) : ExportCell;

    public sealed record Share(double Value) : ExportCell;

    public sealed record Number(double Value) : ExportCell;

    public sealed record Day(DateOnly Value) : ExportCell;
}

/// <summary>An exported table: French column headers and rows of cells.</summary>
public sealed record ExportTable(StatisticsTable Table, string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<ExportCell>> Rows);

/// <summary>
/// The exported tables of a report, with small counts masked against re-identification: a count of
/// one or two persons is written « &lt; 3 », and a share or a median computed from fewer than three
/// persons (numerator or denominator) is not given (« — »). Zero stays zero. Counts only, never a name (R16).
/// </summary>
public static class StatisticsTables
{
    /// <summary>Counts below this many persons are masked in exports.</summary>
    public const int SmallCountThreshold = 3;

    public const string MaskedCount = "< 3";

    public const string MaskedShare = "—";

    public static string TitleOf(StatisticsTable table) => table switch
    {
        StatisticsTable.Summary => "Synthèse",
        StatisticsTable.Periods => "Par période",
        StatisticsTable.Groups => "Par CQP et parcours",
        StatisticsTable.Competences => "Par compétence",
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    /// <summary>The word used in file names and in the CSV endpoint's query string.</summary>
    public static string SlugOf(StatisticsTable table) => table switch
    {
        StatisticsTable.Summary => "synthese",
        StatisticsTable.Periods => "periodes",
        StatisticsTable.Groups => "cqp-parcours",
        StatisticsTable.Competences => "competences",
        _ => throw new ArgumentOutOfRangeException(nameof(table)),
    };

    public static StatisticsTable? FromSlug(string? slug) =>
        Enum.GetValues<StatisticsTable>().Cast<StatisticsTable?>().FirstOrDefault(t => string.Equals(SlugOf(t!.Value), slug, StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<ExportTable> All(StatisticsReport report) =>
        Enum.GetValues<StatisticsTable>().Select(t => Build(report, t)).ToList();

    public static ExportTable Build(StatisticsReport report, StatisticsTable table)
    {
        ArgumentNullException.ThrowIfNull(report);
        return table switch
        {
            StatisticsTable.Summary => Summary(report),
            StatisticsTable.Periods => Periods(report),
            StatisticsTable.Groups => Groups(report),
            StatisticsTable.Competences => Competences(report),
            _ => throw new ArgumentOutOfRangeException(nameof(table)),
        };
    }

    /// <summary>A count of persons as exported: 1 or 2 become « &lt; 3 ».</summary>
    public static ExportCell Persons(int count) =>
        count is > 0 and < SmallCountThreshold ? new ExportCell.Text(MaskedCount) : new ExportCell.Count(count);

    /// <summary>A share as exported: not given when its numerator or denominator is 1 or 2 persons, or when there is no denominator.</summary>
    public static ExportCell Share(int numerator, int denominator) =>
        denominator == 0 || numerator is > 0 and < SmallCountThreshold || denominator < SmallCountThreshold
            ? new ExportCell.Text(MaskedShare)
            : new ExportCell.Share((double)numerator / denominator);

    private static ExportTable Summary(StatisticsReport r)
    {
        var t = r.Totals;
        var rows = new List<IReadOnlyList<ExportCell>>
        {
            Line("Dossiers présentés", Persons(t.Presented)),
            Line("CQP délivrés", Persons(t.Awarded)),
            Line("Validations partielles", Persons(t.PartiallyValidated)),
            Line("Non validations", Persons(t.NotValidated)),
            Line("Ajournés", Persons(t.Postponed)),
            Line("Décisions signées", Persons(t.Decided)),
            Line("Compétences avec un écart entre le verdict des évaluateurs et la grille", Persons(r.DiscrepancyCompetences)),
            Line("Dossiers avec au moins un tel écart", Persons(r.DiscrepancyDossiers)),
            Line("Décisions sur des candidats revenus (validation partielle encore valable)", Persons(r.ReturningDecisions)),
            Line("dont CQP complétés dans les cinq ans", Persons(r.ReturningAwarded)),
            Line("Délai médian du contrôle de complétude à la décision signée (jours)",
                r.MedianDaysToDecision is { } median && r.DecisionsWithCheck >= SmallCountThreshold ? new ExportCell.Number(median) : new ExportCell.Text(MaskedShare)),
            Line("Décisions prises en compte pour ce délai", Persons(r.DecisionsWithCheck)),
        };
        return new ExportTable(StatisticsTable.Summary, TitleOf(StatisticsTable.Summary), ["Indicateur", "Valeur"], rows);

        static IReadOnlyList<ExportCell> Line(string label, ExportCell value) => [new ExportCell.Text(label), value];
    }

    private static ExportTable Periods(StatisticsReport r) => new(
        StatisticsTable.Periods,
        TitleOf(StatisticsTable.Periods),
        ["Début de la période", "Période", "Dossiers présentés", "CQP délivrés", "Validations partielles", "Non validations", "Ajournés"],
        r.ByPeriod.Select(p => (IReadOnlyList<ExportCell>)[
            new ExportCell.Day(p.Start), new ExportCell.Text(p.Label),
            Persons(p.Counts.Presented), Persons(p.Counts.Awarded), Persons(p.Counts.PartiallyValidated), Persons(p.Counts.NotValidated), Persons(p.Counts.Postponed)])
            .ToList());

    private static ExportTable Groups(StatisticsReport r) => new(
        StatisticsTable.Groups,
        TitleOf(StatisticsTable.Groups),
        ["Regroupement", "Libellé", "Dossiers présentés", "CQP délivrés", "Part délivrés (%)", "Validations partielles", "Part validations partielles (%)",
            "Non validations", "Part non validations (%)", "Ajournés", "Part ajournés (%)"],
        r.ByCertificate.Select(row => GroupRow("CQP", row))
            .Concat(r.ByRoute.Select(row => GroupRow("Parcours", row)))
            .ToList());

    private static IReadOnlyList<ExportCell> GroupRow(string kind, OutcomeRow row)
    {
        var c = row.Counts;
        return
        [
            new ExportCell.Text(kind), new ExportCell.Text(row.Label), Persons(c.Presented),
            Persons(c.Awarded), Share(c.Awarded, c.Presented),
            Persons(c.PartiallyValidated), Share(c.PartiallyValidated, c.Presented),
            Persons(c.NotValidated), Share(c.NotValidated, c.Presented),
            Persons(c.Postponed), Share(c.Postponed, c.Presented),
        ];
    }

    private static ExportTable Competences(StatisticsReport r) => new(
        StatisticsTable.Competences,
        TitleOf(StatisticsTable.Competences),
        ["CQP", "Compétence", "Intitulé", "Présentée (décisions signées)", "Validée", "Taux de validation (%)", "Maîtrisée selon l'évaluation",
            "Non validée bien que maîtrisée", "Part non validée bien que maîtrisée (%)", "Écarts évaluateurs / grille"],
        r.ByCompetence.Select(c => (IReadOnlyList<ExportCell>)[
            new ExportCell.Text(c.CertificateTitle), new ExportCell.Text($"C{c.Position}"), new ExportCell.Text(c.CompetenceTitle),
            Persons(c.Presented), Persons(c.Validated), Share(c.Validated, c.Presented), Persons(c.Mastered),
            Persons(c.DeclinedAlthoughMastered), Share(c.DeclinedAlthoughMastered, c.Mastered), Persons(c.Discrepancies)])
            .ToList());

    /// <summary>A cell as CSV text for French Excel: decimal comma, shares in percent (the header says « (%) »), dates dd/MM/yyyy.</summary>
    public static string CsvText(ExportCell cell) => cell switch
    {
        ExportCell.Text t => t.Value,
        ExportCell.Count c => c.Value.ToString(FrenchFormat.Culture),
        ExportCell.Share s => (s.Value * 100).ToString("0.0", FrenchFormat.Culture),
        ExportCell.Number n => n.Value.ToString("0.#", FrenchFormat.Culture),
        ExportCell.Day d => FrenchFormat.Date(d.Value),
        _ => string.Empty,
    };
}
