namespace CqpJury.Domain.Dossiers;

/// <summary>R5: the two routes to a CQP.</summary>
public enum Route
{
    /// <summary>R5.1 parcours de développement des compétences.</summary>
    SkillsDevelopment,

    /// <summary>R5.2 validation des acquis de l'expérience.</summary>
    Vae,
}

/// <summary>The documents a dossier may carry (R5.1, R5.2, R6).</summary>
public enum DocumentKind
{
    /// <summary>Outil 1 : livret de repérage des compétences acquises et des besoins en formation.</summary>
    Outil1,

    /// <summary>Outil 2 : livret / dossier de suivi et d'évaluation du candidat.</summary>
    Outil2,

    /// <summary>Dossier VAE (R5.2).</summary>
    DossierVae,

    /// <summary>Any other supporting document.</summary>
    Other,
}

public static class RouteText
{
    public static string ToFrench(this Route route) => route switch
    {
        Route.SkillsDevelopment => "Parcours de développement des compétences",
        Route.Vae => "Validation des acquis de l'expérience (VAE)",
        _ => throw new ArgumentOutOfRangeException(nameof(route)),
    };

    public static string ToFrench(this DocumentKind kind) => kind switch
    {
        DocumentKind.Outil1 => "Outil 1 – Livret de repérage des compétences acquises et des besoins en formation",
        DocumentKind.Outil2 => "Outil 2 – Livret de suivi et d'évaluation du candidat",
        DocumentKind.DossierVae => "Dossier VAE",
        DocumentKind.Other => "Autre document",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
