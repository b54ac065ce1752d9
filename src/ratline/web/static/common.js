// Helpers every page shares.  All corpus text goes into the page through
// textContent (el() below), never through innerHTML: the corpus is untrusted.
"use strict";
window.ratline = (function () {
  const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
                   "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939"];
  const assigned = {};

  /** A colour per category, stable within the page. */
  function colour(key) {
    if (!(key in assigned)) assigned[key] = PALETTE[Object.keys(assigned).length % PALETTE.length];
    return assigned[key];
  }

  /** An element with attributes and text children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined) node.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  function sourceHref(docId, start, end) {
    return "/document/" + encodeURIComponent(docId) + "?start=" + encodeURIComponent(start) +
      "&end=" + encodeURIComponent(end) + "#quote";
  }

  /** A quotation and the link to it highlighted in its document. */
  function quote(q) {
    return el("div", {class: "quote-item"},
      el("blockquote", {class: "quote"}, q.quote || ""),
      el("a", {class: "src", href: sourceHref(q.doc_id, q.start, q.end)},
         (q.doc || "source") + (q.published ? " (" + q.published + ")" : "")));
  }

  /** The filter form's values as query parameters (empty ones left out). */
  function filters() {
    const form = document.getElementById("filters");
    const params = new URLSearchParams();
    if (!form) return params;
    for (const [k, v] of new FormData(form).entries()) if (v) params.set(k, v);
    return params;
  }

  async function api(path, params) {
    const url = "/api/" + path + (params && String(params) ? "?" + params : "");
    const response = await fetch(url, {headers: {"Accept": "application/json"}});
    if (!response.ok) throw new Error(url + ": " + response.status);
    return response.json();
  }

  function status(text) {
    const s = document.getElementById("status");
    if (s) s.textContent = text;
  }

  /** Fill a <select> with options once (keeps the user's choice). */
  function options(id, values) {
    const select = document.getElementById(id);
    if (!select || select.options.length > 1) return;
    for (const v of values) select.appendChild(el("option", {value: v}, v));
  }

  /** Run redraw() now and whenever the filters change. */
  // Each change of a filter starts a request; answers can come back out of order (typing
  // a start date, then an end date, then submitting sends three).  A redraw is given
  // `current()`, true only while no later redraw has started, and draws nothing once a
  // newer one is on its way: the page always shows the filters as they now stand.
  let generation = 0;

  function latest(redraw) {
    return () => { const mine = ++generation; return redraw(() => mine === generation); };
  }

  function onFilters(redraw) {
    const run = latest(redraw);
    const form = document.getElementById("filters");
    if (form) {
      form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
      form.addEventListener("change", () => run());
      form.addEventListener("reset", () => setTimeout(run, 0));
    }
    run();
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

  return {colour, el, quote, filters, api, status, options, onFilters, latest, clear, sourceHref};
})();
