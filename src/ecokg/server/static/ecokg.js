// The ecokg explorer page: a form per named query, results as readable tables, the network
// analyses, the briefing form and YASGUI. Helpers (words, links) are in explorer.js.
// Every value from the server is written with textContent (never innerHTML).
"use strict";

const {t, el} = ecokg;
let lastResult = null;  // {query, data}: redrawn when "show IRIs" changes

function queryString(form, extra) {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form).entries()) if (v !== "") params.append(k, v);
  for (const [k, v] of Object.entries(extra || {})) params.append(k, v);
  return params.toString();
}

function header(query, variable) {
  const declared = (query.columns || {})[variable];
  return declared ? declared[ecokg.lang] || declared.en : ecokg.humanise(variable);
}

function literal(term) {
  if (term.datatype === "http://www.w3.org/2001/XMLSchema#boolean") return term.value === "true" ? t("yes") : t("no");
  return term.value;
}

// One cell: a label links to its entity's page; an IRI reads as its last segment, in full
// only with "show IRIs".
function cell(binding, variable, present) {
  const td = el("td");
  const term = binding[variable];
  const base = variable.endsWith("Label") ? variable.slice(0, -5) : null;
  if (base && present.has(base) && binding[base] && binding[base].type === "uri") {
    td.appendChild(ecokg.nameLink(term ? term.value : ecokg.lastSegment(binding[base].value), binding[base].value));
  } else if (!term) {
    return td;
  } else if (term.type === "uri") {
    if (ecokg.showingIris()) td.textContent = term.value;
    else td.appendChild(ecokg.nameLink(ecokg.lastSegment(term.value), term.value));
  } else if (term.type === "bnode") {
    td.textContent = "_:" + term.value;
  } else {
    td.textContent = literal(term);
  }
  return td;
}

function drawTable() {
  const {query, data} = lastResult;
  const table = document.getElementById("results-table");
  const vars = data.head.vars || [];
  const present = new Set(vars);
  const iris = ecokg.showingIris();
  const shown = iris ? vars : vars.filter((v) => !present.has(v + "Label"));
  const head = el("tr");
  for (const v of shown) {
    const th = el("th", {scope: "col", "data-var": v}, header(query, v));
    if (iris) th.appendChild(el("code", {class: "var"}, " ?" + v));
    head.appendChild(th);
  }
  table.tHead.replaceChildren(head);
  const rows = data.results.bindings.map((binding) => {
    const row = el("tr");
    for (const v of shown) row.appendChild(cell(binding, v, present));
    return row;
  });
  table.tBodies[0].replaceChildren(...rows);
}

async function errorOf(response) {
  let message = response.status + " " + response.statusText;
  try { message = (await response.json()).error || message; } catch (e) { /* not JSON */ }
  return message;
}

// A named query's table comes a page at a time (``ecokg.pageSize`` rows): a big result's
// first page comes back fast, and the pager moves through the rest.
async function runNamed(query, form, offset) {
  const results = document.getElementById("results");
  const status = document.getElementById("results-status");
  const table = document.getElementById("results-table");
  const pager = document.getElementById("results-pager");
  const size = ecokg.pageSize || 100;
  offset = offset || 0;
  results.hidden = false;
  pager.hidden = true;
  document.getElementById("results-title").textContent = query.title;
  status.className = "";
  status.textContent = t("running");
  table.tHead.replaceChildren();
  table.tBodies[0].replaceChildren();
  const name = encodeURIComponent(query.name);
  document.getElementById("csv-link").href = "/download/" + name + "?" + queryString(form, {format: "csv", lang: ecokg.lang});
  document.getElementById("xlsx-link").href = "/download/" + name + "?" + queryString(form, {format: "xlsx", lang: ecokg.lang});
  const mapParams = new URLSearchParams(queryString(form, {lang: ecokg.lang}));
  mapParams.set("query", query.name);
  document.getElementById("map-link").href = "/map?" + mapParams.toString();
  const page = {format: "sparql-json", lang: ecokg.lang, limit: size, offset: offset};
  const response = await fetch("/queries/" + name + "?" + queryString(form, page));
  if (!response.ok) {
    status.className = "error";
    status.textContent = await errorOf(response);
    return;
  }
  const data = await response.json();
  if (data.boolean !== undefined) {
    lastResult = null;
    status.textContent = t("answer", {a: data.boolean ? t("yes") : t("no")});
    return;
  }
  lastResult = {query, data};
  drawTable();
  const shown = data.results.bindings.length;
  const total = Number(response.headers.get("X-Total-Count") || shown);
  if (offset === 0 && shown === total) {
    status.textContent = t("rows", {n: total});
    return;
  }
  status.textContent = t("page", {from: shown ? offset + 1 : offset, to: offset + shown, n: total});
  pager.hidden = false;
  const previous = document.getElementById("previous-page");
  const next = document.getElementById("next-page");
  previous.disabled = offset === 0;
  next.disabled = offset + shown >= total;
  previous.onclick = () => runNamed(query, form, Math.max(0, offset - size));
  next.onclick = () => runNamed(query, form, offset + size);
}

