// The network view: actors as nodes (size: documents naming them, colour:
// kind), typed directed relations as edges; a slider replays the network as
// reported up to a day.  Clicking shows the sources in the side panel.
"use strict";
(function () {
  const R = window.ratline;
  const panel = document.getElementById("panel");
  const slider = document.getElementById("asof");
  const sliderLabel = document.getElementById("asof-label");
  let days = [];          // publication days the slider steps through
  let cy = null;

  function elements(net) {
    const most = Math.max(1, ...net.nodes.map((n) => n.documents));
    const nodes = net.nodes.map((n) => ({group: "nodes", data: {
      id: n.id, label: n.label, type: n.type, documents: n.documents, colour: R.colour(n.type),
      size: 14 + 46 * Math.sqrt(n.documents / most)},
      position: n.position ? {x: n.position[0], y: n.position[1]} : undefined}));
    const edges = net.edges.map((e) => ({group: "edges", data: {
      id: e.id, source: e.source, target: e.target, predicate: e.predicate}}));
    return nodes.concat(edges);
  }

  const LARGE = 250;   // nodes; past this a quick layout, straight edges, labels on selection

  function draw(net) {
    const large = net.nodes.length > LARGE || net.edges.length > 4 * LARGE;
    // Positions laid out once on the server keep each actor near its place as the
    // slider replays the network: a large network is drawn there as it is (fast),
    // a small one is refined from there by cose so nothing overlaps.
    const placed = net.nodes.every((n) => n.position);
    const layout = large && placed ? {name: "preset", fit: true, padding: 20}
      : large ? {name: "concentric", concentric: (n) => n.data("documents"), levelWidth: () => 2, animate: false}
      : {name: "cose", animate: false, randomize: !placed, nodeRepulsion: () => 8000, numIter: 600};
    if (cy) cy.destroy();
    performance.mark("ratline:network-data");
    cy = window.ratlineCy = cytoscape({
      container: document.getElementById("cy"), elements: elements(net), layout: layout,
      minZoom: 0.05, maxZoom: 4, hideEdgesOnViewport: large, textureOnViewport: large,
      pixelRatio: large ? 1 : "auto",
      style: [
        {selector: "node", style: {"background-color": "data(colour)", label: "data(label)",
          width: "data(size)", height: "data(size)", "font-size": 10, "text-valign": "bottom",
          "text-margin-y": 3, "text-wrap": "ellipsis", "text-max-width": 120}},
        {selector: "edge", style: {width: 1.5, "line-color": "#999", "target-arrow-color": "#999",
          "target-arrow-shape": "triangle", "curve-style": "bezier", label: "data(predicate)",
          "font-size": 8, color: "#555", "text-rotation": "autorotate"}},
        {selector: ":selected", style: {"border-width": 3, "border-color": "#000", "line-color": "#000"}},
      ].concat(large ? [{selector: "edge", style: {"curve-style": "haystack", "haystack-radius": 0,
                                                  label: "", width: 0.7, "target-arrow-shape": "none",
                                                  "mid-target-arrow-shape": "triangle"}},
                        {selector: "node", style: {"min-zoomed-font-size": 9}},
                        {selector: "edge:selected", style: {label: "data(predicate)"}}] : [])});
    performance.mark("ratline:network-laid-out");
    cy.one("render", () => {
      if (!document.body.dataset.firstPaint) document.body.dataset.firstPaint = String(performance.now());
    });
    cy.on("tap", "node", (e) => showNode(e.target.id()));
    cy.on("tap", "edge", (e) => showEdge(net.edges.find((x) => x.id === e.target.id())));
    legend(net.types);
    document.body.dataset.nodes = String(net.nodes.length);
    document.body.dataset.edges = String(net.edges.length);
    R.status(net.nodes.length + " actors, " + net.edges.length + " relations" +
             (net.as_of ? " as reported up to " + net.as_of : ""));
  }

  function legend(types) {
    const box = R.clear(document.getElementById("legend"));
    for (const t of types) {
      const swatch = R.el("span", {class: "swatch"});
      swatch.style.background = R.colour(t);
      box.append(R.el("span", {class: "legend-item"}, swatch, t));
    }
  }

  async function showNode(id) {
    const d = await R.api("entities/" + encodeURIComponent(id));
    R.clear(panel);
    panel.append(R.el("h2", {}, d.name), R.el("p", {class: "kind"}, d.type),
      R.el("a", {href: "/entity/" + encodeURIComponent(d.id), class: "dossier-link"}, "full dossier"));
    panel.append(R.el("h3", {}, "Aliases"),
      R.el("p", {}, d.aliases.map((a) => a.alias).join(" · ") || "none"));
    panel.append(R.el("h3", {}, "Relations (" + d.relations.length + ")"));
    for (const r of d.relations) {
      panel.append(R.el("p", {class: "fact"}, r.subject_name + " " + r.predicate + " " + r.object_name), R.quote(r));
    }
    panel.append(R.el("h3", {}, "Events (" + d.events.length + ")"));
    for (const e of d.events.slice(0, 20)) {
      panel.append(R.el("p", {class: "fact"}, e.type + " " + (e.date || "undated") + (e.place ? " in " + e.place : "") + " (" + e.role + ")"), R.quote(e));
    }
  }

  function showEdge(edge) {
    R.clear(panel);
    const name = (id) => cy.getElementById(id).data("label") || id;
    panel.append(R.el("h2", {}, name(edge.source) + " " + edge.predicate + " " + name(edge.target)),
      R.el("p", {}, (edge.sources || 0) + " independent source(s)"));
    for (const q of edge.evidence) panel.append(R.quote(q));
  }

  function asOf() {
    const i = Number(slider.value);
    return i < days.length ? days[i] : null;
  }

  async function redraw(current = () => true) {
    const params = R.filters();
    const day = asOf();
    if (day) params.set("as_of", day);
    R.status("loading…");
    const net = await R.api("network", params);
    if (!current()) return;            // a later filter's answer is on its way
    R.options("f-kind", net.types);
    R.options("f-predicate", net.predicates);
    draw(net);
  }

  async function init() {
    R.status("loading…");
    const all = await R.api("network");
    R.options("f-kind", all.types);
    R.options("f-predicate", all.predicates);
    draw(all);                       // the first picture without a second request
    const seen = new Set();
    for (const e of all.edges) for (const q of e.evidence) if (q.published) seen.add(q.published);
    for (const n of all.nodes) if (n.first_seen) seen.add(n.first_seen);
    days = Array.from(seen).sort();
    slider.max = String(days.length);
    slider.value = String(days.length);
    slider.addEventListener("input", () => { sliderLabel.textContent = asOf() || "all dates"; });
    const run = R.latest(redraw);      // only the newest request draws
    slider.addEventListener("change", () => run());
    const form = document.getElementById("filters");
    form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
    form.addEventListener("change", () => run());
    form.addEventListener("reset", () => setTimeout(run, 0));
  }
  init();
})();
