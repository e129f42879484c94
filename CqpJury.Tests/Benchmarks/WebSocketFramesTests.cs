using System.Text;
using CqpJury.Benchmarks.Browser;
using CqpJury.Tests.EndToEnd.Infrastructure;
using Xunit.Abstractions;
using static CqpJury.Tests.EndToEnd.Infrastructure.Jury;
using static Microsoft.Playwright.Assertions;

namespace CqpJury.Tests.Benchmarks;

/// <summary>Figure 1h's reading of the pages' circuit frames: which frame is the click, which the other pages' batch.</summary>
public sealed class WebSocketFramesTests
{
    private static WebSocketFrame Sent(double ms, WebSocketFrameContent content = WebSocketFrameContent.Event) => new(ms, true, content);

    private static WebSocketFrame Received(double ms, WebSocketFrameContent content = WebSocketFrameContent.RenderBatch) => new(ms, false, content);

    [Fact]
    public void A_vote_runs_from_the_voters_first_event_frame_after_the_click_to_the_slowest_other_pages_next_batch()
    {
        WebSocketFrame[] voter = [Sent(90), Received(95), Sent(100.4, WebSocketFrameContent.Other), Sent(100.6), Sent(130)];
        WebSocketFrame[] first = [Received(99), Received(104, WebSocketFrameContent.Other), Received(112), Received(140)];
        WebSocketFrame[] second = [Received(125), Received(126)];

        // Date.now() 101 (whole ms): the event frame at 100.6 ms is the click's, not the one at 90 (the reason typed before).
        Assert.Equal(125 - 100.6, WebSocketFrames.Propagation(voter, 101, [first, second])!.Value, 6);
        Assert.Equal(112 - 100.6, WebSocketFrames.Propagation(voter, 101, [first])!.Value, 6);
    }

    [Fact]
    public void A_vote_whose_frames_are_missing_is_no_sample()
    {
        WebSocketFrame[] voter = [Sent(100)];
        Assert.Null(WebSocketFrames.Propagation(voter, 150, [[Received(160)]])); // no event frame after the click
        Assert.Null(WebSocketFrames.Propagation(voter, 100, [[Received(120)], [Received(90)]])); // one page got no batch after it
        Assert.Null(WebSocketFrames.Propagation(voter, 100, [[Received(120, WebSocketFrameContent.Other)]]));
    }

    [Fact]
    public void Frames_are_told_apart_by_the_hub_call_they_carry()
    {
        static string Binary(string text) => Convert.ToBase64String([0x95, 0x01, .. Encoding.UTF8.GetBytes(text), 0xC4, 0x02, 0x00, 0xFF]);
        Assert.Equal(WebSocketFrameContent.RenderBatch, WebSocketFrames.Classify(2, Binary("JS.RenderBatch")));
        Assert.Equal(WebSocketFrameContent.Event, WebSocketFrames.Classify(2, Binary("BeginInvokeDotNetFromJS\u00b2DispatchEventAsync")));
        Assert.Equal(WebSocketFrameContent.Other, WebSocketFrames.Classify(2, Binary("OnRenderCompleted")));
        Assert.Equal(WebSocketFrameContent.Other, WebSocketFrames.Classify(1, "{\"protocol\":\"blazorpack\",\"version\":1}\u001e"));
    }
}

/// <summary>
/// Figure 1h's frames read from a real chromium on the real app: a vote's click leaves the voter's page as an event frame
/// and reaches the four other pages as render batches, within what the pages themselves took to show it.
/// </summary>
[Collection(EndToEndGroup.Name)]
public sealed class WebSocketFramesEndToEndTests(BrowserFixture fixture, ITestOutputHelper output) : LiveJuryTest(fixture, output)
{
    [EndToEndFact]
    public async Task A_vote_is_seen_leaving_the_voters_page_and_reaching_every_other_page_before_their_screens_show_it()
    {
        await RunWithJuryAsync(nameof(A_vote_is_seen_leaving_the_voters_page_and_reaching_every_other_page_before_their_screens_show_it), simultaneously: false, async (jury, demo) =>
        {
            await RoomSteps.DesignatePresidentAsync(jury, demo, proposer: Amandine, president: Olivier);
            await RoomSteps.OpenVoteAsync(jury, demo.Dossier("Leroy"), president: Olivier);
            var voter = jury[Karim];
            var others = jury.All.Where(s => s != voter).ToList();
            await using var frames = await WebSocketFrames.AttachAsync([.. jury.All.Select(s => s.Page)], TimeSpan.FromSeconds(10));

            var clicked = await voter.Page.EvaluateAsync<double>("() => { const t = Date.now(); document.querySelector('[data-testid=vote-approve]').click(); return t; }");
            await Task.WhenAll(others.Select(s => Expect(s.TallyLine(voter.Member.FullName)).ToHaveAttributeAsync("data-vote", "Approved")));
            var shown = await voter.Page.EvaluateAsync<double>("() => Date.now()");

            var propagation = frames.Propagation(voter.Page, clicked, others.Select(s => s.Page));
            Log($"click → batches {propagation:0.0} ms, → screens ≤ {shown - clicked:0} ms; {frames}");
            Assert.NotNull(propagation);
            Assert.InRange(propagation.Value, 0.1, shown - clicked + 1);
            var click = frames.ClickFrameAt(voter.Page, clicked);
            Assert.NotNull(click);
            Assert.InRange(click.Value, clicked - 1, shown + 1); // the clock placed the click's frame between the click and the screens
            var clickMs = click.Value - frames.WallMinusMonotonicMs;
            Assert.All(others, s => Assert.Contains(frames.Of(s.Page), f => !f.Sent && f.Content == WebSocketFrameContent.RenderBatch && f.Ms > clickMs));
            Assert.DoesNotContain(frames.Of(others[0].Page), f => f.Sent && f.Content == WebSocketFrameContent.Event); // nobody else clicked
        });
    }
}
