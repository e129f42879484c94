using System.Globalization;
using System.Text;
using CqpJury.Domain.Common;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CqpJury.App.Services.Statistics;

/// <summary>
/// Writes a report's tables as an .xlsx workbook (Open XML SDK: typed cells, real dates and
/// percentages with their number formats) or one table as CSV for French Excel (UTF-8 with BOM,
/// « ; » between fields, RFC 4180 quoting).
/// </summary>
public static class StatisticsExport
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>The filters sheet's name (the first sheet).</summary>
    public const string FiltersSheet = "Filtres";

    // Style indexes in the stylesheet below.
    private const uint HeaderStyle = 1;
    private const uint DateStyle = 2;
    private const uint DateTimeStyle = 3;
    private const uint PercentStyle = 4;
    private const uint DecimalStyle = 5;
    private const uint TitleStyle = 6;

    public static string FileName(StatisticsReport report, string extension, StatisticsTable? table)
    {
        ArgumentNullException.ThrowIfNull(report);
        var at = FrenchTime.Format(report.ExtractedAt, "yyyy-MM-dd-HHmm");
        return table is { } t ? $"statistiques-{StatisticsTables.SlugOf(t)}-{at}.{extension}" : $"statistiques-{at}.{extension}";
    }

    public static byte[] Xlsx(StatisticsReport report, IReadOnlyList<FilterLine> filters)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(filters);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());

            var filterRows = new List<Row>
            {
                TextRow(1, TitleStyle, "Statistiques des jurys paritaires CQP"),
                new Row(TextCell("A2", "Extraction du"), new Cell
                {
                    CellReference = "B2",
                    CellValue = new CellValue(FrenchTime.ToFrench(report.ExtractedAt).DateTime.ToOADate().ToString(CultureInfo.InvariantCulture)),
                    StyleIndex = DateTimeStyle,
                }) { RowIndex = 2 },
                TextRow(3, 0),
                TextRow(4, HeaderStyle, "Filtre", "Valeur"),
            };
            uint index = 5;
            foreach (var line in filters)
            {
                var row = new Row { RowIndex = index };
                row.Append(TextCell($"A{index}", line.Label));
                row.Append(line.Date is { } date ? DateCell($"B{index}", date) : TextCell($"B{index}", line.Text));
                filterRows.Add(row);
                index++;
            }

            filterRows.Add(TextRow(++index, 0, "Comptes de personnes : « < 3 » signifie une ou deux personnes ; « — » : part ou délai non diffusé (calculé sur moins de trois personnes)."));
            filterRows.Add(TextRow(++index, 0, "Chaque dossier compte une fois dans la sélection : sa décision signée, ou son ajournement si aucune décision signée ne suit dans la sélection. Aucune décision non signée n'est comptée."));
            AddSheet(workbookPart, sheets, FiltersSheet, filterRows, [34, 60]);

            foreach (var table in StatisticsTables.All(report))
            {
                var rows = new List<Row> { TextRow(1, HeaderStyle, [.. table.Headers]) };
                uint r = 2;
                foreach (var cells in table.Rows)
                {
                    var row = new Row { RowIndex = r };
                    for (var c = 0; c < cells.Count; c++)
                    {
                        row.Append(Cell($"{Column(c)}{r}", cells[c]));
                    }

                    rows.Add(row);
                    r++;
                }

                var widths = table.Headers.Select((h, c) => Math.Clamp(
                    Math.Max(h.Length, table.Rows.Count == 0 ? 0 : table.Rows.Max(row => StatisticsTables.CsvText(row[c]).Length)) + 2, 10, 70)).Select(w => (double)w).ToArray();
                AddSheet(workbookPart, sheets, table.Title, rows, widths);
            }

            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    /// <summary>One table as CSV: UTF-8 with BOM, « ; » separator, CRLF, fields quoted when they hold « ; », quotes or line breaks.</summary>
    public static byte[] Csv(StatisticsReport report, StatisticsTable table)
    {
        var export = StatisticsTables.Build(report, table);
        var text = new StringBuilder();
        AppendCsvLine(text, export.Headers);
        foreach (var row in export.Rows)
        {
            AppendCsvLine(text, row.Select(StatisticsTables.CsvText));
        }

        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(text.ToString())];
    }

    private static void AppendCsvLine(StringBuilder text, IEnumerable<string> fields)
    {
        text.AppendJoin(';', fields.Select(f => f.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f));
        text.Append("\r\n");
    }

    private static void AddSheet(WorkbookPart workbookPart, Sheets sheets, string name, IEnumerable<Row> rows, IReadOnlyList<double> widths)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>();
        var columns = new Columns(widths.Select((w, i) => new DocumentFormat.OpenXml.Spreadsheet.Column
        {
            Min = (uint)(i + 1),
            Max = (uint)(i + 1),
            Width = w,
            CustomWidth = true,
        }));
        part.Worksheet = new Worksheet(columns, new SheetData(rows));
        part.Worksheet.Save();
        sheets.Append(new Sheet
        {
            Id = workbookPart.GetIdOfPart(part),
            SheetId = (uint)(sheets.ChildElements.Count + 1),
            Name = name,
        });
    }

    private static Cell Cell(string reference, ExportCell cell) => cell switch
    {
        ExportCell.Count c => new Cell { CellReference = reference, CellValue = new CellValue(c.Value), DataType = CellValues.Number },
        ExportCell.Share s => new Cell { CellReference = reference, CellValue = new CellValue(s.Value), DataType = CellValues.Number, StyleIndex = PercentStyle },
        ExportCell.Number n => new Cell { CellReference = reference, CellValue = new CellValue(n.Value), DataType = CellValues.Number, StyleIndex = DecimalStyle },
        ExportCell.Day d => DateCell(reference, d.Value),
        ExportCell.Text t => TextCell(reference, t.Value),
        _ => TextCell(reference, string.Empty),
    };

    /// <summary>A real date: the serial day number with a dd/mm/yyyy format (sorts and filters as a date in Excel).</summary>
    private static Cell DateCell(string reference, DateOnly date) => new()
    {
        CellReference = reference,
        CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)),
        StyleIndex = DateStyle,
    };

    private static Cell TextCell(string reference, string text, uint style = 0) => new()
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
        InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }),
        StyleIndex = style == 0 ? null : style,
    };

    private static Row TextRow(uint index, uint style, params string[] texts)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < texts.Length; c++)
        {
            row.Append(TextCell($"{Column(c)}{index}", texts[c], style));
        }

        return row;
    }

    private static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : $"{(char)('A' + (index / 26) - 1)}{(char)('A' + (index % 26))}";

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "dd/mm/yyyy hh:mm" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "0.0%" },
            new NumberingFormat { NumberFormatId = 167, FormatCode = "0.0" })
        { Count = 4 },
        new Fonts(
            new Font(),
            new Font(new Bold()),
            new Font(new Bold(), new FontSize { Val = 14 }))
        { Count = 3 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true, Alignment = new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top } },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 166, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 167, ApplyNumberFormat = true },
            new CellFormat { FontId = 2, ApplyFont = true })
        { Count = 7 });
}
