// The ratline map: events as clustered points on country outlines shipped
// with the package (no tile server), sized by killed and coloured by type;
// reported routes (who moved what from where to where) as curved arcs.
"use strict";
(function () {
  const R = window.ratline;
  const panel = document.getElementById("panel");
  const box = document.getElementById("map");
  const map = L.map(box, {worldCopyJump: true, minZoom: 2, maxZoom: 12}).setView([30, 45], 4);
  map.attributionControl.addAttribution("Outlines: Natural Earth via world-atlas");
  let points = null;
  let arcs = null;

  async function outlines() {
    const topo = await (await fetch(box.dataset.atlas)).json();
    const land = topojson.feature(topo, topo.objects.countries);
    L.geoJSON(land, {interactive: false, style: {color: "#888", weight: 0.7, fillColor: "#f3f1ea", fillOpacity: 1}}).addTo(map);
  }

  function radius(killed) { return 5 + 3 * Math.sqrt(killed || 0); }

  function eventPanel(ev) {
    R.clear(panel);
    panel.append(R.el("h2", {}, ev.type + " " + (ev.date || "undated")),
      R.el("p", {}, (ev.place || "") + (ev.country ? ", " + ev.country : "")),
      R.el("p", {}, "killed " + (ev.killed ?? "not stated") + " · wounded " + (ev.wounded ?? "not stated") +
                    " · captured " + (ev.captured ?? "not stated")),
      R.el("p", {}, "actors: " + (ev.actors.join(", ") || "none named")),
      R.quote(ev),
      R.el("a", {href: "/event/" + encodeURIComponent(ev.id)}, "all " + ev.reports + " report(s)"));
  }

  const MOST_QUOTES = 25;

  /** One arc stands for every route between two places; its panel quotes them. */
  function routePanel(group) {
    R.clear(panel);
    const first = group[0];
    const kinds = Array.from(new Set(group.map((rt) => rt.cargo || "unstated"))).join(", ");
    const movers = Array.from(new Set(group.map((rt) => rt.mover).filter(Boolean))).join(", ");
    panel.append(R.el("h2", {}, first.origin + " → " + first.destination),
      R.el("p", {}, group.length + " report(s) · what moves: " + kinds + (movers ? " · who moves it: " + movers : "")));
    for (const rt of group.slice(0, MOST_QUOTES)) panel.append(R.quote(rt));
    if (group.length > MOST_QUOTES) panel.append(R.el("p", {class: "note"}, (group.length - MOST_QUOTES) + " more; narrow the dates"));
  }

  /** Points along a curve bowing to the left of the straight line; the
   *  way back (B to A) bows to the other side, so both directions show. */
  function arc(a, b, k) {
    const mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const dx = b[1] - a[1], dy = b[0] - a[0];
    const bow = 0.2 + 0.07 * (k || 0);
    const ctrl = [mid[0] + dx * bow, mid[1] - dy * bow];
    const out = [];
    for (let t = 0; t <= 1.0001; t += 0.05) {
      out.push([(1 - t) * (1 - t) * a[0] + 2 * (1 - t) * t * ctrl[0] + t * t * b[0],
                (1 - t) * (1 - t) * a[1] + 2 * (1 - t) * t * ctrl[1] + t * t * b[1]]);
    }
    return out;
  }

  function legend(types) {
    const box = R.clear(document.getElementById("legend"));
    for (const t of types) {
      box.append(R.el("div", {class: "legend-item"},
        R.el("span", {class: "swatch", "data-colour": R.colour(t)}), t));
    }
    for (const s of box.querySelectorAll(".swatch")) s.style.background = s.dataset.colour;
  }

  async function redraw(current = () => true) {
    const params = R.filters();
    R.status("loading…");
    const routeParams = new URLSearchParams();
    for (const k of ["since", "until"]) if (params.get(k)) routeParams.set(k, params.get(k));
    const [events, routes] = await Promise.all([R.api("events", params), R.api("routes", routeParams)]);
    if (!current()) return;            // a later filter's answer is on its way
    if (points) map.removeLayer(points);
    if (arcs) map.removeLayer(arcs);
    points = L.markerClusterGroup({maxClusterRadius: 40});
    const bounds = [];
    let placed = 0;
    for (const ev of events) {
      if (ev.lat === null || ev.lon === null) continue;
      const m = L.circleMarker([ev.lat, ev.lon], {radius: radius(ev.killed), color: "#333", weight: 1,
        fillColor: R.colour(ev.type), fillOpacity: 0.8, className: "event-point"});
      m.on("click", () => eventPanel(ev));
      points.addLayer(m);
      bounds.push([ev.lat, ev.lon]);
      placed += 1;
    }
    arcs = L.featureGroup();
    const groups = new Map();
    for (const rt of routes) {
      if (rt.origin_lat === null || rt.destination_lat === null) continue;
      const key = [rt.origin_lat, rt.origin_lon, rt.destination_lat, rt.destination_lon].join();
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(rt);
    }
    for (const group of groups.values()) {
      const rt = group[0];
      const a = [rt.origin_lat, rt.origin_lon], b = [rt.destination_lat, rt.destination_lon];
      const line = L.polyline(arc(a, b, 0), {color: "#b22222", weight: 2 + Math.min(8, 1.5 * Math.sqrt(group.length)),
                                             opacity: 0.75, className: "route-arc"});
      line.on("click", () => routePanel(group));
      // an element, not a string: Leaflet puts a string tooltip in as HTML
      line.bindTooltip(R.el("span", {}, rt.origin + " → " + rt.destination + " (" + group.length + ")"));
      arcs.addLayer(line);
      L.circleMarker(b, {radius: 4, color: "#b22222", fillOpacity: 1, className: "route-end"}).addTo(arcs);
      bounds.push(a, b);
    }
    points.addTo(map);
    arcs.addTo(map);
    if (bounds.length) map.fitBounds(bounds, {padding: [40, 40], maxZoom: 6});
    legend(Array.from(new Set(events.map((e) => e.type))).sort());
    R.options("f-type", Array.from(new Set(events.map((e) => e.type))).sort());
    document.body.dataset.points = String(placed);
    document.body.dataset.routes = String(arcs.getLayers().length / 2);
    R.status(placed + " placed events of " + events.length + ", " + routes.length + " routes on " + groups.size + " arcs");
  }

  outlines().then(() => R.onFilters(redraw));
})();
