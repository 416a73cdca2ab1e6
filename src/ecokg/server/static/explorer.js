// Shared by the explorer's pages: the viewer's language, the words of the page, readable
// headers, links to entity pages and the "show IRIs" switch. Every value from the server
// is written with textContent (never innerHTML).
"use strict";

const ecokg = (() => {
  const params = new URLSearchParams(window.location.search);
  const lang = params.get("lang") === "fr" ? "fr" : "en";
  const EKR = "https://w3id.org/ecokg/id/";
  const TEXTS = {
    en: {
      title: "ecokg explorer", nav_named: "Named queries", nav_analysis: "Analysis", nav_brief: "Briefing",
      nav_editor: "SPARQL editor", show_iris: "Show IRIs", language: "Français",
      named_hint: "Each question of the catalogue, with its parameters. Leave a field empty for \"any\".",
      loading: "Loading the catalogue…", csv: "Download CSV", xlsx: "Download XLSX", map_it: "Map it",
      run: "Run", running: "Running…", rows: "{n} row(s)", page: "Rows {from} to {to} of {n}", previous: "Previous", next: "Next", answer: "Answer: {a}", yes: "yes", no: "no",
      any: "any", cannot_load: "Cannot load the catalogue: ",
      analysis_hint: "The network commands of the command line, on the same graph: names as you type them.",
      path_title: "How are two actors connected?", from: "From", to: "To", paths: "Paths", ask: "Ask",
      brokers_title: "Who bridges two territories?", first: "First territory", second: "Second territory",
      intro_title: "Introductions worth making", actor: "For (empty: any organisation)",
      rank_title: "Rank the actors", measure: "Measure", top: "How many",
      m_betweenness: "betweenness (bridging)", m_degree: "degree (links)", m_pagerank: "PageRank (influence)",
      m_closeness: "closeness", m_eigenvector: "eigenvector", m_broker: "broker score",
      steps: "{n} step(s)", on_map: "show on the map", share: "{p} % of the paths", rank: "Rank", entity: "Actor", territory: "Territory",
      value: "Value", no_answer: "Nothing found.", brokers_of: "Brokers of the network",
      brief_hint: "A printable page on a territory or a mission: actors, links to the home region, agreements, events, brokers, introductions, sources.",
      mission: "or mission", open_brief: "Open the briefing",
      editor_hint: "The default graph is the union of all graphs; the ecokg prefixes (ek:, ekr:, ekg:, ekd:, eks:…) are predeclared and written into the query as you use them. Read-only; queries are bounded in time and size; SERVICE is refused.",
    },
    fr: {
      title: "Explorateur ecokg", nav_named: "Questions", nav_analysis: "Analyse", nav_brief: "Note de synthèse",
      nav_editor: "Éditeur SPARQL", show_iris: "Afficher les IRI", language: "English",
      named_hint: "Chaque question du catalogue, avec ses paramètres. Laisser un champ vide pour « tous ».",
      loading: "Chargement du catalogue…", csv: "Télécharger en CSV", xlsx: "Télécharger en XLSX", map_it: "Voir sur une carte",
      run: "Lancer", running: "En cours…", rows: "{n} ligne(s)", page: "Lignes {from} à {to} sur {n}", previous: "Précédentes", next: "Suivantes", answer: "Réponse : {a}", yes: "oui", no: "non",
      any: "tous", cannot_load: "Impossible de charger le catalogue : ",
      analysis_hint: "Les commandes d’analyse du réseau de la ligne de commande, sur le même graphe : les noms tels qu’on les tape.",
      path_title: "Comment deux acteurs sont-ils reliés ?", from: "De", to: "À", paths: "Chemins", ask: "Demander",
      brokers_title: "Qui fait le pont entre deux territoires ?", first: "Premier territoire", second: "Second territoire",
      intro_title: "Mises en relation à proposer", actor: "Pour (vide : toute organisation)",
      rank_title: "Classer les acteurs", measure: "Mesure", top: "Combien",
      m_betweenness: "intermédiarité (rôle de pont)", m_degree: "degré (liens)", m_pagerank: "PageRank (influence)",
      m_closeness: "proximité", m_eigenvector: "vecteur propre", m_broker: "score d’intermédiaire",
      steps: "{n} étape(s)", on_map: "voir sur la carte", share: "{p} % des chemins", rank: "Rang", entity: "Acteur", territory: "Territoire",
      value: "Valeur", no_answer: "Rien trouvé.", brokers_of: "Intermédiaires du réseau",
      brief_hint: "Une page à imprimer sur un territoire ou une mission : acteurs, liens avec la région, accords, événements, intermédiaires, mises en relation, sources.",
      mission: "ou mission", open_brief: "Ouvrir la note",
      editor_hint: "Le graphe par défaut est l’union de tous les graphes ; les préfixes d’ecokg (ek:, ekr:, ekg:, ekd:, eks:…) sont prédéclarés et ajoutés à la requête quand on les utilise. Lecture seule ; durée et taille des réponses bornées ; SERVICE est refusé.",
    },
  };

  function t(key, values) {
    let text = (TEXTS[lang][key] ?? TEXTS.en[key] ?? key);
    for (const [k, v] of Object.entries(values || {})) text = text.replace("{" + k + "}", v);
    return text;
  }

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // The same rule as ecokg.queries.catalog.humanise: sideALabel -> "Side A".
  function humanise(variable) {
    const name = variable.endsWith("Label") && variable.length > 5 ? variable.slice(0, -5) : variable;
    const words = name.replace(/([a-z0-9])(?=[A-Z])/g, "$1 ").split(/[\s_-]+/).filter(Boolean);
    const text = words.map((w) => (w === w.toUpperCase() && /[A-Z]/.test(w) ? w : w.toLowerCase())).join(" ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  // The explorer's URL of an entity (ekr: entities only: other IRIs have no page).
  function entityHref(iri) {
    if (!iri || !iri.startsWith(EKR) || iri.slice(EKR.length).includes("/")) return null;
    return "/entity/" + encodeURIComponent(iri.slice(EKR.length)) + (lang === "fr" ? "?lang=fr" : "");
  }

  function nameLink(label, iri) {
    const target = entityHref(iri);
    const node = target ? el("a", {href: target}, label) : el("span", {}, label);
    if (iri) node.title = iri;
    return node;
  }

  function lastSegment(iri) {
    const parts = iri.replace(/[#/]+$/, "").split(/[#/]/);
    return parts[parts.length - 1];
  }

  function showingIris() {
    return document.body.classList.contains("show-iris");
  }

  function start() {
    const box = document.getElementById("show-iris");
    if (box) {
      box.checked = window.sessionStorage.getItem("ecokg-show-iris") === "1";
      document.body.classList.toggle("show-iris", box.checked);
      box.addEventListener("change", () => {
        window.sessionStorage.setItem("ecokg-show-iris", box.checked ? "1" : "0");
        document.body.classList.toggle("show-iris", box.checked);
        document.dispatchEvent(new CustomEvent("ecokg:iris"));
      });
    }
    if (document.body.classList.contains("entity-page")) return;  // its words come from the server
    document.documentElement.lang = lang;
    for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
    document.title = t("title");
    const other = lang === "fr" ? "en" : "fr";
    const switcher = document.getElementById("lang-switch");
    if (switcher) {
      const next = new URLSearchParams(window.location.search);
      next.set("lang", other);
      switcher.href = "?" + next.toString() + window.location.hash;
      switcher.hreflang = other;
      switcher.textContent = t("language");
    }
    for (const field of document.querySelectorAll("input[name=lang][type=hidden]")) field.value = lang;
  }

  return {lang, t, el, humanise, entityHref, nameLink, lastSegment, showingIris, start};
})();

ecokg.start();
