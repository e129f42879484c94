using System.Globalization;
using System.Net;
using System.Text;
using CqpJury.App.OfficialDocuments.Pdf;
using CqpJury.Domain.Outcomes;

namespace CqpJury.Benchmarks.OfficialDocuments;

/// <summary>
/// The chromium baseline's input: the same decision sheet as a self-contained HTML page (A4 print
/// CSS, same texts, check boxes, verification code; the QR code as an inline SVG grid of the same size).
/// </summary>
public static class SheetHtml
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string Render(DecisionSheetModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var sb = new StringBuilder(8192);
        string E(string s) => WebUtility.HtmlEncode(s);
        string Box(bool on) => on ? "☒" : "☐";
        var title = model.CertificateTitle + " — Décision du jury paritaire";
        sb.Append("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>")
          .Append("@page{size:A4;margin:18mm 16mm 20mm 16mm}body{font-family:'DejaVu Sans',sans-serif;font-size:10pt;color:#111}")
          .Append("h1{font-size:15pt;text-align:center;margin:0 0 4pt}h2{font-size:11pt;text-align:center;margin:0 0 12pt;font-weight:normal}")
          .Append("table{width:100%;border-collapse:collapse;margin:8pt 0}td,th{border:0.6pt solid #333;padding:4pt;vertical-align:top}")
          .Append("th{background:#e8e8e8;text-align:left}.l{font-weight:bold;width:45%}.box{font-size:12pt}.sig{margin-top:18pt;border-top:0.6pt solid #333;padding-top:6pt}")
          .Append("header{font-size:8pt;color:#555;border-bottom:0.4pt solid #999;margin-bottom:10pt}footer{font-size:8pt;color:#555;margin-top:16pt;display:flex;justify-content:space-between;align-items:center}")
          .Append("</style></head><body>");
        sb.Append("<header>").Append(E(title + " — " + model.CandidateName)).Append("</header>");
        sb.Append("<h1>").Append(E(model.CertificateTitle)).Append("</h1><h2>Fiche individuelle de décision — Décision du jury paritaire</h2>");
        sb.Append("<table><tr><td class=\"l\">Nom et prénom du candidat</td><td>").Append(E(model.CandidateName)).Append("</td></tr>")
          .Append("<tr><td class=\"l\">Date du jury</td><td>").Append(model.JuryDate.ToString("dd/MM/yyyy", French)).Append("</td></tr>")
          .Append("<tr><td class=\"l\">Référence du dossier</td><td>").Append(E(model.DossierReference)).Append("</td></tr></table>");
        sb.Append("<table><tr><th style=\"width:63%\">Compétences</th><th>Résultat</th></tr>");
        var showValidity = model.Outcome == DecisionOutcome.PartiallyValidated;
        foreach (var c in model.Competences.OrderBy(c => c.Position))
        {
            sb.Append("<tr><td>Compétence ").Append(c.Position.ToString(French)).Append(" – ").Append(E(c.Title)).Append("</td><td class=\"box\">")
              .Append(Box(c.IsValidated)).Append(" Validée");
            if (showValidity && c.ValidUntil is { } until)
            {
                sb.Append(" <small>(valable jusqu'au ").Append(until.ToString("dd/MM/yyyy", French)).Append(")</small>");
            }

            sb.Append("<br>").Append(Box(!c.IsValidated)).Append(" Non validée</td></tr>");
        }

        sb.Append("</table><p class=\"box\">").Append(Box(model.Awarded)).Append(" CQP DÉLIVRÉ &nbsp;&nbsp; ").Append(Box(!model.Awarded)).Append(" NON DÉLIVRÉ</p>");
        sb.Append("<p><b>Commentaires :</b></p><p style=\"margin-left:10pt\">").Append(E(model.Comments ?? "Aucun commentaire.")).Append("</p>");
        if (!string.IsNullOrWhiteSpace(model.ObservationsAnswer))
        {
            sb.Append("<p style=\"margin-left:10pt\">Réponse du jury aux observations du candidat : ").Append(E(model.ObservationsAnswer)).Append("</p>");
        }

        sb.Append("<div class=\"sig\">Signature du Président du jury paritaire : ").Append(E(model.PresidentName))
          .Append(" — signé électroniquement le ").Append(model.SignedAt.ToString("dd/MM/yyyy 'à' HH:mm", French)).Append("</div>");
        sb.Append("<footer><div>Code de vérification : <b>").Append(E(model.Stamp.Code)).Append("</b><br>").Append(E(model.Stamp.Url)).Append("<br>Page 1 / 1</div>");
        sb.Append(QrLikeSvg(model.Stamp.Code)).Append("</footer></body></html>");
        return sb.ToString();
    }

    /// <summary>A 29×29 module grid derived from the code (same visual weight as the QR code of the PDF).</summary>
    private static string QrLikeSvg(string code)
    {
        var sb = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"70\" height=\"70\" viewBox=\"0 0 29 29\">");
        var seed = (uint)code.GetHashCode(StringComparison.Ordinal);
        for (var y = 0; y < 29; y++)
        {
            for (var x = 0; x < 29; x++)
            {
                seed = (seed * 1103515245) + 12345;
                if ((seed >> 16 & 1) == 1)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"1\" height=\"1\"/>");
                }
            }
        }

        return sb.Append("</svg>").ToString();
    }
}
