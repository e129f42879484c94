using CqpJury.App.Services.Statistics;
using CqpJury.Domain.Common;
using MudBlazor;

namespace CqpJury.App.Components.Pages.Statistics;

/// <summary>
/// The secretariat's statistics page (issue 24): filters, the figures in brief, three charts each
/// followed by its table, and links to the exports. Every change of a filter reloads the figures
/// through <see cref="StatisticsService"/> (no query here).
/// </summary>
public partial class StatisticsPage
{
    // Outcome colours, darker shades for contrast against the white background (WCAG 1.4.11).
    private static readonly string[] OutcomePalette = ["#2e7d32", "#b26a00", "#c62828", "#546e7a"];
    private static readonly string[] OutcomeNames = ["CQP délivrés", "Validations partielles", "Non validations", "Ajournés"];

    private StackedBarChartOptions _countOptions = new() { ChartPalette = OutcomePalette, YAxisTitle = "Dossiers", ShowToolTips = true };
    private readonly StackedBarChartOptions _shareOptions = new() { ChartPalette = OutcomePalette, YAxisTitle = "%", YAxisSuggestedMax = 100, ShowToolTips = true };
    private readonly BarChartOptions _rateOptions = new() { ChartPalette = ["#1f4e79"], YAxisTitle = "% validées", YAxisSuggestedMax = 100, ShowToolTips = true };

    private StatisticsFilter _filter = new();
    private StatisticsChoices? _choices;
    private StatisticsReport? _report;
    private string _status = string.Empty;

    private List<ChartSeries<double>> _timeSeries = [];
    private string[] _timeLabels = [];
    private List<ChartSeries<double>> _groupSeries = [];
    private string[] _groupLabels = [];
    private List<ChartSeries<double>> _competenceSeries = [];
    private string[] _competenceLabels = [];

    protected override async Task OnInitializedAsync()
    {
        await RunAsync(async () =>
        {
            _choices = await Statistics.GetChoicesAsync();
            Show(await Statistics.ComputeAsync(_filter));
        });
    }

    private async Task ApplyAsync(StatisticsFilter filter)
    {
        var previous = _filter;
        _filter = filter;
        if (!await RunAsync(async () => Show(await Statistics.ComputeAsync(filter))))
        {
            _filter = previous;
        }
    }

    private void Show(StatisticsReport report)
    {
        _report = report;
        var grouping = report.Filter.Grouping;
        _timeLabels = report.ByPeriod.Select(p => grouping == StatisticsGrouping.Quarter
            ? $"T{((p.Start.Month - 1) / 3) + 1} {p.Start.Year}"
            : p.Start.ToString("MM/yyyy", FrenchFormat.Culture)).ToArray();
        _timeSeries = OutcomeSeries(report.ByPeriod.Select(p => p.Counts).ToList(), shares: false);

        // About five ticks whatever the largest bar; slanted labels when there are many periods (two years of months).
        var highest = report.ByPeriod.Select(p => p.Counts.Presented).DefaultIfEmpty(0).Max();
        _countOptions = new StackedBarChartOptions
        {
            ChartPalette = OutcomePalette,
            YAxisTitle = "Dossiers",
            ShowToolTips = true,
            YAxisTicks = Math.Max(1, (int)Math.Ceiling(highest / 5.0)),
            XAxisLabelRotation = _timeLabels.Length > 8 ? 45 : 0,
        };

        var groups = report.ByCertificate.Concat(report.ByRoute).ToList();
        _groupLabels = groups.Select(g => ShortLabel(g.Label)).ToArray();
        _groupSeries = OutcomeSeries(groups.Select(g => g.Counts).ToList(), shares: true);

        var presented = report.ByCompetence.Where(c => c.Presented > 0).ToList();
        _competenceLabels = presented.Select(c => $"{ShortCode(c.CertificateCode)} C{c.Position}").ToArray();
        _competenceSeries =
        [
            new ChartSeries<double> { Name = "Taux de validation (%)", Data = new ChartData<double>(presented.Select(c => Math.Round((c.ValidationRate ?? 0) * 100, 1)).ToList()) },
        ];
        _status = $"Statistiques mises à jour : {Number(report.Totals.Presented)} dossier(s) présenté(s).";
    }

    private static List<ChartSeries<double>> OutcomeSeries(IReadOnlyList<OutcomeCounts> counts, bool shares)
    {
        double Value(OutcomeCounts c, int count) => shares ? Math.Round((c.ShareOfPresented(count) ?? 0) * 100, 1) : count;
        IReadOnlyList<Func<OutcomeCounts, int>> pick = [c => c.Awarded, c => c.PartiallyValidated, c => c.NotValidated, c => c.Postponed];
        return pick.Select((p, i) => new ChartSeries<double>
        {
            Name = OutcomeNames[i],
            Data = new ChartData<double>(counts.Select(c => Value(c, p(c))).ToList()),
        }).ToList();
    }

    private string SessionText(Guid? id) =>
        id is { } value && _choices?.Sessions.FirstOrDefault(s => s.Id == value) is { } session
            ? $"{FrenchFormat.Date(session.Date)} – {session.Title}"
            : "Toutes les sessions";

    /// <summary>"CQP-AF" → "AF": the chart's axis has room for short names; the tables give the full titles.</summary>
    private static string ShortCode(string certificateCode) =>
        certificateCode.StartsWith("CQP-", StringComparison.Ordinal) ? certificateCode[4..] : certificateCode;

    /// <summary>The chart's category names: "CQP AF", "Parcours", "VAE" (the table beside it gives the full names).</summary>
    private string ShortLabel(string label) => label switch
    {
        _ when label.StartsWith("Parcours", StringComparison.Ordinal) => "Parcours",
        _ when label.Contains("(VAE)", StringComparison.Ordinal) => "VAE",
        _ => _choices?.Certificates.FirstOrDefault(c => c.Title == label) is { } certificate ? $"CQP {ShortCode(certificate.Code)}" : label,
    };

    private static string Number(int value) => value.ToString("N0", FrenchFormat.Culture);

    private static string Share(int count, int total) =>
        total == 0 ? string.Empty : $" ({((double)count / total * 100).ToString("0.#", FrenchFormat.Culture)} %)";
}
