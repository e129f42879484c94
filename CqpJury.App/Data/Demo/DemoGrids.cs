namespace CqpJury.App.Data.Demo;

/// <summary>Plausible, fictitious element grids for the demo dossiers (the source does not list the elements, R1.1).</summary>
internal static class DemoGrids
{
    public static IReadOnlyList<(string Label, bool Essential)> ElementsFor(string certificateCode, string competenceCode) =>
        (certificateCode, competenceCode) switch
        {
            ("CQP-AF", "C1") => [("Enregistrer les inscriptions et les conventions de formation", true), ("Tenir à jour les tableaux de suivi administratif", true), ("Préparer les pièces justificatives pour les financeurs", false)],
            ("CQP-AF", "C2") => [("Planifier les salles, le matériel et les intervenants", true), ("Organiser son activité selon les priorités", true), ("Anticiper les besoins logistiques des sessions à distance", false)],
            ("CQP-AF", "C3") => [("Accueillir et informer les apprenants et les clients", true), ("Assurer le suivi des demandes des financeurs", true), ("Orienter les prescripteurs vers le bon interlocuteur", false)],
            ("CQP-AF", "C4") => [("Identifier un aléa et en mesurer les conséquences", true), ("Proposer une solution de remplacement", true), ("Gérer une situation conflictuelle avec calme", false)],
            ("CQP-AF", "C5") => [("Rédiger des courriers et des comptes rendus", true), ("Respecter la charte et les modèles de l'organisme", true), ("Mettre en forme des supports de communication", false)],
            ("CQP-AF", "C6") => [("Centraliser les informations liées aux prestations", true), ("Transmettre les informations aux bons interlocuteurs", true), ("Proposer des améliorations des circuits d'information", false)],
            ("CQP-CCF", "C1") => [("Construire un plan de prospection", true), ("Conduire une action de prospection ciblée", true), ("Mesurer les résultats des actions commerciales", false)],
            ("CQP-CCF", "C2") => [("Conduire un entretien de découverte des besoins", true), ("Formaliser les besoins du client", true), ("Identifier les dispositifs de financement mobilisables", false)],
            ("CQP-CCF", "C3") => [("Construire une offre adaptée avec l'équipe pédagogique", true), ("Chiffrer l'offre et ses conditions", true), ("Présenter les services associés", false)],
            ("CQP-CCF", "C4") => [("Argumenter et traiter les objections", true), ("Conclure la vente", true), ("Assurer le suivi après-vente", false)],
            ("CQP-CCF", "C5") => [("Analyser une réclamation client", true), ("Apporter une réponse adaptée", true), ("Proposer des actions d'amélioration", false)],
            ("CQP-CCF", "C6") => [("Choisir le canal de communication approprié", true), ("Partager l'information avec l'équipe", true), ("Utiliser les outils collaboratifs de l'organisme", false)],
            _ => [("Élément incontournable de la compétence", true), ("Élément complémentaire", false)],
        };
}
