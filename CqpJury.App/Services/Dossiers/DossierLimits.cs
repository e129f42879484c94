namespace CqpJury.App.Services.Dossiers;

/// <summary>
/// What one dossier may hold (issue 26: a 40,000-element grid once took the server to 8.8 GB).
/// Each limit is well above what a real dossier needs (a CQP's grid has a handful of elements per
/// competence) and is enforced by <see cref="DossierValidator"/> for the form, the import and the
/// documents, with a French message that names it. docs/dossier-import.md lists them.
/// </summary>
public static class DossierLimits
{
    /// <summary>Names and first names (candidate, evaluator).</summary>
    public const int NameMax = 100;

    /// <summary>E-mail addresses (RFC 5321 allows 254; 200 is what the database columns hold).</summary>
    public const int EmailMax = 200;

    /// <summary>The candidate's observations (R13).</summary>
    public const int ObservationsMax = 8000;

    /// <summary>An element of competence's label.</summary>
    public const int LabelMax = 500;

    /// <summary>An activity period's description (R5.3).</summary>
    public const int DescriptionMax = 500;

    /// <summary>Who examined the admissibility.</summary>
    public const int ReviewerMax = 200;

    /// <summary>An organisation's name.</summary>
    public const int OrganisationNameMax = 200;

    /// <summary>A line of a postal address: what a window envelope's address block holds (NF Z10-011).</summary>
    public const int AddressLineMax = 38;

    /// <summary>A city, so that "postal code + city" fits one line of the address block.</summary>
    public const int CityMax = 32;

    /// <summary>A postal code abroad (in France: 5 digits).</summary>
    public const int PostalCodeMax = 10;

    /// <summary>Elements in the grid of one competence.</summary>
    public const int ElementsPerCompetence = 40;

    /// <summary>Activity periods in a VAE admissibility file.</summary>
    public const int Activities = 50;

    /// <summary>Documents (PDF) attached to one dossier.</summary>
    public const int Documents = 30;

    /// <summary>Dossiers in one import file.</summary>
    public const int DossiersPerImport = 500;

    /// <summary>Dates of a dossier's events (activity, evaluation, request, validation) lie at most this many years back.</summary>
    public const int OldestEventYears = 50;

    /// <summary>An activity's end may lie at most this many years ahead (a fixed-term contract's known end).</summary>
    public const int LatestActivityEndYears = 1;

    /// <summary>A candidate is born at most this many years ago.</summary>
    public const int OldestBirthYears = 100;
}
