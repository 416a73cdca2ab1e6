/* ecokg map: legend, search, filters, neighbourhood highlighting and the provenance panel.
   Every piece of data is written with textContent or as a property: never parsed as HTML. */
(function () {
  "use strict";

  function readJson(id) { return JSON.parse(document.getElementById(id).textContent); }
  var meta = readJson("ecokg-meta");
  var data = readJson("ecokg-graph");
  var options = readJson("ecokg-options");
  var T = meta.strings;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function byId(id) { return document.getElementById(id); }
  function fmt(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) { return values[k] === undefined ? m : String(values[k]); });
  }
  function fold(s) {
    return String(s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function shorten(s, n) { s = String(s || ""); return s.length > n ? s.slice(0, n - 1) + "…" : s; }

  var records = {};
  data.records.forEach(function (r) { records[r.id] = r; });
  var links = {};
  data.links.forEach(function (l) { links[l.id] = l; });

  var state = { kinds: {}, sector: "", territory: "" };
  data.records.forEach(function (r) { state.kinds[r.kind] = true; });

  // --- page furniture --------------------------------------------------------------
  byId("map-title").textContent = meta.title;
  byId("map-subtitle").textContent = meta.subtitle;
  byId("map-counts").textContent = meta.counts;
  byId("map-made").textContent = meta.made;
  if (meta.note) { byId("map-note").textContent = meta.note; byId("map-note").hidden = false; }
  byId("search-label").textContent = T.search;
  byId("search-go").textContent = T.search_go;
  byId("filters-title").textContent = T.filters;
  byId("filter-kinds-title").textContent = T.kind;
  byId("filter-sector-title").textContent = T.sector;
  byId("filter-territory-title").textContent = T.territory;
  byId("filter-reset").textContent = T.reset;
  byId("legend-title").textContent = T.legend;
  byId("legend-colour").textContent = meta.colour;
  byId("legend-size").textContent = meta.size;
  byId("details-close").textContent = T.close;
  byId("hint").textContent = T.hint;
  // On a phone the sidebar folds away behind a button, leaving the width to the map.
  var sideToggle = byId("side-toggle");
  sideToggle.textContent = T.menu;
  sideToggle.addEventListener("click", function () {
    var open = document.body.classList.toggle("side-open");
    sideToggle.setAttribute("aria-expanded", open ? "true" : "false");
  });

  byId("legend-shapes").textContent = T.shapes;
  // Coloured by kind, the legend's entries are also the kind filter (one list, not two).
  var legendFilters = meta.color_by === "class";
  if (legendFilters) { byId("filter-kinds").hidden = true; }
  meta.legend.forEach(function (item) {
    var li = el("li");
    var holder = li;
    if (legendFilters && item.key) {
      holder = el("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = item.key;
      box.addEventListener("change", function () { state.kinds[item.key] = box.checked; applyFilters(); });
      holder.appendChild(box);
      li.appendChild(holder);
    }
    var sw = el("span", "swatch " + (item.shape || "dot"));
    sw.style.background = item.color;
    holder.appendChild(sw);
    holder.appendChild(el("span", null, item.label));
    li.appendChild(el("span", "n", item.count));
    byId("legend-items").appendChild(li);
  });

  // --- tooltips: DOM elements, so vis-network never reads data as HTML -------------
  function sourceLine(src) {
    return [src.document, src.date].filter(function (x) { return x; }).join(" — ");
  }
  function nodeTooltip(r) {
    var box = el("div");
    box.appendChild(el("div", "tip-title", r.label));
    box.appendChild(el("div", "tip-kind", [r.kind_label, r.territory].filter(function (x) { return x; }).join(" · ")));
    if (r.sectors.length) { box.appendChild(el("div", "tip-row", T.sectors + ": " + r.sectors.join(", "))); }
    Object.keys(r.props).slice(0, 4).forEach(function (k) {
      box.appendChild(el("div", "tip-row", k + ": " + shorten(r.props[k], 120)));
    });
    r.sources.slice(0, 2).forEach(function (src) {
      box.appendChild(el("div", "tip-quote", "“" + shorten(src.quote, 220) + "”"));
      box.appendChild(el("div", "tip-cite", sourceLine(src)));
    });
    if (r.sources.length > 2) { box.appendChild(el("div", "tip-cite", "+" + (r.sources.length - 2) + " " + T.sources.toLowerCase())); }
    return box;
  }
  function when(f) {  // a relation's date and status, as " (2013-06-11, closed)"
    var parts = [f.date, f.status].filter(function (x) { return x; });
    return parts.length ? " (" + parts.join(", ") + ")" : "";
  }
  function edgeTooltip(l) {
    var box = el("div");
    l.facts.forEach(function (f) {
      box.appendChild(el("div", "tip-title", (records[l.from] || {}).label + " — " + f.label + " — " + (records[l.to] || {}).label + when(f)));
      f.sources.slice(0, 1).forEach(function (src) {
        box.appendChild(el("div", "tip-quote", "“" + shorten(src.quote, 220) + "”"));
        box.appendChild(el("div", "tip-cite", sourceLine(src)));
      });
    });
    return box;
  }

  // --- the network -------------------------------------------------------------------
  var original = {};
  data.nodes.forEach(function (n) {
    n.title = nodeTooltip(records[n.id]);
    original[n.id] = { color: n.color };
  });
  data.edges.forEach(function (e) { e.title = edgeTooltip(links[e.id]); });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);

  function visible(id) {
    var r = records[id];
    if (!r || !state.kinds[r.kind]) { return false; }
    if (state.sector && r.sectors.indexOf(state.sector) < 0) { return false; }
    if (state.territory && r.territory !== state.territory) { return false; }
    return true;
  }
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visible(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return visible(e.from) && visible(e.to); } });

  var container = byId("map");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  var api = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, ready: false, meta: meta };
  window.ecokgMap = api;

  function markReady() {
    if (api.ready) { return; }
    api.ready = true;
    document.body.setAttribute("data-ready", "true");
  }
  if (meta.physics) {
    // Physics lays the map out once, then stops so that nothing drifts while reading.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.fit();
      markReady();
    });
  } else {
    network.once("afterDrawing", markReady);
  }

  // --- neighbourhood highlighting -----------------------------------------------------
  var DIM = { background: "#e8ebef", border: "#d5dbe1" };
  var dimmed = false;
  function highlight(id) {
    var keep = {};
    keep[id] = true;
    network.getConnectedNodes(id).forEach(function (n) { keep[n] = true; });
    nodes.update(nodes.getIds().map(function (n) {
      return keep[n] ? { id: n, color: original[n].color, font: { color: "#1f2933" } } : { id: n, color: DIM, font: { color: "#c3cad2" } };
    }));
    edges.update(edges.get().map(function (e) {
      var on = e.from === id || e.to === id;
      return {
        id: e.id, label: on && meta.physics ? links[e.id].label : links[e.id].overview,
        color: on ? { color: "#52606d" } : { color: "#eef1f4" }, font: { color: on ? "#334155" : "#dfe3e8" }
      };
    }));
    dimmed = true;
  }
  function unhighlight() {
    if (!dimmed) { return; }
    nodes.update(nodes.getIds().map(function (n) { return { id: n, color: original[n].color, font: { color: "#1f2933" } }; }));
    edges.update(edges.getIds().map(function (e) {
      return { id: e, label: links[e].overview, color: { color: "#9aa5b1" }, font: { color: "#52606d" } };
    }));
    dimmed = false;
  }

  // --- a path (build_map(path=...)): its nodes and links stand out, the rest is dimmed ------
  function showPath(steps) {
    var on = {};
    steps.forEach(function (n) { on[n] = true; });
    var pairs = {};
    for (var i = 0; i + 1 < steps.length; i++) { pairs[steps[i] + "\n" + steps[i + 1]] = true; pairs[steps[i + 1] + "\n" + steps[i]] = true; }
    nodes.update(nodes.getIds().map(function (n) {
      return on[n] ? { id: n, color: original[n].color, borderWidth: 4 } : { id: n, color: DIM, font: { color: "#9aa5b1" } };
    }));
    edges.update(edges.get().map(function (e) {
      var step = pairs[e.from + "\n" + e.to];
      return step ? { id: e.id, width: 5, color: { color: "#b45309" }, label: links[e.id].label }
        : { id: e.id, color: { color: "#e3e8ee" } };
    }));
    api.path = steps;
  }
  if (meta.highlight && meta.highlight.length) {
    showPath(meta.highlight);
    network.once("afterDrawing", function () { network.fit({ nodes: meta.highlight }); });
  }

  // --- the provenance panel -------------------------------------------------------------
  var details = byId("details");
  var body = byId("details-body");
  function sourcesBlock(parent, sources) {
    if (!sources.length) { parent.appendChild(el("p", "muted", T.no_source)); return; }
    sources.forEach(function (src) {
      var div = el("div", "source");
      div.appendChild(el("blockquote", null, src.quote));
      div.appendChild(el("div", "cite", sourceLine(src)));
      parent.appendChild(div);
    });
  }
  function showNode(id) {
    var r = records[id];
    body.replaceChildren();
    body.appendChild(el("h3", null, r.label));
    body.appendChild(el("p", "kind", [r.kind_label, r.territory, r.country].filter(function (x) { return x; }).join(" · ")));
    if (meta.entity_pages) {  // a served map: the entity's own page in the explorer
      var page = el("a", "entity-page", T.entity_page);
      page.href = meta.entity_pages + encodeURIComponent(id);
      page.target = "_top";
      body.appendChild(el("p")).appendChild(page);
    }
    var keys = Object.keys(r.props);
    if (keys.length || r.sectors.length) {
      body.appendChild(el("h4", null, T.properties));
      var dl = el("dl");
      if (r.sectors.length) { dl.appendChild(el("dt", null, T.sectors)); dl.appendChild(el("dd", null, r.sectors.join(", "))); }
      keys.forEach(function (k) { dl.appendChild(el("dt", null, k)); dl.appendChild(el("dd", null, r.props[k])); });
      body.appendChild(dl);
    }
    body.appendChild(el("h4", null, T.sources));
    sourcesBlock(body, r.sources);
    var mine = data.links.filter(function (l) { return l.from === id || l.to === id; });
    if (mine.length) {
      body.appendChild(el("h4", null, T.links + " (" + mine.length + ")"));
      mine.forEach(function (l) { factBlock(body, l); });
    }
    details.hidden = false;
    api.shown = id;
  }
  function factBlock(parent, l) {
    l.facts.forEach(function (f) {
      var div = el("div", "fact");
      var what = el("div", "what");
      what.appendChild(el("b", null, (records[l.from] || {}).label));
      what.appendChild(document.createTextNode(" " + f.label + " "));
      what.appendChild(el("b", null, (records[l.to] || {}).label));
      if (when(f)) { what.appendChild(document.createTextNode(when(f))); }
      div.appendChild(what);
      sourcesBlock(div, f.sources);
      parent.appendChild(div);
    });
  }
  function showLink(id) {
    var l = links[id];
    body.replaceChildren();
    body.appendChild(el("h3", null, (records[l.from] || {}).label + " → " + (records[l.to] || {}).label));
    body.appendChild(el("h4", null, T.sources));
    factBlock(body, l);
    details.hidden = false;
    api.shown = id;
  }
  // The panel covers part of the map (its right side, or its bottom on a phone): the
  // selected node is moved into the part left free, if the panel would hide it.
  function keepClear(id) {
    var at = network.getPositions([id])[id];
    if (!at) { return; }
    var dom = network.canvasToDOM(at);
    var box = container.getBoundingClientRect(), panel = details.getBoundingClientRect();
    var bottomSheet = panel.width >= box.width * 0.9;
    var hidden = bottomSheet ? dom.y > panel.top - box.top - 24 : dom.x > panel.left - box.left - 24;
    if (!hidden) { return; }
    var offset = bottomSheet ? { x: 0, y: -panel.height / 2 } : { x: -(panel.width + 12) / 2, y: 0 };
    network.moveTo({ position: at, scale: network.getScale(), offset: offset, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
  }
  api.keepClear = keepClear;
  function closeDetails() { details.hidden = true; api.shown = null; network.unselectAll(); unhighlight(); }
  byId("details-close").addEventListener("click", closeDetails);

  network.on("click", function (params) {
    if (params.nodes.length) {
      highlight(params.nodes[0]);
      showNode(params.nodes[0]);
      keepClear(params.nodes[0]);
    } else if (params.edges.length) {
      unhighlight();
      showLink(params.edges[0]);
    } else {
      closeDetails();
    }
  });

  // --- search -------------------------------------------------------------------------------
  var names = byId("search-names");
  data.records.slice().sort(function (a, b) { return a.label.localeCompare(b.label); }).forEach(function (r) {
    var option = document.createElement("option");
    option.value = r.label;
    names.appendChild(option);
  });
  function find(q) {
    var f = fold(q);
    if (!f) { return null; }
    var exact = null, starts = null, contains = null;
    data.records.forEach(function (r) {
      var label = fold(r.label);
      var props = fold(Object.keys(r.props).map(function (k) { return r.props[k]; }).join(" | "));
      if (label === f && !exact) { exact = r; }
      else if (label.indexOf(f) === 0 && !starts) { starts = r; }
      else if ((label.indexOf(f) >= 0 || props.indexOf(f) >= 0) && !contains) { contains = r; }
    });
    return exact || starts || contains;
  }
  function focusNode(id) {
    if (!visible(id)) { resetFilters(); }
    network.selectNodes([id]);
    showNode(id);
    // Centred in the part of the map the provenance panel leaves free.
    var offset = { x: -(details.offsetWidth + 12) / 2 || -186, y: 0 };
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), offset: offset, animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    highlight(id);
    api.focused = id;
  }
  api.focusNode = focusNode;
  byId("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var q = byId("search").value;
    var found = find(q);
    var status = byId("search-status");
    if (found) { status.textContent = ""; focusNode(found.id); }
    else { status.textContent = fmt(T.not_found, { q: shorten(q, 60) }); }
  });

  // --- filters --------------------------------------------------------------------------------
  function countBy(values) {
    var counts = {};
    values.forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
    return counts;
  }
  var kindNames = {};
  data.records.forEach(function (r) { kindNames[r.kind] = r.kind_label || r.kind; });
  var kindCounts = countBy(data.records.map(function (r) { return r.kind; }));
  var kindBoxes = byId("filter-kinds");
  Object.keys(kindCounts).sort(function (a, b) { return kindCounts[b] - kindCounts[a] || kindNames[a].localeCompare(kindNames[b]); }).forEach(function (k) {
    var label = el("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = k;
    box.addEventListener("change", function () { state.kinds[k] = box.checked; applyFilters(); });
    label.appendChild(box);
    label.appendChild(el("span", null, kindNames[k]));
    label.appendChild(el("span", "n", kindCounts[k]));
    kindBoxes.appendChild(label);
  });
  function fillSelect(select, values) {
    var any = document.createElement("option");
    any.value = "";
    any.textContent = T.any;
    select.appendChild(any);
    var counts = countBy(values);
    Object.keys(counts).sort(function (a, b) { return a.localeCompare(b); }).forEach(function (v) {
      var option = document.createElement("option");
      option.value = v;
      option.textContent = v + " (" + counts[v] + ")";
      select.appendChild(option);
    });
  }
  var sectorSelect = byId("filter-sector");
  var territorySelect = byId("filter-territory");
  fillSelect(sectorSelect, [].concat.apply([], data.records.map(function (r) { return r.sectors; })));
  fillSelect(territorySelect, data.records.map(function (r) { return r.territory; }).filter(function (t) { return t; }));
  sectorSelect.addEventListener("change", function () { state.sector = sectorSelect.value; applyFilters(); });
  territorySelect.addEventListener("change", function () { state.territory = territorySelect.value; applyFilters(); });

  function applyFilters() {
    // Hidden nodes leave the view and come back without coordinates: keep where every
    // shown node stands, so that "Show all" puts each back in its place.
    var at = network.getPositions();
    nodes.update(Object.keys(at).map(function (id) { return { id: id, x: at[id].x, y: at[id].y }; }));
    nodeView.refresh();
    edgeView.refresh();
    var shown = nodeView.length;
    byId("filter-status").textContent = shown === data.records.length ? "" : fmt(T.showing, { n: shown, total: data.records.length });
    api.visibleCount = shown;
  }
  function resetFilters() {
    Object.keys(state.kinds).forEach(function (k) { state.kinds[k] = true; });
    Array.prototype.forEach.call(document.querySelectorAll("#filter-kinds input, #legend-items input"), function (box) { box.checked = true; });
    state.sector = ""; state.territory = "";
    sectorSelect.value = ""; territorySelect.value = "";
    applyFilters();
  }
  byId("filter-reset").addEventListener("click", resetFilters);
  api.applyFilters = applyFilters;
  api.visibleCount = nodeView.length;
})();
