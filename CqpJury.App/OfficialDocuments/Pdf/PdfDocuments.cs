using CqpJury.App.OfficialDocuments.Pdf.Fonts;
using CqpJury.App.OfficialDocuments.Pdf.Rendering;
using CqpJury.App.OfficialDocuments.Signing;
using CqpJury.App.Services;
using CqpJury.Domain.Common;
using CqpJury.Domain.Juries;
using CqpJury.Domain.Outcomes;
using PdfSharp.Drawing;

namespace CqpJury.App.OfficialDocuments.Pdf;

/// <summary>
/// Renders the jury's official documents as A4 PDF (French, DejaVu Sans embedded, Unicode text so
/// that accents extract correctly). Pure: same model in, same layout out; thread-safe.
/// Every page carries the verification code, the verification address, a QR code of that address
/// and "Page n / N". With a <see cref="DocumentSeal"/> the document is signed with the organisation's certificate
/// (PAdES) and shows the signature's visible block where the president signs.
/// </summary>
public static class PdfDocuments
{
    /// <summary>Installs the embedded fonts for PDFsharp (process-wide, once; safe to call from anywhere, any thread).</summary>
    public static void EnsureFonts() => DocumentFontSetup.EnsureInstalled();

    /// <summary>The reason every signature gives: the jury's decision, its date and its president.</summary>
    public static string SealReason(DateOnly juryDate, string presidentName) =>
        $"Décision du jury paritaire du {FrenchFormat.Date(juryDate)} — présidence : {presidentName}";

    /// <summary>Fiche individuelle de décision (R14), laid out as the annex of the jury guide.</summary>
    public static byte[] DecisionSheet(DecisionSheetModel model, DocumentSeal? seal = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var title = model.CertificateTitle + " — Décision du jury paritaire";
        using var w = new DocumentWriter(
            new DocumentInfo(title, "Fiche individuelle de décision — " + model.CandidateName),
            model.Stamp,
            seal,
            runningHeader: title + " — " + model.CandidateName);
        var s = w.Style;

        DocumentTitle(w, model.CertificateTitle, "Fiche individuelle de décision", "Décision du jury paritaire");
        w.LabelValue("Nom et prénom du candidat", model.CandidateName);
        w.LabelValue("Date du jury", FrenchFormat.Date(model.JuryDate));
        w.LabelValue("Référence du dossier", model.DossierReference, valueFont: s.Body, after: 10);

        w.Table(
            [new TableColumn("Compétences", 63), new TableColumn("Résultat", 37)],
            model.Competences.OrderBy(c => c.Position).Select(c => (IReadOnlyList<ITableCell>)
            [
                new TextCell(CompetenceText.Label(c)),
                new CheckBoxesCell(
                [
                    new CheckBoxOption("Validée", c.IsValidated, CompetenceText.ValidityNote(c, model.Outcome)),
                    new CheckBoxOption("Non validée", !c.IsValidated),
                ]),
            ]));

        w.EnsureSpace(70);
        w.Space(4);
        w.InlineCheckBoxes([("CQP DÉLIVRÉ", model.Awarded), ("NON DÉLIVRÉ", !model.Awarded)]);
        w.LabelValue("Décision", model.Outcome.ToFrench(), after: 10);

        w.EnsureSpace(60);
        w.Paragraph("Commentaires :", s.BodyBold, after: 2);
        w.Paragraph(string.IsNullOrWhiteSpace(model.Comments) ? "Aucun commentaire." : model.Comments.Trim(), s.Body, indent: 10, after: 6);
        if (!string.IsNullOrWhiteSpace(model.ObservationsAnswer))
        {
            w.EnsureSpace(40);
            w.Paragraph("Réponse du jury aux observations du candidat : " + model.ObservationsAnswer.Trim(), s.Body, indent: 10, after: 6);
        }

        Signature(w, "Signature du Président du jury paritaire : " + model.PresidentName
            + " — signé électroniquement le " + FrenchTime.Format(model.SignedAt, "dd/MM/yyyy 'à' HH:mm"),
            SealReason(model.JuryDate, model.PresidentName));
        return w.Finish();
    }

    /// <summary>Procès-verbal de la session: members, president, and per dossier panel, recusals, stand-asides, outcome.</summary>
    public static byte[] SessionMinutes(SessionMinutesModel model, DocumentSeal? seal = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        // When the closing block would stand alone on the last page, the last dossier goes there with it.
        return SessionMinutes(model, seal, lastDossierOnNewPage: false) ?? SessionMinutes(model, seal, lastDossierOnNewPage: true)!;
    }

