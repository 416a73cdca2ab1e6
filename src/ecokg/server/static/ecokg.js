// The ecokg explorer page: a form per named query, results as a table, and YASGUI.
// Every value from the server is written with textContent (never innerHTML).
"use strict";

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function queryString(name, form, extra) {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData(form).entries()) if (v !== "") params.append(k, v);
  for (const [k, v] of Object.entries(extra || {})) params.append(k, v);
  return params.toString();
}

function cell(term) {
  if (!term) return "";
  return term.type === "bnode" ? "_:" + term.value : term.value;
}

async function runNamed(query, form) {
  const results = document.getElementById("results");
  const status = document.getElementById("results-status");
  const table = document.getElementById("results-table");
  results.hidden = false;
  document.getElementById("results-title").textContent = query.title;
  status.className = "";
  status.textContent = "Running…";
  table.tHead.replaceChildren();
  table.tBodies[0].replaceChildren();
  document.getElementById("csv-link").href = "/queries/" + encodeURIComponent(query.name) + "?" + queryString(query.name, form, {format: "csv"});
  const mapParams = new URLSearchParams(queryString(query.name, form));
  mapParams.set("query", query.name);
  document.getElementById("map-link").href = "/map?" + mapParams.toString();
  const response = await fetch("/queries/" + encodeURIComponent(query.name) + "?" + queryString(query.name, form, {format: "sparql-json"}));
  if (!response.ok) {
    let message = response.status + " " + response.statusText;
    try { message = (await response.json()).error || message; } catch (e) { /* not JSON */ }
    status.className = "error";
    status.textContent = message;
    return;
  }
  const data = await response.json();
  if (data.boolean !== undefined) {
    status.textContent = "Answer: " + data.boolean;
    return;
  }
  const vars = data.head.vars || [];
  const head = el("tr");
  for (const v of vars) head.appendChild(el("th", {scope: "col"}, v));
  table.tHead.appendChild(head);
  for (const binding of data.results.bindings) {
    const row = el("tr");
    for (const v of vars) row.appendChild(el("td", {}, cell(binding[v])));
    table.tBodies[0].appendChild(row);
  }
  status.textContent = data.results.bindings.length + " row(s)";
}

function queryForm(query) {
  const details = el("details", {class: "query", id: "q-" + query.name});
  const summary = el("summary", {}, query.title);
  summary.appendChild(el("span", {class: "name"}, query.name));
  details.appendChild(summary);
  details.appendChild(el("p", {class: "hint"}, query.description));
  const form = el("form", {class: "query-form", "data-query": query.name});
  for (const p of query.parameters) {
    const id = "p-" + query.name + "-" + p.name;
    form.appendChild(el("label", {for: id}, p.name));
    form.appendChild(el("input", {id: id, name: p.name, placeholder: p.default || "any", "data-kind": p.kind}));
    form.appendChild(el("span", {class: "help"}, p.description + " (" + p.kind + ")"));
  }
  form.appendChild(el("button", {type: "submit"}, "Run"));
  form.addEventListener("submit", (event) => { event.preventDefault(); runNamed(query, form); });
  details.appendChild(form);
  return details;
}

async function loadCatalogue() {
  const box = document.getElementById("catalogue");
  try {
    const response = await fetch("/queries");
    const queries = await response.json();
    box.replaceChildren(...queries.map(queryForm));
  } catch (e) {
    box.className = "error";
    box.textContent = "Cannot load the catalogue: " + e;
  }
}

function startEditor() {
  if (typeof Yasgui === "undefined") return;
  // Autocompleters that call prefix.cc or LOV would make the page fetch other sites.
  const remote = ["prefixes", "class", "property"];
  Yasgui.Yasqe.defaults.autocompleters = Yasgui.Yasqe.defaults.autocompleters.filter((n) => !remote.includes(n));
  window.ecokgYasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: {endpoint: new URL("/sparql", window.location.href).toString(), method: "POST"},
    copyEndpointOnNewTab: false,
    endpointCatalogueOptions: {getData: () => []},
    yasqe: {value: "SELECT ?entity ?label WHERE {\n  ?entity a ek:Organization ; rdfs:label ?label .\n} LIMIT 50\n"},
  });
}

loadCatalogue();
startEditor();
