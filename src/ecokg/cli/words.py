"""The command line's words in English and French (``--lang``): column headers, titles, notes.

Column headers are translated in every output format (a French table, CSV or JSON has French
headers); the values are the graph's labels in the language asked. A header with no French
entry is kept as it is. :data:`COLUMNS` also holds the columns of the query catalogue (its
``.rq`` variables), so ``ecokg query NAME --lang fr`` prints French headers too.
"""

from __future__ import annotations

from collections.abc import Sequence

from ecokg.errors import EcokgError

LANGS = ("en", "fr")

#: English column header → French.
COLUMNS: dict[str, str] = {
    # commands' own tables
    "rank": "rang", "#": "n°", "entity": "entité", "actor": "acteur", "kind": "type", "territory": "territoire",
    "iri": "iri", "broker score": "score de courtage", "betweenness": "intermédiarité", "constraint": "contrainte",
    "between.": "intermé.", "closen.": "proxim.", "closeness": "proximité", "pagerank": "pagerank",
    "eigenvector": "vecteur propre", "eigenv.": "vect. pr.", "constr.": "contr.", "broker": "courtage",
    "comm.": "comm.", "community": "communauté", "degree": "degré",
    "share of paths": "part des chemins", "pairs cut": "paires coupées",
    "introduce": "présenter", "to": "à", "adamic-adar": "adamic-adar", "jaccard": "jaccard",
    "common": "voisins communs", "reason": "raison", "steps": "étapes", "sentence": "phrase", "nodes": "nœuds",
    "name": "nom", "title": "titre", "parameters": "paramètres", "count": "nombre", "class": "classe",
    "entities": "entités", "graph": "graphe", "triples": "triplets", "source": "source", "loaded": "chargé",
    "rejected": "rejeté", "score": "score", "source file": "fichier source", "loaded at": "chargé le", "broker_label": "intermédiaire", "length": "longueur", "connection": "liaison",
    "property": "propriété", "value": "valeur", "section": "rubrique",
    "row": "ligne", "entity is": "l’entité est", "subject": "sujet", "generation": "génération", "written": "écrite le",
    "write": "écriture", "sources loaded": "sources chargées", "sources gone": "sources retirées", "sources": "sources",
    # the query catalogue's columns
    "a": "a", "b": "b", "acquired": "racheté", "acquirer": "acquéreur", "acquisition": "acquisition",
    "acquisitions": "acquisitions", "adopted": "adoptée", "adoptedBy": "adoptée par", "agent": "agent",
    "agreement": "accord", "as": "en tant que", "broader": "plus large", "buyer": "acheteur",
    "company": "entreprise", "concerned": "concerné", "currency": "devise", "d": "d", "date": "date",
    "distance": "distance", "document": "document", "during": "pendant", "end": "fin", "event": "événement",
    "first": "premier", "from": "de", "head": "tête", "hops": "sauts", "last": "dernier", "leads": "mène",
    "link": "lien", "mission": "mission", "model": "modèle", "neighbour": "voisin", "organisation": "organisation",
    "party": "partie", "person": "personne", "position": "position", "post": "poste", "problem": "problème",
    "raised": "levé", "roadmap": "feuille de route", "role": "rôle", "rounds": "tours", "sector": "secteur",
    "sideA": "côté A", "sideB": "côté B", "signatory": "signataire", "signing": "signature", "site": "site",
    "start": "début", "status": "statut", "strategy": "stratégie", "typeLabel": "type", "via": "par",
    "p": "propriété", "o": "objet", "s": "sujet", "note": "note", "linked": "reliés",
}

