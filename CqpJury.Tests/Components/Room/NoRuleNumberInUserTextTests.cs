using System.Text.RegularExpressions;
using Bunit;
using CqpJury.App.Components.Pages.Room;
using CqpJury.App.Services;
using CqpJury.App.Services.Room;
using CqpJury.Domain.Outcomes;
using CqpJury.Tests.TestSupport;
using static CqpJury.Tests.Components.Room.RoomViewBuilder;

namespace CqpJury.Tests.Components.Room;

/// <summary>
/// Issue 19: the rule numbers (R8, R10.1…) are the code's own numbering; no user reads them.
/// Two cheap checks besides the end-to-end page scan: the room's panels rendered with the test
/// data, and every piece of text a user can read in the sources (Razor markup, C# string
/// literals of the app and the domain). A literal that is exactly a rule id ("R10.1") is data
/// (a Finding's or a rule's RuleId) and stays.
/// </summary>
public sealed partial class NoRuleNumberInUserTextTests : MudBunitContext
{
    [GeneratedRegex(@"\bR\d+(\.\d+)?\b")]
    private static partial Regex RuleNumber();

    [Fact]
    public void The_room_panels_rendered_with_every_state_show_no_rule_number()
    {
        var room = ARoom(me: Alice, president: Alice);
        var texts = new List<string>
        {
            Render<PresencePanel>(p => p.Add(x => x.View, room)).Text(),
            Render<PresencePanel>(p => p.Add(x => x.View, room with { Members = [Member(Alice), Member(Bruno), Member(Chloe), Member(Emma)] })).Text(),
            Render<PresidencyPanel>(p => p.Add(x => x.View, ARoom(me: Bruno))).Text(),
            Render<PanelStatus>(p => p.Add(x => x.Panel, ValidPanel(chair: Alice)).Add(x => x.Room, room)).Text(),
            Render<PanelStatus>(p => p.Add(x => x.Panel, UnbalancedPanel(chair: Alice)).Add(x => x.Room, room)).Text(),
            Render<DossierPanel>(p => p.Add(x => x.Room, ARoom(me: Bruno)).Add(x => x.Dossier, Dossier(Participation.MustDeclare))).Text(),
            Render<DossierContentView>(p => p.Add(x => x.Content, Content())).Text(),
            Render<ProposalEditor>(p => p.Add(x => x.Content, Content()).Add(x => x.OnPreview, _ => Task.FromResult(new OutcomeResult(DecisionOutcome.Awarded, [])))).Text(),
            Render<DeliberationPanel>(p => p.Add(x => x.Room, room).Add(x => x.Dossier, Dossier(Participation.Participant, ValidPanel(chair: Alice), Voting(iAmChair: true)))).Text(),
            Render<DeliberationPanel>(p => p.Add(x => x.Room, room).Add(x => x.Dossier, Dossier(Participation.Participant, ValidPanel(chair: Alice), Decided(iAmChair: true)))).Text(),
            Render<OutcomeTable>(p => p.Add(x => x.Outcome, PartialOutcome()).Add(x => x.Content, Content())).Text(),
        };

        Assert.All(texts, t => Assert.DoesNotMatch(RuleNumber(), t));
        Assert.Contains(texts, t => t.Contains("Délibération et vote", StringComparison.Ordinal));
    }

    [Fact]
    public void No_razor_markup_or_string_literal_of_the_app_or_the_domain_shows_a_rule_number()
    {
        var root = RepositoryRoot();
        var offenders = new List<string>();
        foreach (var file in SourceFiles(root, "CqpJury.App", "*.razor").Concat(SourceFiles(root, "CqpJury.Domain", "*.razor")))
        {
            var markup = RazorComment().Replace(File.ReadAllText(file), string.Empty);
            var lines = markup.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].TrimStart();
                if (!line.StartsWith("//", StringComparison.Ordinal) && RuleNumber().IsMatch(StripRuleIdLiterals(line)))
                {
                    offenders.Add($"{Path.GetRelativePath(root, file)}: {line.Trim()}");
                }
            }
        }

        foreach (var file in SourceFiles(root, "CqpJury.App", "*.cs").Concat(SourceFiles(root, "CqpJury.Domain", "*.cs"))
                     .Where(f => !NotUserText.Contains(Path.GetFileName(f))))
        {
            foreach (var line in File.ReadLines(file).Select(l => l.TrimStart()).Where(l => !l.StartsWith("//", StringComparison.Ordinal) && !l.StartsWith('*') && !l.StartsWith("/*", StringComparison.Ordinal)))
            {
                foreach (Match literal in StringLiteral().Matches(line))
                {
                    var text = literal.Value[1..^1];
                    if (!ExactRuleId().IsMatch(text) && RuleNumber().IsMatch(text))
                    {
                        offenders.Add($"{Path.GetRelativePath(root, file)}: {line.Trim()}");
                    }
                }
            }
        }

        Assert.True(offenders.Count == 0, "Rule numbers in user-facing text:\n" + string.Join("\n", offenders));
    }

    /// <summary>
    /// Files whose literals no user reads: the database's own refusals raised by the finality
    /// triggers (English, for developers and logs; also baked into the migrations).
    /// </summary>
    private static readonly HashSet<string> NotUserText = new(StringComparer.Ordinal) { "FinalityTriggers.cs" };

    private static string StripRuleIdLiterals(string line) => StringLiteral().Replace(line, m => ExactRuleId().IsMatch(m.Value[1..^1]) ? "\"\"" : m.Value);

    private static IEnumerable<string> SourceFiles(string root, string project, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(root, project), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CqpJury.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CqpJury.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"^R\d+(\.\d+)?$")]
    private static partial Regex ExactRuleId();
}
