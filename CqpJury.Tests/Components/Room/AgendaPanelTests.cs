using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Mail;
using CqpJury.App.Services.Room;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

public sealed class AgendaPanelTests : MudBunitContext
{
    /// <summary>The agenda as the service builds it for Chloé, who declared a link with the first dossier.</summary>
    private static RoomView RoomSeenByAnExcludedMember(Guid? president = null) => ARoom(me: Chloe, president) with
    {
        Agenda =
        [
            new AgendaItemView(DossierOne, 1, "D-2026-001", "Dossier D-2026-001", CertificateTitle, AgendaItemStatus.Deliberating, IAmExcluded: true),
            new AgendaItemView(DossierTwo, 2, "D-2026-002", "Paul BERNARD (D-2026-002)", CertificateTitle, AgendaItemStatus.Pending, IAmExcluded: false),
        ],
    };

    [Fact]
    public void R10_2_an_excluded_members_line_shows_only_the_reference_and_that_they_do_not_take_part()
    {
        var cut = Render<AgendaPanel>(p => p.Add(x => x.View, RoomSeenByAnExcludedMember()));

        var line = cut.Find("li[data-dossier='D-2026-001']").Text();
        Assert.StartsWith("Dossier D-2026-001", line, StringComparison.Ordinal);
        Assert.Contains("vous ne participez pas", line, StringComparison.Ordinal);
        Assert.DoesNotContain(CandidateName, cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("vous ne participez pas", cut.Find("li[data-dossier='D-2026-002']").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_line_states_its_status_in_words_and_marks_the_current_dossier()
    {
        var room = ARoom(me: Alice) with
        {
            Agenda =
            [
                new AgendaItemView(DossierOne, 1, "D-2026-001", "A (D-2026-001)", CertificateTitle, AgendaItemStatus.DecisionSigned, false),
                new AgendaItemView(DossierTwo, 2, "D-2026-002", "B (D-2026-002)", CertificateTitle, AgendaItemStatus.Decided, false),
                new AgendaItemView(Guid.NewGuid(), 3, "D-2026-003", "C (D-2026-003)", CertificateTitle, AgendaItemStatus.Postponed, false),
                new AgendaItemView(Guid.NewGuid(), 4, "D-2026-004", "D (D-2026-004)", CertificateTitle, AgendaItemStatus.Pending, false),
            ],
            CurrentDossierId = DossierTwo,
        };

        var cut = Render<AgendaPanel>(p => p.Add(x => x.View, room));

        Assert.Contains("Décision signée", cut.Find("li[data-dossier='D-2026-001']").Text(), StringComparison.Ordinal);
        Assert.Contains("Décidé – signature attendue · en cours", cut.Find("li[data-dossier='D-2026-002']").Text(), StringComparison.Ordinal);
        Assert.Contains("Ajourné", cut.Find("li[data-dossier='D-2026-003']").Text(), StringComparison.Ordinal);
        Assert.Contains("À examiner", cut.Find("li[data-dossier='D-2026-004']").Text(), StringComparison.Ordinal);
        Assert.Single(cut.FindAll("li"), li => li.Text().Contains("en cours", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_president_can_put_a_dossier_on_screen_and_not_the_current_one()
    {
        var shown = new List<Guid>();
        var cut = Render<AgendaPanel>(p => p.Add(x => x.View, ARoom(me: Alice, president: Alice)).Add(x => x.OnPutOnScreen, id => shown.Add(id)));

        Assert.Empty(cut.FindAll("li[data-dossier='D-2026-001'] [data-testid=put-on-screen]"));
        var button = cut.Find("li[data-dossier='D-2026-002'] [data-testid=put-on-screen]");
        Assert.Equal("Mettre en délibération", button.Text());
        Assert.Equal("Mettre en délibération le dossier D-2026-002", button.GetAttribute("aria-label"));
        button.Click();

        Assert.Equal([DossierTwo], shown);
    }

    [Fact]
    public void R12_a_signed_or_postponed_dossier_is_never_offered_for_deliberation_nor_shown_as_current()
    {
        var room = ARoom(me: Alice, president: Alice) with
        {
            Agenda =
            [
                new AgendaItemView(DossierOne, 1, "D-2026-001", "A (D-2026-001)", CertificateTitle, AgendaItemStatus.DecisionSigned, false),
                new AgendaItemView(DossierTwo, 2, "D-2026-002", "B (D-2026-002)", CertificateTitle, AgendaItemStatus.Postponed, false),
                new AgendaItemView(Guid.NewGuid(), 3, "D-2026-003", "C (D-2026-003)", CertificateTitle, AgendaItemStatus.Pending, false),
            ],
            CurrentDossierId = DossierOne,
        };
        var viewed = new List<Guid>();

        var cut = Render<AgendaPanel>(p => p.Add(x => x.View, room).Add(x => x.OnView, id => viewed.Add(id)));

        Assert.Empty(cut.FindAll("li[data-dossier='D-2026-001'] [data-testid=put-on-screen]"));
        Assert.Empty(cut.FindAll("li[data-dossier='D-2026-002'] [data-testid=put-on-screen]"));
        Assert.Single(cut.FindAll("li[data-dossier='D-2026-003'] [data-testid=put-on-screen]"));
        Assert.DoesNotContain("en cours", cut.Find("li[data-dossier='D-2026-001']").Text(), StringComparison.Ordinal);
        cut.Find("li[data-dossier='D-2026-001'] button.room-agenda-button").Click(); // still shown for reading
        Assert.Equal([DossierOne], viewed);
    }

    [Fact]
    public void A_member_who_is_not_president_gets_no_president_actions()
    {
        var cut = Render<AgendaPanel>(p => p.Add(x => x.View, ARoom(me: Bruno, president: Alice)));

        Assert.Empty(cut.FindAll("[data-testid=put-on-screen]"));
        Assert.Empty(cut.FindAll("[data-testid=close-session]"));
        Assert.Empty(cut.FindAll("[data-testid=close-blockers]"));
    }

    [Fact]
    public void Clicking_a_line_asks_to_view_that_dossier()
    {
        var viewed = new List<Guid>();
        var cut = Render<AgendaPanel>(p => p.Add(x => x.View, ARoom(me: Bruno)).Add(x => x.OnView, id => viewed.Add(id)));

        cut.Find("li[data-dossier='D-2026-002'] button.room-agenda-button").Click();

        Assert.Equal([DossierTwo], viewed);
    }

    [Fact]
    public void The_president_cannot_close_while_a_dossier_is_neither_signed_nor_postponed()
    {
        var cut = Render<AgendaPanel>(p => p.Add(x => x.View, ARoom(me: Alice, president: Alice)));

        Assert.Empty(cut.FindAll("[data-testid=close-session]"));
        Assert.Equal("Clôture possible quand chaque dossier est signé ou ajourné.", cut.Find("[data-testid=close-blockers]").Text());
    }

    [Fact]
    public void The_president_can_close_once_nothing_blocks_closing()
    {
        var closed = 0;
        var room = ARoom(me: Alice, president: Alice) with { CloseBlockers = [] };
        var cut = Render<AgendaPanel>(p => p.Add(x => x.View, room).Add(x => x.PreviewClosing, Preview(1, 0)).Add(x => x.OnClose, () => closed++));

        var button = cut.Find("[data-testid=close-session]");
        Assert.Equal("Clôturer la session", button.Text());
        button.Click();
        Assert.Equal(0, closed); // a confirmation first
        cut.Find("[data-testid=confirm-close]").Click();

        Assert.Equal(1, closed);
        Assert.Empty(cut.FindAll("[data-testid=close-confirmation]"));
        Assert.Empty(cut.FindAll("[data-testid=close-blockers]"));
    }

    /// <summary>What closing sends for two dossiers: Paul Bernard by e-mail (and his employer), Chloé's dossier withheld (R10.2), Inès by hand.</summary>
    private static ClosingMailPreview MailPreview() => new(
    [
        new ClosingMailDossier(Guid.NewGuid(), "Paul BERNARD (D-2026-002)",
        [
            new ClosingMailRecipient("au candidat", "fiche de décision et certificat", "paul.bernard@exemple.org"),
            new ClosingMailRecipient("à l'employeur (Formavenir)", "fiche de décision", "rh@formavenir.exemple.org"),
        ], Withheld: false),
        new ClosingMailDossier(Guid.NewGuid(), "Dossier D-2026-001", [], Withheld: true),
        new ClosingMailDossier(Guid.NewGuid(), "Inès MOREL (D-2026-003)",
        [
            new ClosingMailRecipient("au candidat", "fiche de décision et attestation de validation partielle", null),
        ], Withheld: false),
    ]);

    [Fact]
    public void Closing_asks_first_listing_what_closing_does_and_Escape_or_Annuler_dismiss_it_with_nothing_done()
    {
        var closed = 0;
        var room = ARoom(me: Alice, president: Alice) with { CloseBlockers = [] };
        var preview = new ClosingPreview(["2 décisions signées : elles sont définitives ;", "Une ligne ajoutée par un autre service."], MailPreview());
        var cut = Render<AgendaPanel>(p => p.Add(x => x.View, room)
            .Add(x => x.PreviewClosing, () => Task.FromResult<ClosingPreview?>(preview))
            .Add(x => x.OnClose, () => closed++));

        cut.Find("[data-testid=close-session]").Click();
        var confirmation = cut.Find("[data-testid=close-confirmation]");
        Assert.Equal("alertdialog", confirmation.GetAttribute("role"));
        Assert.Equal("close-confirm-title", confirmation.GetAttribute("aria-labelledby"));
        Assert.Equal("Clôturer la session ?", cut.Find("#close-confirm-title").TextContent);
        Assert.Equal(preview.Lines, confirmation.QuerySelectorAll("#close-confirm-text li").Select(li => li.TextContent));
        Assert.Equal("true", cut.Find("[data-testid=close-session]").GetAttribute("aria-expanded"));

        // Issue 20: what is sent, to whom, at which address — a list per dossier, under its own heading, inside the dialog.
        var mail = confirmation.QuerySelector("[data-testid=closing-mail]")!;
        Assert.Equal("close-mail-title", mail.GetAttribute("aria-labelledby"));
        Assert.Equal("Envoi des décisions", cut.Find("#close-mail-title").TextContent);
        Assert.Equal("Dès la clôture, 2 messages partiront par courrier électronique ; 1 envoi est à remettre par courrier ou en main propre (aucune adresse électronique).",
            mail.QuerySelector("[data-testid=closing-mail-summary]")!.TextContent);
        var dossiers = mail.QuerySelectorAll("[data-testid=closing-mail-dossier]");
        Assert.Equal(3, dossiers.Length);
        Assert.Equal(
            [
                "au candidat : fiche de décision et certificat, par courriel à paul.bernard@exemple.org",
                "à l'employeur (Formavenir) : fiche de décision, par courriel à rh@formavenir.exemple.org",
            ],
            dossiers[0].QuerySelectorAll("ul > li").Select(li => li.TextContent));
        Assert.StartsWith("Paul BERNARD (D-2026-002)", dossiers[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal([ClosingMailPreview.WithheldText], dossiers[1].QuerySelectorAll("ul > li").Select(li => li.TextContent));
        var byHand = Assert.Single(dossiers[2].QuerySelectorAll("ul > li"));
        Assert.Equal("true", byHand.GetAttribute("data-by-hand"));
        Assert.Equal("au candidat : fiche de décision et attestation de validation partielle — à remettre par courrier ou en main propre", byHand.TextContent);

        confirmation.KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });
        Assert.Empty(cut.FindAll("[data-testid=close-confirmation]"));
        Assert.Equal("false", cut.Find("[data-testid=close-session]").GetAttribute("aria-expanded"));
        cut.Find("[data-testid=close-session]").Click();
        cut.Find("[data-testid=cancel-close]").Click();
        Assert.Empty(cut.FindAll("[data-testid=close-confirmation]"));
        Assert.Equal(0, closed);
    }

    [Fact]
    public void A_preview_the_server_refused_opens_no_confirmation_and_closes_nothing()
    {
        var closed = 0;
        var room = ARoom(me: Alice, president: Alice) with { CloseBlockers = [] };
        var cut = Render<AgendaPanel>(p => p.Add(x => x.View, room)
            .Add(x => x.PreviewClosing, () => Task.FromResult<ClosingPreview?>(null))
            .Add(x => x.OnClose, () => closed++));

        cut.Find("[data-testid=close-session]").Click();

        Assert.Empty(cut.FindAll("[data-testid=close-confirmation]"));
        Assert.Equal(0, closed);
    }

    [Fact]
    public void The_closing_preview_says_the_counts_the_documents_and_that_nothing_changes_after()
    {
        var lines = ClosingPreview.Of(signedDecisions: 5, postponedDossiers: 1).Lines;

        Assert.Equal("5 décisions signées : elles sont définitives ;", lines[0]);
        Assert.StartsWith("1 dossier ajourné ", lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("les documents officiels", StringComparison.Ordinal));
        Assert.Equal("plus aucune modification ne sera possible : la session passe en lecture seule pour tous les membres.", lines[^1]);
    }

    [Fact]
    public void A_closing_that_sends_nothing_shows_no_mail_section()
    {
        var room = ARoom(me: Alice, president: Alice) with { CloseBlockers = [] };
        var cut = Render<AgendaPanel>(p => p.Add(x => x.View, room).Add(x => x.PreviewClosing, () => Task.FromResult<ClosingPreview?>(ClosingPreview.Of(0, 2) with { Mail = new ClosingMailPreview([]) })));

        cut.Find("[data-testid=close-session]").Click();

        Assert.Single(cut.FindAll("[data-testid=close-confirmation]"));
        Assert.Empty(cut.FindAll("[data-testid=closing-mail]"));
    }

    [Fact]
    public void The_mail_summary_counts_in_French()
    {
        static ClosingMailRecipient To(string? email) => new("au candidat", "fiche de décision", email);
        static string Summary(params ClosingMailRecipient[] recipients) => new ClosingMailPreview([new ClosingMailDossier(Guid.NewGuid(), "X", recipients, false)]).Summary;

        Assert.Equal("Dès la clôture, 1 message partira par courrier électronique.", Summary(To("a@b.fr")));
        Assert.Equal("Dès la clôture, 2 messages partiront par courrier électronique ; 2 envois sont à remettre par courrier ou en main propre (aucune adresse électronique).",
            Summary(To("a@b.fr"), To("c@d.fr"), To(null), To(null)));
        Assert.Equal("Aucun message ne partira par courrier électronique ; 1 envoi est à remettre par courrier ou en main propre (aucune adresse électronique).", Summary(To(null)));
    }

    private static Func<Task<ClosingPreview?>> Preview(int signed, int postponed) => () => Task.FromResult<ClosingPreview?>(ClosingPreview.Of(signed, postponed));

    [Fact]
    public void A_closed_session_offers_no_president_action()
    {
        var room = ARoom(me: Alice, president: Alice) with { Status = SessionStatus.Closed, CloseBlockers = [] };

        var cut = Render<AgendaPanel>(p => p.Add(x => x.View, room));

        Assert.Empty(cut.FindAll("[data-testid=put-on-screen]"));
        Assert.Empty(cut.FindAll("[data-testid=close-session]"));
    }
}
