using System.Globalization;
using System.Net;
using System.Text;
using CqpJury.App.Services.Statistics;
using CqpJury.Domain.Juries;
using CqpJury.Tests.TestSupport;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.VisualBasic.FileIO;
using static CqpJury.Tests.Integration.Statistics.StatisticsHistory;

namespace CqpJury.Tests.Integration.Statistics;

/// <summary>
/// Issue 24: the exports read back — the .xlsx with the Open XML SDK (sheets, French headers,
/// real dates and percentages, small counts masked), the CSV with .NET's own CSV parser (BOM, « ; ») —
/// and the endpoints, for the secretariat only.
/// </summary>
public sealed class StatisticsExportTests : IDisposable
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private readonly CqpJuryAppFactory _factory = new();

    private async Task<(StatisticsHistory History, string Email, string Password)> ArrangeAsync()
    {
        var history = await SeedAsync(_factory);
        var (email, password) = await _factory.CreateSecretariatAsync();
        return (history, email, password);
    }

    private Task<StatisticsFile> ExportAsync(string email, Func<StatisticsService, Task<StatisticsFile>> export) =>
        _factory.AsUserAsync(email, sp => export(sp.GetRequiredService<StatisticsService>()));

    [Fact]
    public async Task Xlsx_has_the_filters_first_then_one_sheet_per_table_with_French_headers_and_real_dates()
    {
        var (_, email, _) = await ArrangeAsync();
        var filter = new StatisticsFilter(new DateOnly(2025, 1, 1), new DateOnly(2026, 6, 30));

        var file = await ExportAsync(email, s => s.ExportXlsxAsync(filter));

        using var workbook = Workbook.Open(file.Content);
        Assert.Equal(XlsxType, file.ContentType);
        Assert.Equal("statistiques-2026-11-27-1000.xlsx", file.FileName); // extraction time, Paris
        Assert.Equal(["Filtres", "Synthèse", "Par période", "Par CQP et parcours", "Par compétence"], workbook.SheetNames);

        var filters = workbook.Sheet("Filtres");
        Assert.Equal("Extraction du", filters.Text("A2"));
        Assert.Equal(new DateTime(2026, 11, 27, 10, 0, 0), filters.Date("B2"));
        Assert.Equal("dd/mm/yyyy hh:mm", filters.NumberFormat("B2"));
        Assert.Equal(("Jurys du", new DateTime(2025, 1, 1)), (filters.Text("A5"), filters.Date("B5")));
        Assert.Equal("dd/mm/yyyy", filters.NumberFormat("B5"));
        Assert.Equal(("Jurys jusqu'au", new DateTime(2026, 6, 30)), (filters.Text("A6"), filters.Date("B6")));
        Assert.Equal(("CQP", "Tous"), (filters.Text("A7"), filters.Text("B7")));

        var periods = workbook.Sheet("Par période");
        Assert.Equal(["Début de la période", "Période", "Dossiers présentés", "CQP délivrés", "Validations partielles", "Non validations", "Ajournés"], periods.Row(1));
        Assert.Equal(new DateTime(2025, 1, 1), periods.Date("A2"));
        Assert.Equal("janvier 2025", periods.Text("B2"));
        Assert.Equal(3, periods.Number("C2")); // D1 D2 D3
        Assert.Equal("< 3", periods.Text("D2")); // one award
        Assert.Equal(0, periods.Number("C9")); // August 2025: nobody
        Assert.Equal(new DateTime(2026, 3, 1), periods.Date("A16"));

        var summary = workbook.Sheet("Synthèse");
        Assert.Equal(["Indicateur", "Valeur"], summary.Row(1));
        Assert.Equal(("Dossiers présentés", 10.0), (summary.Text("A2"), summary.Number("B2")));
        Assert.Equal(("CQP délivrés", 4.0), (summary.Text("A3"), summary.Number("B3")));
        Assert.Equal(("Non validations", "< 3"), (summary.Text("A5"), summary.Text("B5")));
        Assert.Equal(25, summary.Number("B12")); // median delay, over 9 decisions

        var groups = workbook.Sheet("Par CQP et parcours");
        Assert.Equal(["CQP", "CQP Assistant(e) de formation", "6"], groups.Row(2).Take(3));
        Assert.Equal("< 3", groups.Text("D2")); // 2 awards
        Assert.Equal("—", groups.Text("E2")); // their share is not given
        Assert.Equal(3, groups.Number("F2")); // 3 partial validations of 6
        Assert.Equal(0.5, groups.Number("G2"));
        Assert.Equal("0.0%", groups.NumberFormat("G2"));

        var competences = workbook.Sheet("Par compétence");
        Assert.Equal(13, competences.RowCount); // header + 12 competences
        Assert.Equal(["CQP Assistant(e) de formation", "C2"], competences.Row(3).Take(2));
        Assert.Equal(4, competences.Number("D3"));
        Assert.Equal(3, competences.Number("E3"));
        Assert.Equal(0.75, competences.Number("F3"));
        Assert.Equal("< 3", competences.Text("H3")); // one declined although mastered

        Assert.DoesNotContain(workbook.AllTexts(), t => t.Contains(SecretName, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Csv_is_UTF8_with_BOM_semicolons_and_French_numbers_and_reads_back()
    {
        var (history, email, _) = await ArrangeAsync();

        var groups = await ExportAsync(email, s => s.ExportCsvAsync(new StatisticsFilter(), StatisticsTable.Groups));
        var periods = await ExportAsync(email, s => s.ExportCsvAsync(new StatisticsFilter(SessionId: history.Sessions[S1].Id), StatisticsTable.Periods));

        Assert.Equal([0xEF, 0xBB, 0xBF], groups.Content.Take(3));
        Assert.Equal("text/csv; charset=utf-8", groups.ContentType);
        Assert.Equal("statistiques-cqp-parcours-2026-11-27-1000.csv", groups.FileName);
        var rows = ReadCsv(groups.Content);
        Assert.Equal(["Regroupement", "Libellé", "Dossiers présentés", "CQP délivrés", "Part délivrés (%)", "Validations partielles", "Part validations partielles (%)",
            "Non validations", "Part non validations (%)", "Ajournés", "Part ajournés (%)"], rows[0]);
        Assert.Equal(["CQP", "CQP Assistant(e) de formation", "6", "< 3", "—", "3", "50,0", "0", "0,0", "< 3", "—"], rows[1]);
        Assert.Equal(["Parcours", "Parcours de développement des compétences", "6", "< 3", "—", "3", "50,0", "< 3", "—", "0", "0,0"], rows[3]);
        Assert.Equal(5, rows.Count);

        var periodRows = ReadCsv(periods.Content);
        Assert.Equal(["01/01/2025", "janvier 2025", "4", "< 3", "< 3", "< 3", "< 3"], periodRows[1]);
        Assert.DoesNotContain(SecretName, Encoding.UTF8.GetString(groups.Content), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Endpoints_serve_the_secretariat_and_refuse_members_and_visitors()
    {
        await ArrangeAsync();
        var (email, password) = await _factory.CreateSecretariatAsync("autre.secretariat@test.fr");
        var (_, memberEmail, memberPassword) = await _factory.CreateMemberWithAccountAsync("Jeanne", "Membre", Seat.TradeExpert);
        using var office = _factory.CreateBrowserLikeClient();
        await office.SignInAsync(email, password);
        using var member = _factory.CreateBrowserLikeClient();
        await member.SignInAsync(memberEmail, memberPassword);
        using var visitor = _factory.CreateBrowserLikeClient();

        using var xlsx = await office.GetAsync(new Uri("/secretariat/statistiques/export.xlsx?du=2025-01-01&cqp=CQP-AF&regroupement=trimestre", UriKind.Relative));
        using var csv = await office.GetAsync(new Uri("/secretariat/statistiques/export.csv?tableau=competences&parcours=vae", UriKind.Relative));
        using var refused = await member.GetAsync(new Uri("/secretariat/statistiques/export.xlsx", UriKind.Relative));
        using var anonymous = await visitor.GetAsync(new Uri("/secretariat/statistiques/export.csv?tableau=synthese", UriKind.Relative));
        using var badDate = await office.GetAsync(new Uri("/secretariat/statistiques/export.xlsx?du=2025-13-01", UriKind.Relative));
        using var badTable = await office.GetAsync(new Uri("/secretariat/statistiques/export.csv?tableau=noms", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal(XlsxType, xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", xlsx.Content.Headers.ContentDisposition?.DispositionType);
        using (var workbook = Workbook.Open(await xlsx.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal("Par trimestre", workbook.Sheet("Filtres").Text("B10"));
            Assert.Equal("CQP Assistant(e) de formation", workbook.Sheet("Filtres").Text("B7"));
            Assert.Equal("1er trimestre 2025", workbook.Sheet("Par période").Text("B2"));
        }

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(["CQP", "Compétence", "Intitulé"], ReadCsv(await csv.Content.ReadAsByteArrayAsync())[0].Take(3));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Cette action est réservée au secrétariat de la CPEF.", await refused.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal("La date de début doit être écrite AAAA-MM-JJ.", await badDate.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badTable.StatusCode);
        Assert.StartsWith("Le tableau doit être l'un de : synthese", await badTable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static List<string[]> ReadCsv(byte[] content)
    {
        using var parser = new TextFieldParser(new MemoryStream(content), Encoding.UTF8, detectEncoding: true);
        parser.SetDelimiters(";");
        parser.HasFieldsEnclosedInQuotes = true;
        var rows = new List<string[]>();
        while (!parser.EndOfData)
        {
            rows.Add(parser.ReadFields()!);
        }

        return rows;
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>An .xlsx opened back with the Open XML SDK.</summary>
    private sealed class Workbook : IDisposable
    {
        private readonly SpreadsheetDocument _document;

        private Workbook(SpreadsheetDocument document) => _document = document;

        public IReadOnlyList<string> SheetNames => _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

        public static Workbook Open(byte[] content) => new(SpreadsheetDocument.Open(new MemoryStream(content), isEditable: false));

        public WorksheetReader Sheet(string name)
        {
            var sheet = _document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
            var part = (WorksheetPart)_document.WorkbookPart.GetPartById(sheet.Id!);
            return new WorksheetReader(part.Worksheet, _document.WorkbookPart.WorkbookStylesPart!.Stylesheet);
        }

        public IEnumerable<string> AllTexts() => SheetNames.SelectMany(n => Sheet(n).Texts());

        public void Dispose() => _document.Dispose();
    }

    private sealed class WorksheetReader(Worksheet worksheet, Stylesheet styles)
    {
        private Cell CellAt(string reference) => worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);

        public int RowCount => worksheet.Descendants<Row>().Count();

        public string Text(string reference) => TextOf(CellAt(reference));

        public double Number(string reference)
        {
            var cell = CellAt(reference);
            Assert.True(cell.DataType is null || cell.DataType.Value == CellValues.Number, $"{reference} is not a number");
            return double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture);
        }

        public DateTime Date(string reference)
        {
            Assert.StartsWith("dd/mm/yyyy", NumberFormat(reference), StringComparison.Ordinal);
            return DateTime.FromOADate(Number(reference));
        }

        public string NumberFormat(string reference)
        {
            var format = (CellFormat)styles.CellFormats!.ElementAt((int)(CellAt(reference).StyleIndex?.Value ?? 0));
            return styles.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(n => n.NumberFormatId?.Value == format.NumberFormatId?.Value)?.FormatCode?.Value ?? "General";
        }

        public List<string> Row(int index) =>
            worksheet.Descendants<Row>().Single(r => r.RowIndex?.Value == index).Elements<Cell>().Select(TextOf).ToList();

        public IEnumerable<string> Texts() => worksheet.Descendants<Cell>().Select(TextOf);

        private static string TextOf(Cell cell) => cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue?.Text ?? string.Empty;
    }
}
