using System.Globalization;
using CqpJury.App.Data.Entities;
using CqpJury.App.Services.Members;
using CqpJury.App.Services.Organisations;
using CqpJury.Domain.Common;
using CqpJury.Domain.Dossiers;
using CqpJury.Domain.Referential;
using Route = CqpJury.Domain.Dossiers.Route;

namespace CqpJury.App.Services.Dossiers;

/// <summary>
/// The one set of checks of a dossier, with its French messages: used by the creation form, the
/// detail page and the JSON import (and, for the number of documents, by the upload). It returns
/// every problem at once, each named by a <see cref="DossierFieldMap"/> (a form field or a JSON
/// path). Today comes from the <see cref="TimeProvider"/>. Domain rules (R2.1, R5.3 duration, R6)
/// are not checked here: they are completeness findings, computed by CqpJury.Domain.
/// </summary>
public sealed class DossierValidator(ReferentialCatalog catalog, TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>
    /// Every problem of <paramref name="draft"/>. A field in <paramref name="reported"/> (already
    /// reported by the import's JSON reader: wrong type, missing) gets no second message, and the
    /// checks that depend on it are skipped.
    /// </summary>
    public IReadOnlyList<FieldError> Validate(DossierDraft draft, DossierLookups lookups, DossierFieldMap map, IReadOnlySet<string>? reported = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(lookups);
        ArgumentNullException.ThrowIfNull(map);
        var run = new Run(map, reported ?? new HashSet<string>(), Today);
        run.Candidate(draft, lookups);
        var certificate = run.Certificate(catalog, draft.CertificateCode);
        if (draft.Route is not { } route || !Enum.IsDefined(route))
        {
            run.Error(new(DossierFieldKind.Route), "Choisissez le parcours du candidat.");
        }

        run.Organisation(draft.Employer, lookups, OrganisationKind.Employer);
        run.Organisation(draft.TrainingOrganisation, lookups, OrganisationKind.TrainingOrganisation);
        var overrideField = new DossierField(DossierFieldKind.EmployerContactEmailOverride);
        if (run.Email(overrideField, draft.EmployerContactEmailOverride, "L'adresse électronique de l'employeur pour ce dossier") is not null && draft.Employer is null)
        {
            run.Error(overrideField, "Choisissez l'entreprise avant d'indiquer l'adresse électronique à laquelle elle reçoit la décision.");
        }

        run.Evaluation(draft, lookups);
        run.Text(new(DossierFieldKind.CandidateObservations), draft.CandidateObservations, "Les observations du candidat", DossierLimits.ObservationsMax, multiline: true);
        if (draft.Route == Route.Vae && draft.Admissibility is { } admissibility)
        {
            run.Admissibility(admissibility);
        }

        if (certificate is not null)
        {
            run.Evaluations(draft.Evaluations, certificate);
            run.EarlierValidations(draft.EarlierValidations, certificate);
        }

        return run.Errors;
    }

    /// <summary>The limit on documents per dossier, checked before one more is stored.</summary>
    public static FieldError? DocumentCount(int alreadyStored, string field) =>
        alreadyStored >= DossierLimits.Documents
            ? new FieldError(field, $"Ce dossier compte déjà {alreadyStored} documents : {DossierLimits.Documents} au plus. Supprimez un document devenu inutile avant d'en ajouter un.")
            : null;

    /// <summary>"« value »", shortened: a message never echoes a whole hostile value.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        const int max = 60;
        var text = value.Length <= max ? value : value[..max] + "…";
        return $"« {Printable(text)} »";
    }

    /// <summary>The value with control characters and lone surrogates shown as U+XXXX (messages stay readable and valid text).</summary>
    private static string Printable(string text)
    {
        if (FirstForbidden(text, multiline: false) < 0)
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (IsForbiddenAt(text, i, multiline: false))
            {
                builder.Append("U+").Append(((int)text[i]).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Index of the first character refused in a text field, or -1: control characters (NUL, ESC…;
    /// line breaks and tabs allowed in multi-line fields), bidirectional overrides (which can make a
    /// name read differently than it is stored) and lone UTF-16 surrogates.
    /// </summary>
    internal static int FirstForbidden(string text, bool multiline)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsForbiddenAt(text, i, multiline))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsForbiddenAt(string text, int i, bool multiline)
    {
        var c = text[i];
        if (char.IsControl(c))
        {
            return !(multiline && c is '\n' or '\r' or '\t');
        }

        if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
        {
            return true;
        }

        if (char.IsHighSurrogate(c))
        {
            return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        }

        return char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1]));
    }

    /// <summary>One validation: the errors found so far and the channel's names.</summary>
    private sealed class Run(DossierFieldMap map, IReadOnlySet<string> reported, DateOnly today)
    {
        public List<FieldError> Errors { get; } = [];

        private DateOnly Oldest => today.AddYears(-DossierLimits.OldestEventYears);

        public bool IsReported(DossierField field) => reported.Contains(map.Name(field));

        public void Error(DossierField field, string message, string? location = null)
        {
            var name = map.Name(field);
            if (!IsCovered(name))
            {
                Errors.Add(new FieldError(name, map.Locate(location, message)));
            }
        }

        /// <summary>The field, or what holds it ("$.dossiers[0].evaluations[1]" for its ".competenceCode"), was reported already.</summary>
        private bool IsCovered(string name)
        {
            if (reported.Count == 0)
            {
                return false;
            }

            for (var path = name; path.Length > 0; path = path[..Math.Max(0, path.LastIndexOfAny(['.', '[']))])
            {
                if (reported.Contains(path))
                {
                    return true;
                }
            }

            return false;
        }

        public void Candidate(DossierDraft draft, DossierLookups lookups)
        {
            if (draft.Candidate is not { } c)
            {
                var field = new DossierField(DossierFieldKind.ExistingCandidate);
                if (draft.ExistingCandidateId is not { } id)
                {
                    Error(field, "Choisissez le candidat.");
                }
                else if (lookups.Candidate(id) is null)
                {
                    Error(field, "Ce candidat n'existe plus.");
                }

                return;
            }

            Text(new(DossierFieldKind.CandidateLastName), c.LastName, "Le nom du candidat", DossierLimits.NameMax, required: true);
            Text(new(DossierFieldKind.CandidateFirstName), c.FirstName, "Le prénom du candidat", DossierLimits.NameMax, required: true);
            if (c.BirthDate is { } born && (born >= today || born < today.AddYears(-DossierLimits.OldestBirthYears)))
            {
                Error(new(DossierFieldKind.CandidateBirthDate), "La date de naissance n'est pas plausible.");
            }

            Address(c.PostalAddress);
            var emailField = new DossierField(DossierFieldKind.CandidateEmail);
            if (Email(emailField, c.Email, "L'adresse électronique") is { } email
                && lookups.CandidateByEmail(email) is { } owner && owner.Id != draft.EditedCandidateId
                && !string.IsNullOrWhiteSpace(c.LastName) && !string.IsNullOrWhiteSpace(c.FirstName)
                && !(string.Equals(owner.LastName, c.LastName.Trim(), StringComparison.OrdinalIgnoreCase)
                     && string.Equals(owner.FirstName, c.FirstName.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                Error(emailField, $"L'adresse {Quote(email)} est déjà celle du candidat {owner.OfficialName} : vérifiez le nom ou l'adresse.");
            }
        }

        /// <summary>An address is optional; given, it has a first line, a postal code (5 digits in France) and a city.</summary>
        private void Address(PostalAddressInput? a)
        {
            if (a is null || (string.IsNullOrWhiteSpace(a.Line1) && string.IsNullOrWhiteSpace(a.Line2) && string.IsNullOrWhiteSpace(a.PostalCode)
                              && string.IsNullOrWhiteSpace(a.City) && PostalAddress.IsFrance(a.Country)))
            {
                return;
            }

            const string location = "Adresse postale du candidat";
            Text(new(DossierFieldKind.CandidateAddressLine1), a.Line1, "La première ligne (numéro et voie)", DossierLimits.AddressLineMax, required: true, location: location);
            Text(new(DossierFieldKind.CandidateAddressLine2), a.Line2, "La seconde ligne", DossierLimits.AddressLineMax, location: location);
            Text(new(DossierFieldKind.CandidateCity), a.City, "La commune", DossierLimits.CityMax, required: true, location: location);
            Text(new(DossierFieldKind.CandidateCountry), a.Country, "Le pays", DossierLimits.AddressLineMax, location: location);
            var codeField = new DossierField(DossierFieldKind.CandidatePostalCode);
            var code = a.PostalCode?.Trim() ?? string.Empty;
            if (code.Length == 0)
            {
                Error(codeField, "Le code postal est obligatoire.", location);
            }
            else if (PostalAddress.IsFrance(a.Country))
            {
                if (code.Length != 5 || !code.All(char.IsAsciiDigit))
                {
                    Error(codeField, $"Le code postal {Quote(code)} n'est pas valide : 5 chiffres attendus en France (par exemple 69003).", location);
                }
            }
            else
            {
                Text(codeField, code, "Le code postal", DossierLimits.PostalCodeMax, location: location);
            }
        }

        public CertificateDefinition? Certificate(ReferentialCatalog catalog, string? code)
        {
            var field = new DossierField(DossierFieldKind.CertificateCode);
            if (string.IsNullOrWhiteSpace(code))
            {
                Error(field, "Choisissez le CQP visé.");
                return null;
            }

            var certificate = catalog.Find(code.Trim());
            if (certificate is null)
            {
                Error(field, $"CQP inconnu : {Quote(code)}.");
            }

            return certificate;
        }

        public void Organisation(OrganisationDraft? draft, DossierLookups lookups, OrganisationKind kind)
        {
            if (draft is null)
            {
                return;
            }

            var employer = kind == OrganisationKind.Employer;
            if (draft.Id is { } id)
            {
                var found = lookups.Organisation(id);
                if (employer && found is null)
                {
                    Error(new(DossierFieldKind.Employer), "L'entreprise choisie n'existe plus.");
                }
                else if (!employer && found?.Kind != OrganisationKind.TrainingOrganisation)
                {
                    Error(new(DossierFieldKind.TrainingOrganisation), "L'organisme de formation choisi n'existe pas.");
                }

                return;
            }

            Text(new(employer ? DossierFieldKind.EmployerName : DossierFieldKind.TrainingOrganisationName), draft.Name,
                employer ? "Le nom de l'entreprise" : "Le nom de l'organisme de formation", DossierLimits.OrganisationNameMax, required: true);
            var siret = SiretNumber.Normalize(draft.Siret);
            if (siret is not null && (siret.Length != 14 || !siret.All(char.IsAsciiDigit)))
            {
                Error(new(employer ? DossierFieldKind.EmployerSiret : DossierFieldKind.TrainingOrganisationSiret), $"SIRET invalide {Quote(siret)} : 14 chiffres attendus.");
            }

            if (employer)
            {
                Email(new(DossierFieldKind.EmployerContactEmail), draft.ContactEmail, "L'adresse électronique de contact de l'entreprise");
            }
        }

        /// <summary>Evaluators exist with their role; signatures need an evaluator and a past evaluation date (R7).</summary>
        public void Evaluation(DossierDraft draft, DossierLookups lookups)
        {
            Evaluator(new(DossierFieldKind.SectorProfessional), draft.SectorProfessionalId, EvaluatorRole.SectorProfessional, lookups);
            Evaluator(new(DossierFieldKind.ExternalAssessor), draft.ExternalAssessorId, EvaluatorRole.ExternalAssessor, lookups);
            if (draft.SignedBySectorProfessional && draft.SectorProfessionalId is null && !IsReported(new(DossierFieldKind.SectorProfessional)))
            {
                Error(new(DossierFieldKind.SignedBySectorProfessional), "Désignez le professionnel du secteur avant d'indiquer qu'il a signé.");
            }

            if (draft.SignedByExternalAssessor && draft.ExternalAssessorId is null && !IsReported(new(DossierFieldKind.ExternalAssessor)))
            {
                Error(new(DossierFieldKind.SignedByExternalAssessor), "Désignez l'évaluateur externe avant d'indiquer qu'il a signé.");
            }

            var dateField = new DossierField(DossierFieldKind.EvaluationDate);
            if (draft.EvaluationDate is { } evaluated)
            {
                PastDate(dateField, evaluated, "La date de l'évaluation");
            }
            else if (draft.SignedBySectorProfessional || draft.SignedByExternalAssessor)
            {
                Error(dateField, "Indiquez la date de l'évaluation signée.");
            }
        }

        private void Evaluator(DossierField field, Guid? id, EvaluatorRole role, DossierLookups lookups)
        {
            if (id is not { } evaluatorId)
            {
                return;
            }

            var found = lookups.Evaluator(evaluatorId);
            if (found is null)
            {
                Error(field, "L'évaluateur choisi n'existe plus.");
            }
            else if (found.Role != role)
            {
                Error(field, $"{found.FullName} n'est pas enregistré(e) comme {role.ToFrench().ToLower(FrenchFormat.Culture)}.");
            }
        }

        public void Admissibility(AdmissibilityDraft a)
        {
            var requestField = new DossierField(DossierFieldKind.AdmissibilityRequestDate);
            if (a.RequestDate is { } requested)
            {
                PastDate(requestField, requested, "La date de la demande");
            }
            else if (a.Activities.Count > 0 || a.Accepted is not null)
            {
                Error(requestField, "Indiquez la date de la demande de recevabilité.");
            }

            if (a.Activities.Count > DossierLimits.Activities)
            {
                Error(new(DossierFieldKind.Activities),
                    $"Le dossier de recevabilité compte {a.Activities.Count} périodes d'activité : {DossierLimits.Activities} au plus. Regroupez les périodes d'une même activité.");
            }
            else
            {
                for (var i = 0; i < a.Activities.Count; i++)
                {
                    Activity(i, a.Activities[i]);
                }
            }

            if (a.Accepted is null)
            {
                return;
            }

            Text(new(DossierFieldKind.AdmissibilityReviewedBy), a.ReviewedBy, "Le nom de la personne qui a examiné la recevabilité", DossierLimits.ReviewerMax, required: true);
            var onField = new DossierField(DossierFieldKind.AdmissibilityReviewedOn);
            if (a.ReviewedOn is not { } on)
            {
                Error(onField, "Indiquez la date de l'examen de la recevabilité.");
            }
            else if (PastDate(onField, on, "La date de l'examen") && a.RequestDate is { } request && on < request)
            {
                Error(onField, "La recevabilité ne peut pas être examinée avant la date de la demande.");
            }
        }

        private void Activity(int i, ActivityPeriodInput a)
        {
            var location = $"Période d'activité n° {i + 1}";
            var startField = new DossierField(DossierFieldKind.ActivityStart, i);
            var endField = new DossierField(DossierFieldKind.ActivityEnd, i);
            if (a.Start is not { } start)
            {
                Error(startField, "La date de début est obligatoire.", location);
            }
            else if (!PastDate(startField, start, "La date de début", location))
            {
                start = default;
            }

            if (a.End is { } end)
            {
                var latest = today.AddYears(DossierLimits.LatestActivityEndYears);
                if (end < Oldest || end > latest)
                {
                    Error(endField, $"La date de fin n'est pas plausible : elle doit être comprise entre le {FrenchFormat.Date(Oldest)} et le {FrenchFormat.Date(latest)}.", location);
                }
                else if (a.Start is { } begun && end < begun)
                {
                    Error(endField, "La date de fin précède la date de début.", location);
                }
            }

            Text(new(DossierFieldKind.ActivityDescription, i), a.Description, "La description de l'activité exercée", DossierLimits.DescriptionMax,
                required: true, location: location, missing: "Décrivez l'activité exercée.");
        }

        public void Evaluations(IReadOnlyList<CompetenceEvaluationInput> evaluations, CertificateDefinition certificate)
        {
            var seen = new Dictionary<string, DossierField>(StringComparer.Ordinal);
            for (var i = 0; i < evaluations.Count; i++)
            {
                var evaluation = evaluations[i];
                var code = evaluation.CompetenceCode?.Trim() ?? string.Empty;
                var field = new DossierField(DossierFieldKind.EvaluationCompetence, i, Code: code);
                var competence = code.Length == 0 ? null : certificate.FindCompetence(code);
                if (competence is null)
                {
                    Error(field, code.Length == 0
                        ? "Indiquez le code de la compétence évaluée."
                        : $"La compétence {Quote(code)} n'appartient pas au {certificate.Title}.");
                    continue;
                }

                if (!seen.TryAdd(code, field))
                {
                    Error(field, $"La compétence « {code} » est déjà évaluée {map.Refer(seen[code], "plus haut")}.");
                    continue;
                }

                var location = competence.DisplayTitle(certificate.PositionOf(code));
                if (evaluation.Elements.Count > DossierLimits.ElementsPerCompetence)
                {
                    Error(field with { Kind = DossierFieldKind.EvaluationElements },
                        $"La grille compte {evaluation.Elements.Count} éléments de compétence : {DossierLimits.ElementsPerCompetence} au plus par compétence.", location);
                    continue;
                }

                for (var j = 0; j < evaluation.Elements.Count; j++)
                {
                    var element = evaluation.Elements[j];
                    var number = $"l'élément n° {j + 1}";
                    Text(field with { Kind = DossierFieldKind.ElementLabel, Item = j }, element.Label, "L'intitulé de " + number,
                        DossierLimits.LabelMax, required: true, location: location);
                    if (!Enum.IsDefined(element.Status))
                    {
                        Error(field with { Kind = DossierFieldKind.ElementStatus, Item = j }, $"Statut inconnu pour {number}.", location);
                    }
                }
            }
        }

        public void EarlierValidations(IReadOnlyList<EarlierValidationInput> validations, CertificateDefinition certificate)
        {
            var seen = new Dictionary<string, DossierField>(StringComparer.Ordinal);
            for (var i = 0; i < validations.Count; i++)
            {
                var v = validations[i];
                var location = $"Validation antérieure n° {i + 1}";
                var field = new DossierField(DossierFieldKind.EarlierValidationCompetence, i);
                var code = v.CompetenceCode?.Trim();
                if (string.IsNullOrEmpty(code))
                {
                    Error(field, "Choisissez la compétence.", location);
                }
                else if (certificate.FindCompetence(code) is null)
                {
                    Error(field, $"La compétence {Quote(code)} n'appartient pas au {certificate.Title}.", location);
                }
                else if (!seen.TryAdd(code, field))
                {
                    Error(field, $"La compétence « {code} » est déjà indiquée {map.Refer(seen[code], $"à la validation antérieure n° {seen[code].Index + 1}")}.", location);
                }

                var dateField = new DossierField(DossierFieldKind.EarlierValidationDate, i);
                if (v.ValidatedOn is not { } on)
                {
                    Error(dateField, "Indiquez la date de la décision du jury.", location);
                }
                else
                {
                    PastDate(dateField, on, "La date de validation", location);
                }
            }
        }

        /// <summary>A date of the dossier's past: not after today, not before <see cref="DossierLimits.OldestEventYears"/> years ago. False when refused.</summary>
        private bool PastDate(DossierField field, DateOnly value, string what, string? location = null)
        {
            if (value > today)
            {
                Error(field, $"{what} ne peut pas être postérieure à aujourd'hui ({FrenchFormat.Date(today)}).", location);
                return false;
            }

            if (value < Oldest)
            {
                Error(field, $"{what} n'est pas plausible : elle doit être comprise entre le {FrenchFormat.Date(Oldest)} et aujourd'hui ({DossierLimits.OldestEventYears} ans au plus).", location);
                return false;
            }

            return true;
        }

        /// <summary>Checks an optional e-mail address; returns it trimmed when valid.</summary>
        public string? Email(DossierField field, string? value, string label)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            var text = value.Trim();
            if (text.Length > DossierLimits.EmailMax)
            {
                Error(field, $"{label} ne doit pas dépasser {DossierLimits.EmailMax} caractères ({text.Length} saisis).");
                return null;
            }

            if (FirstForbidden(text, multiline: false) >= 0 || !EmailAddressRule.IsValid(text))
            {
                Error(field, "L'adresse électronique n'est pas valide.");
                return null;
            }

            return text;
        }

        /// <summary>A text field: required or not, at most <paramref name="max"/> characters (trimmed), no control character.</summary>
        public void Text(DossierField field, string? value, string label, int max, bool required = false, bool multiline = false,
            string? location = null, string? missing = null)
        {
            var plural = label.StartsWith("Les ", StringComparison.Ordinal);
            if (string.IsNullOrWhiteSpace(value))
            {
                if (required)
                {
                    Error(field, missing ?? $"{label} {(plural ? "sont obligatoires" : "est obligatoire")}.", location);
                }

                return;
            }

            var length = value.Trim().Length;
            if (length > max)
            {
                Error(field, $"{label} ne {(plural ? "doivent" : "doit")} pas dépasser {max.ToString("N0", FrenchFormat.Culture)} caractères ({length.ToString("N0", FrenchFormat.Culture)} saisis).", location);
            }
            else if (FirstForbidden(value, multiline) is var at and >= 0)
            {
                Error(field, $"{label} contient un caractère invisible non admis (U+{((int)value[at]).ToString("X4", CultureInfo.InvariantCulture)}, position {at + 1}) : retirez-le.", location);
            }
        }
    }
}
