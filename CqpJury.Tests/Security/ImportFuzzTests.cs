using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CqpJury.App.Data;
using CqpJury.App.Services;
using CqpJury.App.Services.Dossiers;
using CqpJury.Tests.Integration.Dossiers;
using CqpJury.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CqpJury.Tests.Security;

/// <summary>
/// Issue 23: hostile import files, generated from the documented example by a seeded generator
/// (the same files on every run; <c>CQPJURY_FUZZ_SEED</c> tries others). Every file either imports
/// or is refused with French messages at JSON paths — never an unhandled exception — and a refused
/// file changes no row. All files go through one app, one database and one service scope, so the
/// run takes seconds.
/// </summary>
public sealed class ImportFuzzTests(ITestOutputHelper output) : IDisposable
{
    private const int Files = 2000;
    private const int DefaultSeed = 20261203;

    private static readonly string[] Tables =
        ["Dossiers", "Candidates", "Organisations", "CompetenceEvaluations", "GridElements", "ActivityPeriods", "EarlierValidations", "AuditEntries"];

    private readonly CqpJuryAppFactory _factory = new();

    [Fact]
    public async Task Thousands_of_malformed_files_never_crash_the_import_and_a_refused_file_changes_no_row()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CQPJURY_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var (email, _) = await _factory.CreateSecretariatAsync();
        await DossierTestData.AddEvaluatorsAsync(_factory);
        var generator = new HostileFiles(new Random(seed), ImportFiles.Example);
        var failures = new List<string>();
        var byMutation = new SortedDictionary<string, (int Refused, int Imported)>(StringComparer.Ordinal);
        var timeByMutation = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var longestMessage = 0;

