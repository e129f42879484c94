using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.App.Data.Entities;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

public sealed class RoomHeaderTests : MudBunitContext
{
    [Fact]
    public void The_header_shows_the_title_date_start_time_and_place_in_French()
    {
        var cut = Render<RoomHeader>(p => p.Add(x => x.View, ARoom(me: Alice)));

        Assert.Equal("Jury paritaire de juin", cut.Find("h1").Text());
        Assert.Contains("15/06/2026 à 09h30 · Lyon, salle B", cut.Text(), StringComparison.Ordinal);
        Assert.Contains("Session ouverte", cut.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void R9_the_header_names_the_president_and_marks_the_viewer_who_presides()
    {
        var cut = Render<RoomHeader>(p => p.Add(x => x.View, ARoom(me: Alice, president: Alice)));

        Assert.Equal("Président(e) de séance : Alice DURAND (vous)", cut.Find("[data-testid=president]").Text());
    }

    [Fact]
    public void R9_before_designation_the_president_is_to_be_designated()
    {
        var cut = Render<RoomHeader>(p => p.Add(x => x.View, ARoom(me: Bruno)));

        Assert.Equal("Président(e) de séance : à désigner", cut.Find("[data-testid=president]").Text());
    }

    [Fact]
    public void A_closed_session_is_announced_as_read_only()
    {
        var cut = Render<RoomHeader>(p => p.Add(x => x.View, ARoom(me: Bruno) with { Status = SessionStatus.Closed }));

        Assert.Contains("Session clôturée – lecture seule", cut.Find("[data-testid=session-closed]").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("Session ouverte", cut.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_video_link_opens_in_a_new_tab()
    {
        var cut = Render<RoomHeader>(p => p.Add(x => x.View, ARoom(me: Bruno) with { VideoLink = "https://visio.exemple.fr/jury" }));

        var link = cut.Find("a[href='https://visio.exemple.fr/jury']");
        Assert.Equal("Rejoindre la visioconférence", link.Text());
        Assert.Equal("_blank", link.GetAttribute("target"));
    }
}
