using Bunit;
using CqpJury.App.Components.Layout;
using CqpJury.App.Performance;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Components.Layout;

public sealed class NavMenuTests : MudBunitContext
{
    [Fact]
    public void A_jury_member_sees_the_sessions_link_and_no_secretariat_group()
    {
        var cut = Render<NavMenu>(p => p.Add(x => x.Path, "mes-sessions").Add(x => x.JuryMember, true));

        Assert.Equal("Navigation principale", cut.Find("nav").GetAttribute("aria-label"));
        Assert.Equal(["", "verifier", "mes-sessions"], cut.FindAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("Mes sessions de jury", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-cqp-navgroup-toggle]"));
    }

    [Fact]
    public void The_secretariat_sees_its_group_expanded_with_its_six_pages()
    {
        var cut = Render<NavMenu>(p => p.Add(x => x.Path, "").Add(x => x.Secretariat, true));

        var toggle = cut.Find("button[data-cqp-navgroup-toggle]");
        Assert.Equal("true", toggle.GetAttribute("aria-expanded"));
        Assert.Equal("Secrétariat (déplier ou replier)", toggle.GetAttribute("aria-label"));
        Assert.Equal("cqp-nav-secretariat", toggle.GetAttribute("aria-controls"));
        Assert.Equal(
            ["Sessions", "Candidats et dossiers", "Membres du jury", "Entreprises et organismes", "Évaluateurs", "Statistiques", "Conservation des données"],
            cut.FindAll("#cqp-nav-secretariat .mud-nav-link-text").Select(t => t.TextContent));
        Assert.DoesNotContain("Mes sessions de jury", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("verifier", "verifier")]
    [InlineData("verifier/ABCD-EFGH-JKLM", "verifier")]
    [InlineData("secretariat/sessions/2f1c0b7e-0000-0000-0000-000000000000/journal", "secretariat/sessions")]
    [InlineData("SECRETARIAT/MEMBRES", "secretariat/membres")]
    public void The_current_page_link_is_marked_like_NavLink_does(string path, string activeHref)
    {
        var cut = Render<NavMenu>(p => p.Add(x => x.Path, path).Add(x => x.Secretariat, true).Add(x => x.JuryMember, true));

        var active = cut.FindAll("a[aria-current=page]");
        var link = Assert.Single(active);
        Assert.Equal(activeHref, link.GetAttribute("href"));
        Assert.Contains("active", link.ClassList);
    }

    [Theory]
    [InlineData("mes-sessions-archives")]
    [InlineData("sessions/2f1c0b7e-0000-0000-0000-000000000000")]
    public void A_page_that_only_starts_like_a_link_marks_no_link(string path)
    {
        var cut = Render<NavMenu>(p => p.Add(x => x.Path, path).Add(x => x.JuryMember, true));

        Assert.Empty(cut.FindAll("a[aria-current]"));
        Assert.Empty(cut.FindAll("a.active"));
    }

    [Fact]
    public void The_theme_styles_are_built_once_with_the_app_palette_and_font()
    {
        var styles = ThemeStylesheet.StyleElements;

        Assert.Same(styles, ThemeStylesheet.StyleElements);
        Assert.Contains("<style class='mud-theme-provider'>", styles, StringComparison.Ordinal);
        Assert.Contains("--mud-palette-primary: rgba(31,78,121,1);", styles, StringComparison.Ordinal);
        Assert.Contains("--mud-palette-appbar-background: rgba(31,78,121,1);", styles, StringComparison.Ordinal);
        Assert.Contains("--mud-typography-default-family: system-ui, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif;", styles, StringComparison.Ordinal);
        Assert.Contains("--mud-native-html-color-scheme: light;", styles, StringComparison.Ordinal);
    }
}
