using CqpJury.Domain.Outcomes;
using CqpJury.Domain.Referential;
using CqpJury.Tests.TestSupport;

namespace CqpJury.Tests.Domain.Referential;

public class ShippedReferentialTests
{
    private const string AssistantCode = "CQP-AF";
    private const string ConseillerCode = "CQP-CCF";

    [Fact]
    public void R1_Shipped_referential_loads_without_error_and_has_a_version()
    {
        var result = ReferentialLoader.Parse(DossierBuilders.ShippedReferentialJson());

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        Assert.Empty(result.Errors);
        Assert.False(string.IsNullOrWhiteSpace(result.Referential!.Version));
    }

    [Fact]
    public void R1_Shipped_referential_defines_the_two_cqps_with_six_competences_each()
    {
        var referential = DossierBuilders.ShippedReferential();

        Assert.Equal(2, referential.Certificates.Count);
        Assert.Equal("CQP Assistant(e) de formation", referential.Get(AssistantCode).Title);
        Assert.Equal("CQP Conseiller(ère) commercial(e) en formation", referential.Get(ConseillerCode).Title);
        Assert.All(referential.Certificates, c => Assert.Equal(6, c.Competences.Count));
        Assert.All(referential.Certificates, c =>
            Assert.Equal(["C1", "C2", "C3", "C4", "C5", "C6"], c.Competences.Select(x => x.Code)));
    }

    [Fact]
    public void R1_Shipped_certificates_apply_the_unanimity_decision_rule()
    {
        var referential = DossierBuilders.ShippedReferential();

        Assert.All(referential.Certificates, c => Assert.Equal(DecisionRule.Unanimity, c.DecisionRule));
    }

    [Theory]
    [InlineData(AssistantCode, "C1", "Traiter les informations permettant le suivi administratif des prestations de formation")]
    [InlineData(AssistantCode, "C2", "Organiser son activité et la logistique des prestations de formation")]
    [InlineData(AssistantCode, "C3", "Accueillir, informer et réaliser le suivi de différents interlocuteurs (clients, apprenants, organismes financeurs, prescripteurs, entreprises)")]
    [InlineData(AssistantCode, "C4", "Traiter les aléas et les situations difficiles")]
    [InlineData(AssistantCode, "C5", "Rédiger des documents professionnels")]
    [InlineData(AssistantCode, "C6", "Coordonner des informations liées aux prestations de formation")]
    [InlineData(ConseillerCode, "C1", "Mettre en œuvre un plan d’actions commerciales et une prospection adaptée")]
    [InlineData(ConseillerCode, "C2", "Analyser les besoins en prestations de formation des clients")]
    [InlineData(ConseillerCode, "C3", "Elaborer une offre de formation et de services adaptée aux besoins identifiés et aux contraintes des clients en collaboration avec l’équipe pédagogique")]
    [InlineData(ConseillerCode, "C4", "Conseiller les clients sur les offres de son organisme de formation pour conclure la vente")]
    [InlineData(ConseillerCode, "C5", "Traiter les réclamations des clients et identifier les points d’amélioration")]
    [InlineData(ConseillerCode, "C6", "Communiquer avec différents interlocuteurs selon les canaux de communication appropriés en travail collaboratif")]
    public void R1_Shipped_competence_titles_are_verbatim_from_the_source(string certificateCode, string competenceCode, string title)
    {
        var certificate = DossierBuilders.ShippedReferential().Get(certificateCode);

        Assert.Equal(title, certificate.FindCompetence(competenceCode)?.Title);
    }

    [Fact]
    public void R1_Shipped_competences_keep_the_order_and_numbering_of_the_source()
    {
        var certificate = DossierBuilders.ShippedReferential().Get(AssistantCode);

        Assert.Equal(4, certificate.PositionOf("C4"));
        Assert.Equal(
            "Compétence 4 – Traiter les aléas et les situations difficiles",
            certificate.Competences[3].DisplayTitle(certificate.PositionOf("C4")));
    }