    private static byte[]? SessionMinutes(SessionMinutesModel model, DocumentSeal? seal, bool lastDossierOnNewPage)
    {
        const string title = "Procès-verbal de la session du jury paritaire";
        using var w = new DocumentWriter(
            new DocumentInfo(title + " — " + model.SessionTitle, "Procès-verbal — " + FrenchFormat.Date(model.Date)),
            model.Stamp,
            seal,
            runningHeader: title + " — " + model.SessionTitle + " — " + FrenchFormat.Date(model.Date));
        var s = w.Style;

        DocumentTitle(w, title, model.SessionTitle);
        w.LabelValue("Date", FrenchFormat.Date(model.Date));
        if (model.StartTime is { } start)
        {
            w.LabelValue("Heure", start.ToString("HH:mm", FrenchFormat.Culture));
        }

        if (!string.IsNullOrWhiteSpace(model.Place))
        {
            w.LabelValue("Lieu", model.Place);
        }

        if (!string.IsNullOrWhiteSpace(model.VideoLink))
        {
            w.LabelValue("Visioconférence", model.VideoLink, valueFont: s.Body);
        }

        w.LabelValue("Président du jury", model.PresidentName, after: 8);

        w.SectionHeading("Membres présents");
        w.Table(
            [new TableColumn("Nom", 40), new TableColumn("Siège", 35), new TableColumn("Rôle", 25)],
            model.MembersPresent.Select(m => (IReadOnlyList<ITableCell>)
            [
                new TextCell(m.Name),
                new TextCell(m.Seat.ToFrench()),
                new TextCell(m.IsPresident ? "Président du jury" : "Membre"),
            ]));

        w.SectionHeading(string.Concat("Dossiers examinés (", CompetenceText.Number(model.Dossiers.Count), ")"));
        foreach (var d in model.Dossiers)
        {
            if (lastDossierOnNewPage && ReferenceEquals(d, model.Dossiers[^1]))
            {
                w.PageBreak();
            }

            w.EnsureSpace(130);
            w.Paragraph("Dossier " + d.Reference + " — " + d.CandidateName, s.Heading, s.AccentBrush, after: 1);
            w.LabelValue("CQP", d.CertificateTitle, s.Small, s.Small, after: 0);
            w.LabelValue("Jury du dossier", Names(d.Panel), s.Small, s.Small, after: 0);
            w.LabelValue("Conflit d'intérêts (récusation)", Names(d.Recused), s.Small, s.Small, after: 0);
            w.LabelValue("Retrait pour parité", Names(d.StoodAside), s.Small, s.Small, after: d.EarlierPostponements is null ? 1 : 0);
            if (d.EarlierPostponements is { } earlier)
            {
                w.LabelValue("Antécédents", string.Join(" ; ", earlier), s.Small, s.Small, after: 1);
            }

            if (d.Postponed)
            {
                w.LabelValue("Ajourné", string.IsNullOrWhiteSpace(d.PostponementReason) ? "motif non précisé" : d.PostponementReason.Trim(), after: 4);
            }
            else
            {
                w.LabelValue("Décision", d.Outcome?.ToFrench() ?? "non rendue", after: 4);
            }

            if (d is { Competences.Count: > 0, Outcome: { } outcome })
            {
                w.Table(
                    [new TableColumn("Compétence", 59), new TableColumn("Résultat", 22), new TableColumn("Valable jusqu'au", 19)],
                    d.Competences.OrderBy(c => c.Position).Select(c => (IReadOnlyList<ITableCell>)
                    [
                        new TextCell(CompetenceText.Label(c), s.Small),
                        new TextCell(CompetenceText.ShortResult(c), c.IsValidated ? s.SmallBold : s.Small),
                        new TextCell(CompetenceText.ValidUntil(c, outcome), s.Small),
                    ]),
                    pad: 3);
            }

            w.Space(6);
        }

        var pages = w.PageCount;
        Signature(w, "Clôturée le " + FrenchTime.Format(model.ClosedAt, "dd/MM/yyyy 'à' HH:mm")
            + " — Signature du président : " + model.PresidentName,
            SealReason(model.Date, model.PresidentName));
        if (model.JournalAnchor is { } anchor)
        {
            w.Paragraph(anchor, s.Small, after: 0); // R16: the journal's head at closing anchors the electronic journal
        }

        return w.PageCount > pages && model.Dossiers.Count > 0 && !lastDossierOnNewPage ? null : w.Finish();
    }

