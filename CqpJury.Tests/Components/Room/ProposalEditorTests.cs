using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.App.Services;
using CqpJury.Domain.Outcomes;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

public sealed class ProposalEditorTests : MudBunitContext
{
    private readonly List<Dictionary<string, bool>> _previews = [];

    /// <summary>A stand-in for the service (R4): awarded when every competence to decide is validated, partial when some are, else none.</summary>
    private Task<OutcomeResult> Preview(IReadOnlyDictionary<string, bool> validations)
    {
        _previews.Add(new Dictionary<string, bool>(validations, StringComparer.Ordinal));
        var validated = validations.Count(v => v.Value);
        var outcome = validated == 0 ? DecisionOutcome.NotValidated
            : validated == validations.Count ? DecisionOutcome.Awarded
            : DecisionOutcome.PartiallyValidated;
        return Task.FromResult(new OutcomeResult(outcome, []));
    }

    private IRenderedComponent<ProposalEditor> RenderEditor(IReadOnlyDictionary<string, bool>? current = null, Action<IReadOnlyDictionary<string, bool>>? onPropose = null) =>
        Render<ProposalEditor>(p => p
            .Add(x => x.Content, Content())
            .Add(x => x.Current, current)
            .Add(x => x.IsAmendment, current is not null)
            .Add(x => x.OnPreview, Preview)
            .Add(x => x.OnPropose, d => onPropose?.Invoke(new Dictionary<string, bool>(d, StringComparer.Ordinal))));

    private static bool IsChecked(IRenderedComponent<ProposalEditor> cut, string code) =>
        cut.Find($"[data-competence={code}] input[type=checkbox]").HasAttribute("checked");

    [Fact]
    public void While_a_proposal_is_on_its_way_the_submit_button_keeps_the_focus_and_ignores_another_click()
    {
        var proposed = 0;
        var cut = RenderEditor(onPropose: _ => proposed++);
        cut.Find("[data-testid=submit-proposal]").Click();
        Assert.Equal(1, proposed);

        cut.Render(p => p.Add(x => x.Busy, true));
        var busy = cut.Find("[data-testid=submit-proposal]");
        Assert.Equal("true", busy.GetAttribute("aria-disabled"));
        Assert.False(busy.HasAttribute("disabled")); // a disabled button would drop the keyboard focus
        busy.Click();
        Assert.Equal(1, proposed);

        cut.Render(p => p.Add(x => x.Busy, false));
        Assert.False(cut.Find("[data-testid=submit-proposal]").HasAttribute("aria-disabled"));
    }

    [Fact]
    public void R3_the_first_proposal_is_prefilled_with_every_validatable_competence_validated()
    {
        var cut = RenderEditor();

        Assert.True(IsChecked(cut, C1));
        Assert.False(IsChecked(cut, C2));
        Assert.True(IsChecked(cut, C4));
        Assert.Equal(new Dictionary<string, bool> { [C1] = true, [C2] = false, [C4] = true }, _previews.Last());
    }

    [Fact]
    public void R4_2_a_competence_held_from_an_earlier_jury_is_not_put_to_the_vote()
    {
        var cut = RenderEditor();

        Assert.Empty(cut.FindAll($"[data-competence={C3}]"));
        Assert.Equal(3, cut.FindAll("input[type=checkbox]").Count);
    }

    [Fact]
    public void R3_a_competence_the_evaluators_did_not_indicate_mastered_cannot_be_ticked_and_says_why()
    {
        var cut = RenderEditor();

        Assert.True(cut.Find($"[data-competence={C2}] input[type=checkbox]").IsDisabled());
        Assert.Equal("Compétence 2 validée – impossible : non indiquée maîtrisée (R3)", cut.Find($"[data-competence={C2}]").Text());
        Assert.False(cut.Find($"[data-competence={C1}] input[type=checkbox]").IsDisabled());
        Assert.Equal("Compétence 1 validée", cut.Find($"[data-competence={C1}]").Text());
    }

