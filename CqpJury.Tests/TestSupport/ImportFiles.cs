using System.Text.Json.Nodes;
using CqpJury.App.Services.Dossiers;
using CqpJury.Tests.Integration.Dossiers;

namespace CqpJury.Tests.TestSupport;

/// <summary>Import files for tests, built from the documented example (docs/dossier-import.example.json).</summary>
internal static class ImportFiles
{
    private static readonly Lazy<string> ExampleText = new(() => File.ReadAllText(DossierTestData.DocsFile("dossier-import.example.json")));

    /// <summary>The documented example, as text.</summary>
    public static string Example => ExampleText.Value;

    /// <summary>The documented example, as a tree to change.</summary>
    public static JsonObject ExampleTree() => JsonNode.Parse(Example)!.AsObject();

    /// <summary>A file of one dossier: the example's <paramref name="index"/>-th, changed by <paramref name="change"/>.</summary>
    public static string OneDossier(int index, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var root = ExampleTree();
        var dossier = root["dossiers"]![index]!.AsObject();
        root["dossiers"] = new JsonArray(dossier.DeepClone());
        change(root["dossiers"]![0]!.AsObject());
        return root.ToJsonString();
    }

    /// <summary>
    /// The largest dossier the limits allow (docs/dossier-import.md, "Limites"): the example's VAE
    /// dossier with every competence evaluated, each grid at its element limit, every text at its
    /// length limit, the most activity periods, the longest observations.
    /// </summary>
    public static string Largest(IReadOnlyList<string> competenceCodes, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(competenceCodes);
        return OneDossier(1, d =>
        {
            d["candidate"]!["lastName"] = Text("Grand-Dossier", DossierLimits.NameMax);
            d["candidate"]!["firstName"] = Text("Maximilien", DossierLimits.NameMax);
            d["candidate"]!["postalAddress"] = new JsonObject
            {
                ["line1"] = Text("10 avenue de la Limite", DossierLimits.AddressLineMax),
                ["line2"] = Text("Résidence des Bornes", DossierLimits.AddressLineMax),
                ["postalCode"] = "13001",
                ["city"] = Text("Marseille", DossierLimits.CityMax),
            };
            d["candidateObservations"] = Text("Observation longue du candidat sur sa grille. ", DossierLimits.ObservationsMax);
            d["earlierValidations"] = new JsonArray();
            var admissibility = d["admissibility"]!.AsObject();
            var activities = new JsonArray();
            for (var i = 0; i < DossierLimits.Activities; i++)
            {
                var start = today.AddYears(-40).AddDays(i * 200);
                activities.Add(new JsonObject
                {
                    ["start"] = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ["end"] = start.AddDays(199).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    ["description"] = Text($"Période {i + 1} : conseil commercial en formation professionnelle ", DossierLimits.DescriptionMax),
                });
            }

            admissibility["activities"] = activities;
            var evaluations = new JsonArray();
            foreach (var code in competenceCodes)
            {
                var elements = new JsonArray();
                for (var j = 0; j < DossierLimits.ElementsPerCompetence; j++)
                {
                    elements.Add(new JsonObject
                    {
                        ["label"] = Text($"{code} élément {j + 1} : ", DossierLimits.LabelMax),
                        ["essential"] = j % 4 == 0,
                        ["status"] = "acquis",
                    });
                }

                evaluations.Add(new JsonObject { ["competenceCode"] = code, ["evaluatorsSayMastered"] = true, ["elements"] = elements });
            }

            d["evaluations"] = evaluations;
        });
    }

    /// <summary><paramref name="start"/> repeated up to exactly <paramref name="length"/> characters (no trailing space).</summary>
    public static string Text(string start, int length)
    {
        ArgumentNullException.ThrowIfNull(start);
        var text = string.Concat(Enumerable.Repeat(start, (length / start.Length) + 1))[..length];
        return text[^1] == ' ' ? text[..^1] + "x" : text;
    }
}