function queryForm(query) {
  const details = el("details", {class: "query", id: "q-" + query.name});
  const summary = el("summary", {}, query.title);
  summary.appendChild(el("span", {class: "name ek-iri"}, query.name));
  details.appendChild(summary);
  details.appendChild(el("p", {class: "hint"}, query.description));
  const form = el("form", {class: "query-form", "data-query": query.name});
  for (const p of query.parameters) {
    const id = "p-" + query.name + "-" + p.name;
    form.appendChild(el("label", {for: id}, p.description));
    form.appendChild(el("input", {id: id, name: p.name, placeholder: p.default || t("any"), "data-kind": p.kind}));
  }
  form.appendChild(el("button", {type: "submit"}, t("run")));
  form.addEventListener("submit", (event) => { event.preventDefault(); runNamed(query, form, 0); });
  details.appendChild(form);
  return details;
}

async function loadCatalogue() {
  const box = document.getElementById("catalogue");
  try {
    const response = await fetch("/queries?lang=" + ecokg.lang);  // titles in the page's language
    const queries = await response.json();
    box.replaceChildren(...queries.map(queryForm));
  } catch (e) {
    box.className = "error";
    box.textContent = t("cannot_load") + e;
  }
}

// --- analysis ----------------------------------------------------------------------

function pathSentence(path) {
  const p = el("p", {class: "path"});
  p.appendChild(ecokg.nameLink(path.nodes[0].label, path.nodes[0].iri));
  path.steps.forEach((step, i) => {
    p.appendChild(document.createTextNode(step.forward ? " —" + step.label + "→ " : " ←" + step.label + "— "));
    p.appendChild(ecokg.nameLink(path.nodes[i + 1].label, path.nodes[i + 1].iri));
  });
  p.appendChild(el("span", {class: "hint"}, " (" + t("steps", {n: path.steps.length}) + ") "));
  // The same path highlighted on a map of its actors and their neighbours.
  const params = new URLSearchParams({lang: ecokg.lang});
  for (const node of path.nodes) params.append("path", node.iri);
  p.appendChild(el("a", {href: "/map?" + params.toString(), class: "path-map", target: "_blank"}, t("on_map")));
  return p;
}

function rankingTable(rows) {
  const table = el("table");
  const head = el("tr");
  for (const key of ["rank", "entity", "territory", "value"]) head.appendChild(el("th", {scope: "col"}, t(key)));
  table.appendChild(el("thead")).appendChild(head);
  const body = table.appendChild(el("tbody"));
  for (const r of rows) {
    const tr = el("tr");
    tr.appendChild(el("td", {}, String(r.rank)));
    tr.appendChild(el("td")).appendChild(ecokg.nameLink(r.label, r.iri));
    tr.appendChild(el("td", {}, r.territory || ""));
    tr.appendChild(el("td", {}, r.value === null ? "" : String(r.value)));
    body.appendChild(tr);
  }
  return table;
}