#: Fixed sentences of the commands, per language; ``{name}`` fields are filled in.
MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "measures_title": "Network measures of {linked} linked actors",
        "measures_of": " (of {total})",
        "also_measured": "also measured, not shown here: {names} (see --format csv or json)",
        "wrote_scores": "Wrote {count} triples to the analysis graph",
        "brokers": "Brokers",
        "brokers_between": "Brokers between {a} and {b}",
        "suggestions": "Suggested introductions",
        "note": "note: {text}",
        "co_participation": "co-participation links included: those who took part in the same event are linked, "
        "though no source says they met",
        "stated_only": "stated links only (--co-participation adds those who took part in the same event)",
        "wrote_map": "Wrote {output}: {nodes} nodes, {edges} links",
        "reduced": " (of {total} nodes: reduced, the page says so)",
        "catalogue": "Named queries (ecokg query NAME -p key=value)",
        "rows": "{n} row(s) in {seconds} s",
        "store_triples": "Store {store}: {triples} triples",
        "per_class": "Entities per class",
        "graphs": "Graphs (sources)",
        "sources": "Sources",
        "wrote_candidates": "Wrote {output}: candidates from {article} to review before `ecokg build` ({summary}; "
        "{linked} linked to the store)",
        "path": "{i}. ({steps} steps) {sentence}",
        "path1": "{i}. ({steps} step) {sentence}",
        # build, validate, export, reason, ontology-docs, brief
        "built": "Built {where}: {triples} triples in {graphs} graph(s) from {sources} source(s) in {seconds} s; SHACL: {shacl}",
        "conforms": "conforms", "shacl_warnings": "warnings", "memory": "memory",
        "reasoned_build": "{message} {facts} inferred fact(s) in the `inferred` graph ({engine} {version}, {seconds} s).",
        "rejected_rows": "Rejected rows",
        "warning": "warning: {text}",
        "graph_conforms": "The graph conforms to the ecokg shapes.",
        "problems": "{n} problem(s):",
        "wrote": "Wrote {output}",
        "consistent": "Consistent. {facts} inferred fact(s) written to the `inferred` graph ({engine} {version}, {seconds} s).",
        # serve's startup lines
        "serving": "serving {store} on http://{host}:{port} ({mode}; timeout {timeout} s, at most {rows} rows)",
        "read_only": "read-only", "updates_allowed": "updates allowed with the token",
        "reachable": "listening on {host}: the endpoint is reachable from other machines",
        # store check | repair
        "checking": "Checking {name} ...",
        "store": "Store {root}",
        "pointer": "  pointer (CURRENT): {pointer}",
        "generation": "  {name} ({role}): {summary}", "current": "current", "candidate": "candidate",
        "generation_plain": "  {name}: {summary}",
        "damaged": "damaged: {problems}",
        "quads": "{quads} quads, {files}, {shapes}",
        "manifest_ok": "files match the manifest", "no_manifest": "no manifest",
        "shapes_ok": "conforms to the shapes", "violations": "{n} SHACL violation(s)",
        "not_checked": "  not checked (older, or interrupted writes): {names}",
        "restamp": "  note: files were copied (their times changed), so each open reads them in full; "
        "`ecokg store repair` stamps them again",
        "store_damaged": "the store {root} is damaged; `ecokg store repair --store {root}` {then}",
        "goes_back": "goes back to {good}, the newest generation that opens and validates",
        "no_good": "finds no good generation to go back to: restore it from a backup or rebuild it with `ecokg build`",
        "sound": "The store is sound.",
        "set_aside": "  set aside (kept, not read): {names}",
        "repaired": "Repaired {root}: {message}", "repair_none": "{root}: {message}",
        "repair_good": "{current} is good; {why}.",
        "nothing_to_repair": "nothing to repair: {current} is good.",
        "empty_store": "the empty store",
        # mapping init | check
        "mapping_written": "Wrote {target}. Edit it (docs/data-format.md lists every key and class), then try it:",
        "preview_title": "{file}: the first {rows} row(s) as facts",
        "new": "new", "known": "known",
        "linked_to": "linked to the entities of {where}",
        "no_store": "no store found: nothing linked to stored entities",
        "preview_summary": "{rows} row(s) make facts, {created} new entit(ies); {linked}.",
        "bad_row": "bad row: {reject}",
        # extract
        "kept_existing": "; {asked} exists (perhaps reviewed) and was kept, --force overwrites it",
        "unresolved": "  {n} date(s) left unresolved: no --date and no dateline in {name}",
        # person-report, forget, log, diff
        "facts_about": "{n} facts about {who}",
        "confirm_erase": "Erase {person} and every fact about them? This cannot be undone",
        "erased": "Erased {person}: {facts} triples removed, {redacted} values redacted, derived graphs dropped",
        "old_generations": "; old generations deleted: {names}",
        "still_named": "note: the sources that named them ({sources}) still do: remove them there too, "
        "or the next build brings them back",
        "generations": "Generations", "current_mark": " (current)",
        "one_generation": "note: the store keeps one generation so far (it keeps the last five writes unless {env} says otherwise)",
        "erasure": "erasure on {when}: {facts} triples (subject sha256 {digest}...)",
        "diff_summary": "{old} -> {new}: {added} facts added, {removed} removed, about {n} entities",
        "diff_source": "      source {graph}",
        "what_changed": "What changed",
        "wrote_diff_map": "Wrote {output}: {nodes} nodes; {n} entities have new facts",
    },
    "fr": {
        "measures_title": "Mesures de réseau de {linked} acteurs reliés",
        "measures_of": " (sur {total})",
        "also_measured": "également mesurées, non affichées ici : {names} (voir --format csv ou json)",
        "wrote_scores": "{count} triplets écrits dans le graphe d’analyse",
        "brokers": "Intermédiaires",
        "brokers_between": "Intermédiaires entre {a} et {b}",
        "suggestions": "Mises en relation suggérées",
        "note": "note : {text}",
        "co_participation": "liens de co-participation inclus : ceux qui ont pris part au même événement sont reliés, "
        "sans qu’une source dise qu’ils se sont rencontrés",
        "stated_only": "liens énoncés seulement (--co-participation ajoute ceux qui ont pris part au même événement)",
        "wrote_map": "{output} écrit : {nodes} nœuds, {edges} liens",
        "reduced": " (sur {total} nœuds : réduite, la page le dit)",
        "catalogue": "Requêtes nommées (ecokg query NOM -p clé=valeur)",
        "rows": "{n} ligne(s) en {seconds} s",
        "store_triples": "Base {store} : {triples} triplets",
        "per_class": "Entités par classe",
        "graphs": "Graphes (sources)",
        "sources": "Sources",
        "wrote_candidates": "{output} écrit : candidats tirés de {article} à relire avant `ecokg build` ({summary} ; "
        "{linked} reliés à la base)",
        "path": "{i}. ({steps} étapes) {sentence}",
        "path1": "{i}. ({steps} étape) {sentence}",
        "built": "Graphe construit ({where}) : {triples} triplets dans {graphs} graphe(s) à partir de {sources} "
        "source(s) en {seconds} s ; SHACL : {shacl}",
        "conforms": "conforme", "shacl_warnings": "avertissements", "memory": "mémoire",
        "reasoned_build": "Raisonneur {engine} {version} sur {individuals} individus : {facts} fait(s) inféré(s) "
        "dans le graphe `inferred` ({seconds} s).",
        "rejected_rows": "Lignes refusées",
        "warning": "attention : {text}",
        "graph_conforms": "Le graphe est conforme aux formes d’ecokg.",
        "problems": "{n} problème(s) :",
        "wrote": "{output} écrit",
        "consistent": "Cohérent. {facts} fait(s) inféré(s) écrit(s) dans le graphe `inferred` "
        "({engine} {version}, {seconds} s).",
        "serving": "{store} servie sur http://{host}:{port} ({mode} ; délai {timeout} s, au plus {rows} lignes)",
        "read_only": "lecture seule", "updates_allowed": "mises à jour permises avec le jeton",
        "reachable": "écoute sur {host} : le point d’accès est joignable depuis d’autres machines",
        "checking": "Vérification de {name} ...",
        "store": "Base {root}",
        "pointer": "  pointeur (CURRENT) : {pointer}",
        "generation": "  {name} ({role}) : {summary}", "current": "actuelle", "candidate": "candidate",
        "generation_plain": "  {name} : {summary}",
        "damaged": "endommagée : {problems}",
        "quads": "{quads} quads, {files}, {shapes}",
        "manifest_ok": "fichiers conformes au manifeste", "no_manifest": "pas de manifeste",
        "shapes_ok": "conforme aux formes", "violations": "{n} violation(s) SHACL",
        "not_checked": "  non vérifiées (plus anciennes, ou écritures interrompues) : {names}",
        "restamp": "  note : les fichiers ont été copiés (leurs dates ont changé), chaque ouverture les lit donc en "
        "entier ; `ecokg store repair` les date à nouveau",
        "store_damaged": "la base {root} est endommagée ; `ecokg store repair --store {root}` {then}",
        "goes_back": "revient à {good}, la génération la plus récente qui s’ouvre et se valide",
        "no_good": "ne trouve aucune bonne génération où revenir : restaurez-la depuis une sauvegarde ou "
        "reconstruisez-la avec `ecokg build`",
        "sound": "La base est saine.",
        "set_aside": "  mises de côté (gardées, non lues) : {names}",
        "repaired": "{root} réparée : {message}", "repair_none": "{root} : {message}",
        "repair_good": "{current} est bonne ; {why}.",
        "nothing_to_repair": "rien à réparer : {current} est bonne.",
        "empty_store": "la base vide",
        "mapping_written": "{target} écrit. Modifiez-le (docs/data-format.md liste chaque clé et chaque classe), "
        "puis essayez-le :",
        "preview_title": "{file} : les {rows} première(s) ligne(s) en faits",
        "new": "nouvelle", "known": "connue",
        "linked_to": "reliées aux entités de {where}",
        "no_store": "aucune base trouvée : rien n’est relié aux entités stockées",
        "preview_summary": "{rows} ligne(s) donnent des faits, {created} nouvelle(s) entité(s) ; {linked}.",
        "bad_row": "ligne refusée : {reject}",
        "kept_existing": " ; {asked} existe (peut-être relu) et a été gardé, --force l’écrase",
        "unresolved": "  {n} date(s) non résolue(s) : ni --date ni date de parution dans {name}",
        "facts_about": "{n} faits sur {who}",
        "confirm_erase": "Effacer {person} et tous les faits à son sujet ? C’est irréversible",
        "erased": "{person} effacé : {facts} triplets supprimés, {redacted} valeurs caviardées, graphes dérivés supprimés",
        "old_generations": " ; anciennes générations supprimées : {names}",
        "still_named": "note : les sources qui le nommaient ({sources}) le nomment toujours : retirez-le là aussi, "
        "sinon la prochaine construction le ramène",
        "generations": "Générations", "current_mark": " (actuelle)",
        "one_generation": "note : la base n’a encore qu’une génération (elle garde les cinq dernières écritures, sauf si {env} dit autrement)",
        "erasure": "effacement du {when} : {facts} triplets (sha256 du sujet {digest}...)",
        "diff_summary": "{old} -> {new} : {added} faits ajoutés, {removed} retirés, sur {n} entités",
        "diff_source": "      source {graph}",
        "what_changed": "Ce qui a changé",
        "wrote_diff_map": "{output} écrit : {nodes} nœuds ; {n} entités ont de nouveaux faits",
    },
}


def check_lang(lang: str) -> None:
    """Refuse a language the command line does not speak."""
    if lang not in LANGS:
        raise EcokgError(f"unknown language {lang!r} (choose from {', '.join(LANGS)})")


def columns_in(columns: Sequence[str], lang: str) -> list[str]:
    """``columns`` as headers in ``lang`` (English ones kept when no translation is known)."""
    if lang == "en":
        return list(columns)
    return [COLUMNS.get(c, c) for c in columns]


def say(key: str, lang: str, **fields: object) -> str:
    """The sentence ``key`` in ``lang``, its fields filled in."""
    return MESSAGES.get(lang, MESSAGES["en"])[key].format(**fields)


__all__ = ["COLUMNS", "LANGS", "MESSAGES", "check_lang", "columns_in", "say"]