        await _factory.AsUserAsync(email, async sp =>
        {
            var importer = sp.GetRequiredService<DossierImportService>();
            await using var db = await sp.GetRequiredService<IDbContextFactory<CqpJuryDbContext>>().CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            var rows = await CountRowsAsync(db);
            for (var i = 0; i < Files; i++)
            {
                var (mutation, file) = generator.Next();
                var outcome = byMutation.GetValueOrDefault(mutation);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    await importer.ImportAsync(file);
                    rows = await CountRowsAsync(db);
                    byMutation[mutation] = (outcome.Refused, outcome.Imported + 1);
                }
                catch (InputValidationException ex)
                {
                    byMutation[mutation] = (outcome.Refused + 1, outcome.Imported);
                    var after = await CountRowsAsync(db);
                    if (after != rows)
                    {
                        failures.Add($"#{i} {mutation}: refused but rows changed {rows} → {after}");
                    }

                    if (ex.Errors.Count == 0 || ex.Errors.Any(e => !e.Field.StartsWith('$') || string.IsNullOrWhiteSpace(e.Message)))
                    {
                        failures.Add($"#{i} {mutation}: an error without JSON path or message");
                    }

                    longestMessage = Math.Max(longestMessage, ex.Errors.Max(e => e.Message.Length));
                }
                catch (Exception ex)
                {
                    failures.Add($"#{i} {mutation}: {ex.GetType().Name}: {ex.Message} — file starts {Shorten(file)}");
                }

                timeByMutation[mutation] = timeByMutation.GetValueOrDefault(mutation) + System.Diagnostics.Stopwatch.GetElapsedTime(started);
            }
        });

        var refused = byMutation.Values.Sum(v => v.Refused);
        output.WriteLine($"seed {seed}: {Files} files, {refused} refused, {Files - refused} imported, longest message {longestMessage} characters");
        foreach (var (mutation, (r, i)) in byMutation)
        {
            output.WriteLine($"  {mutation,-28} refused {r,5}  imported {i,5}  {timeByMutation[mutation].TotalMilliseconds / (r + i),6:0.0} ms per file");
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
        Assert.True(refused >= Files * 3 / 4, $"only {refused} of {Files} files were refused: the generator no longer makes hostile files");
        Assert.True(longestMessage < 1000, $"a message of {longestMessage} characters echoes a hostile value whole");
    }

    /// <summary>The row count of every table an import writes, in one query (on a connection kept open).</summary>
    private static async Task<string> CountRowsAsync(CqpJuryDbContext db)
    {
        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT " + string.Join(", ", Tables.Select(t => $"(SELECT COUNT(*) FROM \"{t}\")"));
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return string.Join(",", Enumerable.Range(0, Tables.Length).Select(i => reader.GetInt64(i).ToString(CultureInfo.InvariantCulture)));
    }

    private static string Shorten(string file) => file.Length <= 200 ? file : file[..200] + "…";

    public void Dispose() => _factory.Dispose();

    /// <summary>
    /// Mutations of a valid file: truncations, wrong types, huge values, lone surrogates, deep
    /// nesting, duplicated and unknown keys, control characters, implausible dates, limits passed,
    /// broken syntax. Some mutations leave the file valid (it then imports, as it should).
    /// </summary>
    private sealed class HostileFiles(Random random, string example)
    {
        private static readonly string[] Dates = ["0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "1900-01-01", "2027-01-01", "26-10-15", "2026-10-15T00:00:00", ""];

        private static readonly string[] Texts =
        [
            "", " ", "\u0000", "Nom\u0000", "\u001b[31mrouge", "a\u202Eb", "<script>alert(1)</script>", "' OR 1=1 --", "\t\n", "\uFEFF", "😀👍🏽",
            "e\u0301", "../../etc/passwd", "%s%n", "null", "vae", "VAE", "acquis ", "C1 ", "c1", "CQP-af",
        ];

        private static readonly Func<HostileFiles, (string, string)>[] Mutations =
        [
            f => ("truncation", f.Truncate()),
            f => ("wrong type", Tree(f.ReplaceRandomValue(_ => f.OtherType()))),
            f => ("huge string", Tree(f.ReplaceRandomString(_ => new string('x', f.Pick(1_000, 50_000, 600_000))))),
            f => ("huge number", f.ReplaceFormatVersion(f.Pick("1e400", "-0", "99999999999999999999999", "1.0", "0x1", "NaN", "Infinity", "-1"))),
            f => ("lone surrogate", f.InsertInRandomString(f.Pick("\\udfff", "\\ud800", "\\udbff\\u0041", "\\ud800\\ud800"))),
            f => ("surrogate in a key", f.Example.Replace("\"route\"", f.Pick("\"\\udfffroute\"", "\"route\\ud800\""), StringComparison.Ordinal)),
            f => ("deep nesting", f.Nest(f.Pick(33, 64, 2_000))),
            f => ("duplicated key", f.DuplicateKey()),
            f => ("unknown or renamed key", Tree(f.RenameRandomKey())),
            f => ("missing key", Tree(f.RemoveRandomKey())),
            f => ("control or odd text", Tree(f.ReplaceRandomString(_ => f.Pick(Texts)))),
            f => ("implausible date", Tree(f.ReplaceRandomDate())),
            f => ("over a limit", Tree(f.OverLimit())),
            f => ("broken syntax", f.BreakSyntax()),
            f => ("random bytes", f.FlipCharacters()),
            f => ("empty containers", Tree(f.ReplaceRandomValue(_ => f.Pick<JsonNode?>(new JsonObject(), new JsonArray(), null)))),
        ];

        private readonly Random _random = random;

        private string Example { get; } = example;

        public (string Mutation, string File) Next() => Mutations[_random.Next(Mutations.Length)](this);

        private static string Tree(JsonNode root) => root.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        private T Pick<T>(params T[] values) => values[_random.Next(values.Length)];

        private string Truncate() => Example[.._random.Next(0, Example.Length)];

        private JsonNode? OtherType() => Pick<JsonNode?>(
            JsonValue.Create(_random.Next(-5, 5)), JsonValue.Create("texte"), JsonValue.Create(true), null,
            new JsonArray(JsonValue.Create(1)), new JsonObject { ["x"] = 1 }, JsonValue.Create(1.5));

        /// <summary>Every node of the tree with its parent and key (or index).</summary>
        private static List<(JsonNode? Node, JsonNode Parent, object Key)> Nodes(JsonNode root)
        {
            var found = new List<(JsonNode?, JsonNode, object)>();
            void Walk(JsonNode node)
            {
                if (node is JsonObject o)
                {
                    foreach (var (key, child) in o.ToList())
                    {
                        found.Add((child, o, key));
                        if (child is not null)
                        {
                            Walk(child);
                        }
                    }
                }
                else if (node is JsonArray a)
                {
                    for (var i = 0; i < a.Count; i++)
                    {
                        found.Add((a[i], a, i));
                        if (a[i] is { } child)
                        {
                            Walk(child);
                        }
                    }
                }
            }

            Walk(root);
            return found;
        }

        private static void Set(JsonNode parent, object key, JsonNode? value)
        {
            if (parent is JsonObject o)
            {
                o[(string)key] = value;
            }
            else
            {
                ((JsonArray)parent)[(int)key] = value;
            }
        }

        private JsonObject ReplaceRandomValue(Func<JsonNode?, JsonNode?> replacement)
        {
            var root = ImportFiles.ExampleTree();
            var (node, parent, key) = Pick([.. Nodes(root)]);
            Set(parent, key, replacement(node));
            return root;
        }

        private JsonObject ReplaceRandomString(Func<string, string> replacement)
        {
            var root = ImportFiles.ExampleTree();
            var strings = Nodes(root).Where(n => n.Node is JsonValue v && v.GetValueKind() == JsonValueKind.String).ToList();
            var (node, parent, key) = Pick([.. strings]);
            Set(parent, key, replacement(node!.GetValue<string>()));
            return root;
        }

        private JsonObject ReplaceRandomDate()
        {
            var root = ImportFiles.ExampleTree();
            var dates = Nodes(root).Where(n => n.Node is JsonValue v && v.GetValueKind() == JsonValueKind.String
                                               && DateOnly.TryParseExact(v.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)).ToList();
            var (_, parent, key) = Pick([.. dates]);
            Set(parent, key, Pick(Dates));
            return root;
        }

        private JsonObject RenameRandomKey()
        {
            var root = ImportFiles.ExampleTree();
            var (node, parent, key) = Pick([.. Nodes(root).Where(n => n.Parent is JsonObject)]);
            var o = (JsonObject)parent;
            o.Remove((string)key);
            o[Pick(((string)key).ToUpperInvariant(), (string)key + "s", "inconnu", "$schema", "__proto__")] = node;
            return root;
        }

        private JsonObject RemoveRandomKey()
        {
            var root = ImportFiles.ExampleTree();
            var (_, parent, key) = Pick([.. Nodes(root).Where(n => n.Parent is JsonObject)]);
            ((JsonObject)parent).Remove((string)key);
            return root;
        }

        private JsonObject OverLimit()
        {
            var root = ImportFiles.ExampleTree();
            var dossier = root["dossiers"]![_random.Next(2)]!.AsObject();
            switch (_random.Next(4))
            {
                case 0:
                    var elements = dossier["evaluations"]![0]!["elements"]!.AsArray();
                    var first = elements[0]!;
                    for (var i = 0; i < DossierLimits.ElementsPerCompetence + _random.Next(1, 2_000); i++)
                    {
                        elements.Add(first.DeepClone());
                    }

                    break;
                case 1:
                    dossier["candidateObservations"] = new string('o', DossierLimits.ObservationsMax + _random.Next(1, 10));
                    break;
                case 2:
                    var dossiers = root["dossiers"]!.AsArray();
                    for (var i = 0; i < DossierLimits.DossiersPerImport; i++)
                    {
                        dossiers.Add(dossiers[0]!.DeepClone());
                    }

                    break;
                default:
                    dossier["candidate"]!["lastName"] = new string('N', DossierLimits.NameMax + _random.Next(1, 10));
                    break;
            }

            return root;
        }

        private string ReplaceFormatVersion(string value) => Example.Replace("\"formatVersion\": 1", "\"formatVersion\": " + value, StringComparison.Ordinal);

        private string InsertInRandomString(string escape)
        {
            var quotes = new List<int>();
            for (var i = Example.IndexOf(": \"", StringComparison.Ordinal); i >= 0; i = Example.IndexOf(": \"", i + 1, StringComparison.Ordinal))
            {
                quotes.Add(i + 3);
            }

            var at = Pick([.. quotes]);
            return Example[..at] + escape + Example[at..];
        }

        private string Nest(int depth) => Example.Replace(
            "\"evaluations\": [",
            "\"evaluations\": " + new string('[', depth) + new string(']', depth) + ", \"x\": [",
            StringComparison.Ordinal);

        private string DuplicateKey()
        {
            var key = Pick("\"route\": \"vae\", ", "\"formatVersion\": 2, ", "\"lastName\": \"Autre\", ", "\"status\": \"non_acquis\", ", "\"dossiers\": [], ");
            var anchor = key.StartsWith("\"formatVersion\"", StringComparison.Ordinal) || key.StartsWith("\"dossiers\"", StringComparison.Ordinal)
                ? "\"formatVersion\": 1,"
                : Pick("\"route\": \"parcours\",", "\"lastName\": \"Exemple-Martin\",", "\"status\": \"acquis\" }");
            var at = Example.IndexOf(anchor, StringComparison.Ordinal);
            return at < 0 ? Example : Example[..at] + key + Example[at..];
        }

        private string BreakSyntax()
        {
            var at = _random.Next(Example.Length);
            var inserted = Pick(",", "}", "]", "\"", "\\", "{", ":", "//", "/*", "\u0000", "'", "\\u12", "\\x41");
            return _random.Next(2) == 0 ? Example[..at] + inserted + Example[at..] : Example.Remove(at, 1);
        }

        private string FlipCharacters()
        {
            var chars = Example.ToCharArray();
            for (var n = _random.Next(1, 8); n > 0; n--)
            {
                chars[_random.Next(chars.Length)] = (char)_random.Next(0, 0x3000);
            }

            return new StringBuilder().Append(chars).ToString();
        }
    }
}