    /// <summary>Feuille d'émargement: each convened member, seat, presence and time of arrival (Paris time).</summary>
    public static byte[] AttendanceSheet(AttendanceSheetModel model, DocumentSeal? seal = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        const string title = "Feuille d'émargement";
        using var w = new DocumentWriter(
            new DocumentInfo(title + " — " + model.SessionTitle, title + " — " + FrenchFormat.Date(model.Date)),
            model.Stamp,
            seal,
            runningHeader: title + " — " + model.SessionTitle + " — " + FrenchFormat.Date(model.Date));

        DocumentTitle(w, title, "Session du jury paritaire");
        w.LabelValue("Session", model.SessionTitle);
        w.LabelValue("Date", FrenchFormat.Date(model.Date));
        if (!string.IsNullOrWhiteSpace(model.Place))
        {
            w.LabelValue("Lieu", model.Place);
        }

        w.LabelValue("Président du jury", model.PresidentName, after: 10);
        w.Table(
            [new TableColumn("Nom", 36), new TableColumn("Siège", 26), new TableColumn("Présence", 18), new TableColumn("Heure d'arrivée", 20)],
            model.Members.Select(m => (IReadOnlyList<ITableCell>)
            [
                new TextCell(m.Name),
                new TextCell(m.Seat.ToFrench()),
                new TextCell(m.Present ? "Présent(e)" : "Absent(e)", m.Present ? w.Style.BodyBold : w.Style.Body),
                new TextCell(m.Present && m.FirstJoinedAt is { } at ? FrenchTime.Format(at, "HH:mm") : "—"),
            ]));

        var present = model.Members.Count(m => m.Present);
        w.Paragraph(string.Concat(CompetenceText.Number(present), " membre(s) présent(s) sur ", CompetenceText.Number(model.Members.Count), " convoqué(s). Heures d'arrivée en heure de Paris, enregistrées par l'application lors de la connexion à la session."),
            w.Style.Small, w.Style.MutedBrush, after: 10);
        w.SealBlock(SealReason(model.Date, model.PresidentName), w.ContentWidth);
        return w.Finish();
    }

    /// <summary>Certificate of an awarded CQP (R15), landscape, ready to print.</summary>
    public static byte[] Certificate(CertificateModel model, DocumentSeal? seal = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var w = new DocumentWriter(
            new DocumentInfo("Certificat de Qualification Professionnelle — " + model.CertificateTitle, "Certificat délivré à " + model.CandidateName),
            model.Stamp,
            seal,
            landscape: true,
            decoratePage: DrawCertificateFrame,
            margin: 62);
        var s = w.Style;
        // A sealed certificate keeps to one page: the president and the signature's block side by side, less air above.
        var isSealed = seal is not null;
        w.Space(isSealed ? 8 : 14);
        w.Paragraph("Certificat de Qualification Professionnelle", DocumentStyle.Font(25, bold: true), s.AccentBrush, centered: true, after: 4);
        w.Paragraph(model.CertificateTitle, DocumentStyle.Font(18, bold: true), s.InkBrush, centered: true, after: isSealed ? 16 : 22);
        w.Paragraph("délivré à", DocumentStyle.Font(12, bold: false), s.MutedBrush, centered: true, after: 4);
        w.Paragraph(model.CandidateName, DocumentStyle.Font(24, bold: true), s.InkBrush, centered: true, after: 4);
        if (model.BirthDate is { } born)
        {
            w.Paragraph("né(e) le " + FrenchFormat.Date(born), DocumentStyle.Font(11, bold: false), s.InkBrush, centered: true, after: 4);
        }

        w.Paragraph("par décision du jury paritaire du " + FrenchFormat.Date(model.JuryDate), DocumentStyle.Font(12, bold: false), s.InkBrush, centered: true, after: isSealed ? 14 : 20);
        w.Paragraph("Compétences certifiées", s.BodyBold, s.AccentBrush, centered: true, after: 5);
        var competenceFont = DocumentStyle.Font(9.5, bold: false);
        foreach (var c in model.Competences.OrderBy(c => c.Position))
        {
            w.Paragraph(CompetenceText.Label(c), competenceFont, s.InkBrush, indent: 45, rightIndent: 45, after: 2.5);
        }

        w.Space(isSealed ? 10 : 16);
        var reason = SealReason(model.JuryDate, model.PresidentName);
        const double sealWidth = 430;
        const double presidentHeight = 34;
        var block = w.SealBlockHeight(reason, sealWidth);
        var row = Math.Max(presidentHeight, block);
        w.EnsureSpace(row);
        var top = w.Y;
        var presidentRight = isSealed ? sealWidth + 20 : 0;
        w.Y = top + ((row - presidentHeight) / 2);
        w.Paragraph("Le Président du jury paritaire", s.Body, s.MutedBrush, centered: true, after: 1, rightIndent: presidentRight);
        w.Paragraph(model.PresidentName, s.Heading, s.InkBrush, centered: true, after: 0, rightIndent: presidentRight);
        w.Y = top;
        w.SealBlock(reason, sealWidth, alignRight: true);
        return w.Finish();
    }