    [Fact]
    public void Each_check_box_is_named_by_its_label_and_shows_its_state()
    {
        var cut = RenderEditor();

        var box = cut.Find($"[data-competence={C4}] label");
        Assert.Equal("Compétence 4 validée", box.Text());
        Assert.True(box.QuerySelector("input[type=checkbox]")!.HasAttribute("checked"));

        cut.Find($"[data-competence={C4}] input[type=checkbox]").Change(false);

        Assert.False(cut.Find($"[data-competence={C4}] label input[type=checkbox]").HasAttribute("checked"));
        Assert.True(cut.Find($"[data-competence={C2}] label input[type=checkbox]").IsDisabled());
    }

    [Fact]
    public void R4_the_outcome_of_the_prefilled_proposal_is_shown()
    {
        var cut = RenderEditor();

        Assert.Equal("Résultat de cette proposition : Validation partielle", cut.Find("[data-testid=proposal-preview]").Text());
    }

    [Fact]
    public void R4_unticking_competences_previews_the_new_outcome()
    {
        var cut = RenderEditor();

        cut.Find($"[data-competence={C4}] input[type=checkbox]").Change(false);
        Assert.Equal(new Dictionary<string, bool> { [C1] = true, [C2] = false, [C4] = false }, _previews.Last());
        cut.Find($"[data-competence={C1}] input[type=checkbox]").Change(false);

        Assert.Equal(new Dictionary<string, bool> { [C1] = false, [C2] = false, [C4] = false }, _previews.Last());
        Assert.Equal("Résultat de cette proposition : Non validation", cut.Find("[data-testid=proposal-preview]").Text());
    }

    [Fact]
    public void Submitting_raises_the_proposal_as_ticked()
    {
        var proposed = new List<IReadOnlyDictionary<string, bool>>();
        var cut = RenderEditor(onPropose: proposed.Add);

        cut.Find($"[data-competence={C1}] input[type=checkbox]").Change(false);
        Assert.Equal("Soumettre au vote", cut.Find("[data-testid=submit-proposal]").Text());
        cut.Find("[data-testid=submit-proposal]").Click();

        var proposal = Assert.Single(proposed);
        Assert.Equal(new Dictionary<string, bool> { [C1] = false, [C2] = false, [C4] = true }, proposal);
    }

    [Fact]
    public void R11_an_amendment_starts_from_the_proposal_under_vote()
    {
        var cut = RenderEditor(current: PartialProposal());

        Assert.True(IsChecked(cut, C1));
        Assert.False(IsChecked(cut, C4));
        Assert.Equal("Modifier la proposition (nouveau tour de vote)", cut.Find("h4").Text());
        Assert.Equal("Soumettre la proposition modifiée", cut.Find("[data-testid=submit-proposal]").Text());
    }

    [Fact]
    public void R11_an_amendment_being_edited_survives_a_refresh_that_brings_the_same_proposal()
    {
        // Every vote reloads the room: the proposal under vote arrives again as a new, equal dictionary.
        var cut = RenderEditor(current: PartialProposal());
        cut.Find($"[data-competence={C4}] input[type=checkbox]").Change(true);

        cut.Render(p => p.Add(x => x.Current, PartialProposal()));

        Assert.True(IsChecked(cut, C4));
    }

    [Fact]
    public void R11_a_new_round_with_a_different_proposal_reseeds_the_editor()
    {
        var cut = RenderEditor(current: PartialProposal());

        cut.Render(p => p.Add(x => x.Current, new Dictionary<string, bool>(StringComparer.Ordinal) { [C1] = false, [C2] = false, [C4] = true }));

        Assert.False(IsChecked(cut, C1));
        Assert.True(IsChecked(cut, C4));
    }

    [Fact]
    public void A_refused_preview_hides_the_outcome_instead_of_failing()
    {
        var cut = Render<ProposalEditor>(p => p
            .Add(x => x.Content, Content())
            .Add(x => x.OnPreview, _ => Task.FromException<OutcomeResult>(new UserFacingException("Proposition impossible."))));

        Assert.Empty(cut.FindAll("[data-testid=proposal-preview]"));
    }
}