    [Fact]
    public void R1_Unknown_certificate_code_is_not_found_in_the_referential()
    {
        var referential = DossierBuilders.ShippedReferential();

        Assert.Null(referential.Find("CQP-INCONNU"));
        var ex = Assert.Throws<KeyNotFoundException>(() => referential.Get("CQP-INCONNU"));
        Assert.Contains("CQP inconnu dans le référentiel : CQP-INCONNU", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R1_Third_cqp_is_addable_by_data_alone_and_usable_by_the_outcome_calculator()
    {
        var result = ReferentialLoader.Parse(DossierBuilders.TestReferentialJson("three-certificates.json"));

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        var referential = result.Referential!;
        Assert.Equal(3, referential.Certificates.Count);
        Assert.Equal(["CQP-AF", "CQP-CCF", "CQP-FOR"], referential.Certificates.Select(c => c.Code));

        var third = referential.Get("CQP-FOR");
        Assert.Equal("CQP Formateur(trice) d’adultes en organisme de formation", third.Title);
        Assert.Equal(DecisionRule.AbsoluteMajority, third.DecisionRule);
        Assert.Equal(4, third.Competences.Count);

        var decisionDate = new DateOnly(2026, 11, 27);
        var all = OutcomeCalculator.Compute(third, ["C1", "C2", "C3", "C4"], [], decisionDate);
        Assert.Equal(DecisionOutcome.Awarded, all.Outcome);

        var some = OutcomeCalculator.Compute(third, ["C2"], [new CompetenceAcquisition("C1", new DateOnly(2024, 5, 2))], decisionDate);
        Assert.Equal(DecisionOutcome.PartiallyValidated, some.Outcome);
        Assert.Equal(CompetenceStanding.StillHeld, some.For("C1").Standing);
        Assert.Equal(CompetenceStanding.ValidatedNow, some.For("C2").Standing);
        Assert.Equal(CompetenceStanding.NotValidated, some.For("C4").Standing);

        Assert.Equal(
            ["C2", "C3", "C4"],
            OutcomeCalculator.CompetencesToDecide(third, [new CompetenceAcquisition("C1", new DateOnly(2024, 5, 2))], decisionDate)
                .Select(c => c.Code));
    }

    [Fact]
    public void R1_1_Competence_elements_listed_by_the_referential_are_loaded_with_their_essential_flag()
    {
        var third = ReferentialLoader.Parse(DossierBuilders.TestReferentialJson("three-certificates.json")).Referential!.Get("CQP-FOR");

        var elements = third.FindCompetence("C1")!.Elements;
        Assert.Equal(
            [
                new CompetenceElementDefinition("Analyser la demande de formation", true),
                new CompetenceElementDefinition("Rédiger les objectifs pédagogiques", true),
                new CompetenceElementDefinition("Choisir les modalités pédagogiques", false),
            ],
            elements);
    }

    [Fact]
    public void R1_1_Competence_elements_are_optional_in_the_referential()
    {
        var referential = DossierBuilders.ShippedReferential();

        Assert.All(referential.Certificates.SelectMany(c => c.Competences), c => Assert.Empty(c.Elements));
    }
}

public class ReferentialLoaderErrorTests
{
    private static string Cqp(string code, string title = "CQP X", string? decisionRule = "Unanimity", string? competences = null)
    {
        var rule = decisionRule is null ? string.Empty : $$""" "decisionRule": "{{decisionRule}}", """;
        competences ??= """{ "code": "C1", "title": "Compétence un" }, { "code": "C2", "title": "Compétence deux" }""";
        return $$"""{ "code": "{{code}}", "title": "{{title}}", {{rule}} "competences": [ {{competences}} ] }""";
    }

    private static string ReferentialFile(params string[] certificates) =>
        $$"""{ "version": "1", "certificates": [ {{string.Join(", ", certificates)}} ] }""";

    private static IReadOnlyList<ReferentialError> Errors(string json)
    {
        var result = ReferentialLoader.Parse(json);
        Assert.False(result.Succeeded);
        Assert.Null(result.Referential);
        return result.Errors;
    }

    private static void AssertError(IReadOnlyList<ReferentialError> errors, string path, string messageFragment) =>
        Assert.Contains(errors, e => e.Path == path && e.Message.Contains(messageFragment, StringComparison.Ordinal));

    [Fact]
    public void R1_A_well_formed_minimal_file_loads()
    {
        var result = ReferentialLoader.Parse(ReferentialFile(Cqp("CQP-A")));

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal("1", result.Referential!.Version);
        Assert.Equal(["C1", "C2"], result.Referential.Get("CQP-A").Competences.Select(c => c.Code));
    }

    [Fact]
    public void R1_Invalid_json_is_reported_with_its_path_and_line()
    {
        var errors = Errors("""
            { "version": "1",
              "certificates": [ { "code": "CQP-A", "title": } ] }
            """);

        var error = Assert.Single(errors);
        Assert.StartsWith("$.certificates[0]", error.Path, StringComparison.Ordinal);
        Assert.StartsWith("JSON invalide (ligne 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void R1_Json_null_is_reported_as_an_empty_file()
    {
        var error = Assert.Single(Errors("null"));

        Assert.Equal("$", error.Path);
        Assert.Equal("Le fichier du référentiel est vide.", error.Message);
    }

    [Fact]
    public void R1_Missing_version_is_reported()
    {
        var errors = Errors($$"""{ "certificates": [ {{Cqp("CQP-A")}} ] }""");

        var error = Assert.Single(errors);
        Assert.Equal("$.version", error.Path);
        Assert.Equal("La version du référentiel est obligatoire.", error.Message);
    }

    [Fact]
    public void R1_Blank_version_is_reported()
    {
        var errors = Errors($$"""{ "version": "  ", "certificates": [ {{Cqp("CQP-A")}} ] }""");

        AssertError(errors, "$.version", "La version du référentiel est obligatoire.");
    }

    [Fact]
    public void R1_Referential_without_any_cqp_is_reported()
    {
        var errors = Errors("""{ "version": "1", "certificates": [] }""");

        AssertError(errors, "$.certificates", "Le référentiel ne définit aucun CQP.");
    }

    [Fact]
    public void R1_Duplicate_certificate_codes_are_reported_at_the_second_occurrence()
    {
        var errors = Errors(ReferentialFile(Cqp("CQP-A"), Cqp("CQP-B"), Cqp("cqp-a")));

        var error = Assert.Single(errors);
        Assert.Equal("$.certificates[2].code", error.Path);
        Assert.Equal("Le code de CQP « cqp-a » est en double.", error.Message);
    }

    [Fact]
    public void R1_Duplicate_competence_codes_are_reported()
    {
        var errors = Errors(ReferentialFile(Cqp("CQP-A", competences:
            """{ "code": "C1", "title": "Un" }, { "code": "C2", "title": "Deux" }, { "code": "C1", "title": "Trois" }""")));

        var error = Assert.Single(errors);
        Assert.Equal("$.certificates[0].competences[2].code", error.Path);
        Assert.Equal("Le code de compétence « C1 » est en double dans ce CQP.", error.Message);
    }

    [Fact]
    public void R1_Same_competence_codes_in_two_different_cqps_are_allowed()
    {
        var result = ReferentialLoader.Parse(ReferentialFile(Cqp("CQP-A"), Cqp("CQP-B")));

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void R1_Cqp_without_competences_is_reported()
    {
        var errors = Errors(ReferentialFile(Cqp("CQP-A"), Cqp("CQP-VIDE", competences: string.Empty)));

        var error = Assert.Single(errors);
        Assert.Equal("$.certificates[1].competences", error.Path);
        Assert.Equal("Le CQP « CQP-VIDE » n'a aucune compétence.", error.Message);
    }

    [Fact]
    public void R1_Cqp_with_missing_competences_property_is_reported()
    {
        var errors = Errors("""{ "version": "1", "certificates": [ { "code": "CQP-A", "title": "CQP A" } ] }""");

        AssertError(errors, "$.certificates[0].competences", "n'a aucune compétence");
    }

    [Fact]
    public void R1_Empty_cqp_title_is_reported()
    {
        var errors = Errors(ReferentialFile(Cqp("CQP-A", title: " ")));

        var error = Assert.Single(errors);
        Assert.Equal("$.certificates[0].title", error.Path);
        Assert.Equal("L'intitulé du CQP est obligatoire.", error.Message);
    }

    [Fact]
    public void R1_Empty_competence_title_is_reported()
    {
        var errors = Errors(ReferentialFile(Cqp("CQP-A", competences:
            """{ "code": "C1", "title": "Un" }, { "code": "C2", "title": "" }""")));

        var error = Assert.Single(errors);
        Assert.Equal("$.certificates[0].competences[1].title", error.Path);
        Assert.Equal("L'intitulé de la compétence est obligatoire.", error.Message);
    }

    [Fact]
    public void R1_Missing_codes_are_reported()
    {
        var errors = Errors(ReferentialFile(
            """{ "title": "Sans code", "competences": [ { "title": "Compétence sans code" } ] }"""));

        AssertError(errors, "$.certificates[0].code", "Le code du CQP est obligatoire.");
        AssertError(errors, "$.certificates[0].competences[0].code", "Le code de la compétence est obligatoire.");
    }

    [Fact]
    public void R1_Unknown_decision_rule_is_reported()
    {
        var errors = Errors(ReferentialFile(Cqp("CQP-A", decisionRule: "Majorité")));

        var error = Assert.Single(errors);
        Assert.Equal("$.certificates[0].decisionRule", error.Path);
        Assert.Equal("Règle de décision inconnue « Majorité » (valeurs admises : Unanimity, AbsoluteMajority).", error.Message);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("Unanimity, AbsoluteMajority")]
    public void R1_Decision_rule_that_is_not_one_of_the_named_rules_is_reported(string text)
    {
        var errors = Errors(ReferentialFile(Cqp("CQP-A", decisionRule: text)));

        var error = Assert.Single(errors);
        Assert.Equal("$.certificates[0].decisionRule", error.Path);
        Assert.StartsWith($"Règle de décision inconnue « {text} »", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AbsoluteMajority", DecisionRule.AbsoluteMajority)]
    [InlineData("absolutemajority", DecisionRule.AbsoluteMajority)]
    [InlineData("Unanimity", DecisionRule.Unanimity)]
    public void R1_Decision_rule_is_read_from_the_data(string text, DecisionRule expected)
    {
        var result = ReferentialLoader.Parse(ReferentialFile(Cqp("CQP-A", decisionRule: text)));

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(expected, result.Referential!.Get("CQP-A").DecisionRule);
    }

    [Fact]
    public void R1_Missing_decision_rule_defaults_to_unanimity()
    {
        var result = ReferentialLoader.Parse(ReferentialFile(Cqp("CQP-A", decisionRule: null)));

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(DecisionRule.Unanimity, result.Referential!.Get("CQP-A").DecisionRule);
    }

    [Fact]
    public void R1_1_Element_without_label_is_reported()
    {
        var errors = Errors(ReferentialFile(Cqp("CQP-A", competences:
            """{ "code": "C1", "title": "Un", "elements": [ { "label": "Bon", "isEssential": true }, { "label": " " } ] }""")));

        var error = Assert.Single(errors);
        Assert.Equal("$.certificates[0].competences[0].elements[1].label", error.Path);
        Assert.Equal("Le libellé de l'élément de compétence est obligatoire.", error.Message);
    }

    [Fact]
    public void R1_Several_errors_are_reported_together_not_only_the_first()
    {
        var json = $$"""
            { "certificates": [
                {{Cqp("CQP-A", decisionRule: "Tirage")}},
                {{Cqp("CQP-A", title: "")}},
                {{Cqp("CQP-C", competences: """{ "code": "C1", "title": "Un" }, { "code": "C1", "title": "" }""")}},
                {{Cqp("CQP-D", competences: string.Empty)}}
            ] }
            """;

        var errors = Errors(json);

        AssertError(errors, "$.version", "La version du référentiel est obligatoire.");
        AssertError(errors, "$.certificates[0].decisionRule", "Règle de décision inconnue « Tirage »");
        AssertError(errors, "$.certificates[1].code", "Le code de CQP « CQP-A » est en double.");
        AssertError(errors, "$.certificates[1].title", "L'intitulé du CQP est obligatoire.");
        AssertError(errors, "$.certificates[2].competences[1].code", "Le code de compétence « C1 » est en double dans ce CQP.");
        AssertError(errors, "$.certificates[2].competences[1].title", "L'intitulé de la compétence est obligatoire.");
        AssertError(errors, "$.certificates[3].competences", "Le CQP « CQP-D » n'a aucune compétence.");
        Assert.Equal(7, errors.Count);
    }

    [Fact]
    public void R1_Error_text_shows_path_and_message()
    {
        var error = new ReferentialError("$.version", "La version du référentiel est obligatoire.");

        Assert.Equal("$.version : La version du référentiel est obligatoire.", error.ToString());
    }
}
