using System.Text.Json;
using System.Text.Json.Serialization;

namespace CqpJury.Domain.Referential;

/// <summary>One problem found while loading a referential: where (a JSON path) and what (French).</summary>
public sealed record ReferentialError(string Path, string Message)
{
    public override string ToString() => $"{Path} : {Message}";
}

/// <summary>Either a referential or every error that prevented loading it.</summary>
public sealed record ReferentialLoadResult(CertificateReferential? Referential, IReadOnlyList<ReferentialError> Errors)
{
    public bool Succeeded => Referential is not null && Errors.Count == 0;
}

/// <summary>
/// Parses and validates the referential data file (R1, R1.1). The referential is data: a new CQP
/// is added by editing the file, not the code. The caller reads the file; this class does no I/O.
/// Every error is reported (not only the first) with its JSON path.
/// </summary>
public static class ReferentialLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static ReferentialLoadResult Parse(string json)
    {
        ReferentialFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ReferentialFile>(json, Options);
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
            return Fail(new ReferentialError(path, $"JSON invalide (ligne {(ex.LineNumber ?? 0) + 1}) : {ex.Message}"));
        }

        if (file is null)
        {
            return Fail(new ReferentialError("$", "Le fichier du référentiel est vide."));
        }

        var errors = new List<ReferentialError>();
        if (string.IsNullOrWhiteSpace(file.Version))
        {
            errors.Add(new("$.version", "La version du référentiel est obligatoire."));
        }

        var certificates = new List<CertificateDefinition>();
        var certificateFiles = file.Certificates ?? [];
        if (certificateFiles.Count == 0)
        {
            errors.Add(new("$.certificates", "Le référentiel ne définit aucun CQP."));
        }

        var seenCertificates = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < certificateFiles.Count; i++)
        {
            var certificate = ParseCertificate(certificateFiles[i], $"$.certificates[{i}]", seenCertificates, errors);
            if (certificate is not null)
            {
                certificates.Add(certificate);
            }
        }

        return errors.Count > 0
            ? new ReferentialLoadResult(null, errors)
            : new ReferentialLoadResult(new CertificateReferential(file.Version!.Trim(), certificates), []);
    }

    private static CertificateDefinition? ParseCertificate(
        CertificateFile? file, string path, HashSet<string> seenCodes, List<ReferentialError> errors)
    {
        if (file is null)
        {
            errors.Add(new(path, "Entrée vide."));
            return null;
        }

        var errorCount = errors.Count;
        var code = CheckHeading(file.Code, file.Title, path, seenCodes, errors, CertificateHeading);

        var rule = DecisionRule.Unanimity; // R11: the default, and the rule the source prescribes.
        if (!string.IsNullOrWhiteSpace(file.DecisionRule) && !TryParseRule(file.DecisionRule, out rule))
        {
            errors.Add(new($"{path}.decisionRule",
                $"Règle de décision inconnue « {file.DecisionRule} » (valeurs admises : Unanimity, AbsoluteMajority)."));
        }

        var competenceFiles = file.Competences ?? [];
        if (competenceFiles.Count == 0)
        {
            errors.Add(new($"{path}.competences", $"Le CQP « {code} » n'a aucune compétence."));
        }

        var competences = new List<Competence>();
        var seenCompetences = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var j = 0; j < competenceFiles.Count; j++)
        {
            var competence = ParseCompetence(competenceFiles[j], $"{path}.competences[{j}]", seenCompetences, errors);
            if (competence is not null)
            {
                competences.Add(competence);
            }
        }

        return errors.Count > errorCount ? null : new CertificateDefinition(code, file.Title!.Trim(), rule, competences);
    }

    private static Competence? ParseCompetence(
        CompetenceFile? file, string path, HashSet<string> seenCodes, List<ReferentialError> errors)
    {
        if (file is null)
        {
            errors.Add(new(path, "Entrée vide."));
            return null;
        }

        var errorCount = errors.Count;
        var code = CheckHeading(file.Code, file.Title, path, seenCodes, errors, CompetenceHeading);

        var elements = new List<CompetenceElementDefinition>();
        var elementFiles = file.Elements ?? [];
        for (var k = 0; k < elementFiles.Count; k++)
        {
            var element = elementFiles[k];
            if (element is null || string.IsNullOrWhiteSpace(element.Label))
            {
                errors.Add(new($"{path}.elements[{k}].label", "Le libellé de l'élément de compétence est obligatoire."));
                continue;
            }

            elements.Add(new CompetenceElementDefinition(element.Label.Trim(), element.IsEssential));
        }

        return errors.Count > errorCount ? null : new Competence(code, file.Title!.Trim(), elements);
    }

    /// <summary>What a certificate's or a competence's code and title are checked against, in French.</summary>
    private sealed record HeadingMessages(string CodeRequired, Func<string, string> Duplicate, string TitleRequired);

    private static readonly HeadingMessages CertificateHeading = new(
        "Le code du CQP est obligatoire.", code => $"Le code de CQP « {code} » est en double.", "L'intitulé du CQP est obligatoire.");

    private static readonly HeadingMessages CompetenceHeading = new(
        "Le code de la compétence est obligatoire.", code => $"Le code de compétence « {code} » est en double dans ce CQP.", "L'intitulé de la compétence est obligatoire.");

    /// <summary>The trimmed code; an error at <paramref name="path"/> for a missing or repeated code and for a missing title.</summary>
    private static string CheckHeading(string? rawCode, string? title, string path, HashSet<string> seenCodes, List<ReferentialError> errors, HeadingMessages messages)
    {
        var code = rawCode?.Trim() ?? string.Empty;
        if (code.Length == 0)
        {
            errors.Add(new($"{path}.code", messages.CodeRequired));
        }
        else if (!seenCodes.Add(code))
        {
            errors.Add(new($"{path}.code", messages.Duplicate(code)));
        }

        if (string.IsNullOrWhiteSpace(title))
        {
            errors.Add(new($"{path}.title", messages.TitleRequired));
        }

        return code;
    }

    /// <summary>Only the rule names themselves (not numbers nor comma lists that Enum.TryParse accepts).</summary>
    private static bool TryParseRule(string text, out DecisionRule rule)
    {
        foreach (var candidate in Enum.GetValues<DecisionRule>())
        {
            if (string.Equals(candidate.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                rule = candidate;
                return true;
            }
        }

        rule = DecisionRule.Unanimity;
        return false;
    }

    private static ReferentialLoadResult Fail(ReferentialError error) => new(null, [error]);

    private sealed class ReferentialFile
    {
        [JsonPropertyName("version")] public string? Version { get; set; }
        [JsonPropertyName("certificates")] public List<CertificateFile?>? Certificates { get; set; }
    }

    private sealed class CertificateFile
    {
        [JsonPropertyName("code")] public string? Code { get; set; }
        [JsonPropertyName("title")] public string? Title { get; set; }
        [JsonPropertyName("decisionRule")] public string? DecisionRule { get; set; }
        [JsonPropertyName("competences")] public List<CompetenceFile?>? Competences { get; set; }
    }

    private sealed class CompetenceFile
    {
        [JsonPropertyName("code")] public string? Code { get; set; }
        [JsonPropertyName("title")] public string? Title { get; set; }
        [JsonPropertyName("elements")] public List<ElementFile?>? Elements { get; set; }
    }

    private sealed class ElementFile
    {
        [JsonPropertyName("label")] public string? Label { get; set; }
        [JsonPropertyName("isEssential")] public bool IsEssential { get; set; }
    }
}