const ANSWERS = {
  path(data, box) {
    for (const path of data.paths) box.appendChild(pathSentence(path));
  },
  brokers(data, box) {
    if (data.summary) box.appendChild(el("p", {class: "summary"}, data.summary));
    if (!data.between) box.appendChild(el("p", {class: "hint"}, t("brokers_of")));
    const list = box.appendChild(el("ol", {class: "brokers"}));
    for (const b of data.brokers) {
      const li = list.appendChild(el("li"));
      li.appendChild(ecokg.nameLink(b.label, b.iri));
      const share = b.share !== undefined ? " — " + t("share", {p: (100 * b.share).toFixed(1)}) : "";
      li.appendChild(document.createTextNode((b.territory ? " (" + b.territory + ")" : "") + share));
    }
  },
  introductions(data, box) {
    const list = box.appendChild(el("ol", {class: "introductions"}));
    for (const s of data.introductions) {
      const li = list.appendChild(el("li"));
      li.appendChild(ecokg.nameLink(s.first.label, s.first.iri));
      li.appendChild(document.createTextNode(" ↔ "));
      li.appendChild(ecokg.nameLink(s.second.label, s.second.iri));
      li.appendChild(el("span", {class: "reason"}, " — " + s.reason));
    }
  },
  centrality(data, box) {
    box.appendChild(rankingTable(data.rows));
    for (const note of data.notes) box.appendChild(el("p", {class: "hint"}, note));
  },
};

function analysisForm(what) {
  const form = document.getElementById(what + "-form");
  const box = document.getElementById(what + "-answer");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    box.className = "answer";
    box.textContent = t("running");
    const response = await fetch("/api/" + what + "?" + queryString(form, {lang: ecokg.lang}));
    if (!response.ok) {
      box.className = "answer error";
      box.textContent = await errorOf(response);
      return;
    }
    const data = await response.json();
    box.replaceChildren();
    ANSWERS[what](data, box);
    if (!box.childNodes.length) box.textContent = t("no_answer");
    box.dataset.done = "1";
  });
}

// --- the SPARQL editor -------------------------------------------------------------

// The server predeclares the ecokg prefixes, but YASQE marks an undeclared prefix as an
// error: a prefix of the list used in the query is written into it, as a PREFIX line.
function declarePrefixes(yasqe, known) {
  const declared = yasqe.getPrefixesFromQuery() || {};
  const used = {};
  const pattern = /(^|[\s(){},;/^|!*+?.])([A-Za-z][\w-]*):(?!\/)/g;
  for (const match of yasqe.getValue().matchAll(pattern)) {
    const prefix = match[2];
    if (known[prefix] && declared[prefix] === undefined) used[prefix] = known[prefix];
  }
  if (Object.keys(used).length) yasqe.addPrefixes(used);
}

async function startEditor() {
  if (typeof Yasgui === "undefined") return;
  // Autocompleters that call prefix.cc or LOV would make the page fetch other sites.
  const remote = ["prefixes", "class", "property"];
  Yasgui.Yasqe.defaults.autocompleters = Yasgui.Yasqe.defaults.autocompleters.filter((n) => !remote.includes(n));
  let known = {};
  try { known = await (await fetch("/api/prefixes")).json(); } catch (e) { /* the editor works without */ }
  window.ecokgPrefixes = known;
  window.ecokgYasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: {endpoint: new URL("/sparql", window.location.href).toString(), method: "POST"},
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: {getData: () => []},
    yasqe: {value: "SELECT ?entity ?label WHERE {\n  ?entity a ek:Organization ; rdfs:label ?label .\n} LIMIT 50\n"},
  });
  const attach = (tab) => {
    const yasqe = tab.getYasqe();
    if (!yasqe || yasqe.ecokgPrefixes) return;
    yasqe.ecokgPrefixes = true;
    let timer = null;
    yasqe.on("change", () => { clearTimeout(timer); timer = setTimeout(() => declarePrefixes(yasqe, known), 250); });
    declarePrefixes(yasqe, known);
  };
  attach(window.ecokgYasgui.getTab());
  window.ecokgYasgui.on("tabChange", () => attach(window.ecokgYasgui.getTab()));
}

document.addEventListener("ecokg:iris", () => { if (lastResult) drawTable(); });
for (const what of Object.keys(ANSWERS)) analysisForm(what);
loadCatalogue();
startEditor();
