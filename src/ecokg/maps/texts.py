"""The words of a map page, in English and French (``--lang``)."""

from __future__ import annotations

LANGS = ("en", "fr")

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "made": "Map made on {date}",
        "nodes": "{shown} actors and places, {edges} links",
        "of_total": "{shown} of {total} nodes, {edges} of {total_edges} links",
        "search": "Find an actor",
        "search_go": "Find",
        "not_found": "No node named “{q}” on this map.",
        "filters": "Filters",
        "kind": "Kind",
        "sector": "Sector",
        "territory": "Territory",
        "any": "(any)",
        "legend": "Legend",
        "colour": "Colour: {what}",
        "size": "Size: {what}",
        "class": "kind of entity",
        "community": "community (Louvain, seed 42)",
        "change": "what changed (ecokg diff)",
        "change_new": "new facts",
        "change_removed": "facts removed only",
        "community_n": "community {n}",
        "none": "none",
        "degree": "number of links (degree)",
        "betweenness": "betweenness centrality (bridging role)",
        "pagerank": "PageRank (influence)",
        "hint": "Click a node or a link to see where each fact comes from.",
        "sources": "Sources",
        "links": "Links",
        "properties": "Properties",
        "sectors": "Sectors",
        "no_source": "No source recorded.",
        "close": "Close",
        "reset": "Show all",
        "reduced": "This map shows the {shown} most central of {total} nodes (by {measure}); "
        "{hidden} nodes and their links are left out. Map a query or focus on an actor "
        "(ecokg viz --query / --focus) to see the rest.",
        "showing": "Showing {n} of {total} nodes",
        "shapes": "Shape: ● person or organisation, ★ agency or investor, ⬢ collaboration, ▲ place, ▼ site, "
        "■ strategy, agreement or document, ◆ event. Colours: one per family of kinds, on every map.",
        "more_links": "{label} (+{n} more)",
        "menu": "Search, legend and filters",
        "entity_page": "Open this entity's page",
        "bridge": "{name} bridges {first} and {second}: {share} % of the shortest paths between their actors pass through this actor.",
    },
    "fr": {
        "made": "Carte produite le {date}",
        "nodes": "{shown} acteurs et lieux, {edges} liens",
        "of_total": "{shown} nœuds sur {total}, {edges} liens sur {total_edges}",
        "search": "Chercher un acteur",
        "search_go": "Chercher",
        "not_found": "Aucun nœud nommé « {q} » sur cette carte.",
        "filters": "Filtres",
        "kind": "Type",
        "sector": "Secteur",
        "territory": "Territoire",
        "any": "(tous)",
        "legend": "Légende",
        "colour": "Couleur : {what}",
        "size": "Taille : {what}",
        "class": "type d’entité",
        "community": "communauté (Louvain, graine 42)",
        "change": "ce qui a changé (ecokg diff)",
        "change_new": "faits nouveaux",
        "change_removed": "faits retirés seulement",
        "community_n": "communauté {n}",
        "none": "aucun",
        "degree": "nombre de liens (degré)",
        "betweenness": "centralité d’intermédiarité (rôle de pont)",
        "pagerank": "PageRank (influence)",
        "hint": "Cliquez sur un nœud ou un lien pour voir d’où vient chaque fait.",
        "sources": "Sources",
        "links": "Liens",
        "properties": "Propriétés",
        "sectors": "Secteurs",
        "no_source": "Aucune source enregistrée.",
        "close": "Fermer",
        "reset": "Tout afficher",
        "reduced": "Cette carte montre les {shown} nœuds les plus centraux sur {total} (selon {measure}) ; "
        "{hidden} nœuds et leurs liens sont omis. Cartographiez une requête ou centrez sur un acteur "
        "(ecokg viz --query / --focus) pour voir le reste.",
        "showing": "{n} nœuds affichés sur {total}",
        "shapes": "Forme : ● personne ou organisation, ★ agence ou investisseur, ⬢ collaboration, ▲ lieu, "
        "▼ site, ■ stratégie, accord ou document, ◆ événement. Couleurs : une par famille, sur toutes les cartes.",
        "more_links": "{label} (+{n} autres)",
        "menu": "Recherche, légende et filtres",
        "entity_page": "Ouvrir la page de cette entité",
        "bridge": "{name} relie {first} et {second} : {share} % des plus courts chemins entre leurs acteurs passent par cet acteur.",
    },
}


__all__ = ["LANGS", "STRINGS"]