    /// <summary>Attestation of a partial validation (R4.1, R4.2): validated competences and their end of validity.</summary>
    public static byte[] PartialAttestation(PartialAttestationModel model, DocumentSeal? seal = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        const string title = "Attestation de validation partielle";
        using var w = new DocumentWriter(
            new DocumentInfo(title + " — " + model.CertificateTitle, title + " — " + model.CandidateName),
            model.Stamp,
            seal,
            runningHeader: title + " — " + model.CandidateName);
        var s = w.Style;

        DocumentTitle(w, title, model.CertificateTitle);
        w.LabelValue("Nom et prénom du candidat", model.CandidateName);
        if (model.BirthDate is { } born)
        {
            w.LabelValue("Date de naissance", FrenchFormat.Date(born), valueFont: s.Body);
        }

        w.LabelValue("Date du jury", FrenchFormat.Date(model.JuryDate), after: 10);
        w.Paragraph("Le jury paritaire réuni le " + FrenchFormat.Date(model.JuryDate) + " a validé les compétences suivantes du "
            + model.CertificateTitle + " :", s.Body, after: 6);
        w.Table(
            [new TableColumn("Compétence validée", 72), new TableColumn("Valable jusqu'au", 28)],
            model.ValidatedCompetences.OrderBy(c => c.Position).Select(c => (IReadOnlyList<ITableCell>)
            [
                new TextCell(c.Standing == CompetenceStanding.StillHeld ? CompetenceText.Label(c) + " (décision antérieure)" : CompetenceText.Label(c)),
                new TextCell(c.ValidUntil is { } until ? FrenchFormat.Date(until) : "—", s.BodyBold),
            ]));

        w.Paragraph("Le candidat garde le bénéfice des compétences validées durant cinq ans à compter de la date à laquelle la décision du jury a été prise, soit jusqu'à la date indiquée pour chacune d'elles.", s.Body, after: 4);
        w.Paragraph("Il peut acquérir les compétences non validées en suivant une action de formation ou en complétant son expérience professionnelle en entreprise ; il sera alors évalué, selon les modalités d'évaluation prévues pour le CQP, uniquement sur les compétences n'ayant pas été validées par le jury.", s.Body, after: 10);
        Signature(w, "Le Président du jury paritaire : " + model.PresidentName, SealReason(model.JuryDate, model.PresidentName));
        return w.Finish();
    }

    private static void DocumentTitle(DocumentWriter w, string title, string subtitle, string? secondTitle = null)
    {
        var s = w.Style;
        w.Gfx.DrawRectangle(s.AccentBrush, w.Left, w.Y, w.ContentWidth, 3);
        w.Space(12);
        w.Paragraph(title, s.Title, s.AccentBrush, centered: true, after: 1);
        if (secondTitle is not null)
        {
            w.Paragraph(secondTitle, s.Title, s.AccentBrush, centered: true, after: 1);
        }

        w.Paragraph(subtitle, s.Body, s.MutedBrush, centered: true, after: 6);
        w.Gfx.DrawLine(s.RulePen, w.Left, w.Y, w.Right, w.Y);
        w.Space(12);
    }

    /// <summary>The president's line and, under it on the same page, the visible block of the document's signature.</summary>
    private static void Signature(DocumentWriter w, string text, string reason)
    {
        var block = w.SealBlockHeight(reason, w.ContentWidth);
        w.EnsureSpace(16 + w.TextHeight(text, w.Style.BodyBold, w.ContentWidth) + (block > 0 ? block + 8 : 0));
        w.Space(8);
        w.Gfx.DrawLine(w.Style.RulePen, w.Left, w.Y, w.Right, w.Y);
        w.Space(8);
        w.Paragraph(text, w.Style.BodyBold, after: block > 0 ? 8 : 0);
        w.SealBlock(reason, w.ContentWidth);
    }

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "aucun" : string.Join(", ", names);

    private static void DrawCertificateFrame(XGraphics g, DocumentWriter w)
    {
        var s = w.Style;
        g.DrawRectangle(new XPen(DocumentStyle.Accent, 2.5), 22, 22, w.PageWidth - 44, w.PageHeight - 44);
        g.DrawRectangle(new XPen(DocumentStyle.Accent, 0.7), 28, 28, w.PageWidth - 56, w.PageHeight - 56);
        g.DrawRectangle(s.AccentBrush, (w.PageWidth / 2) - 60, 28, 120, 3);
    }
}
