// The timeline: events per month stacked by type; each running tally beside
// the sum of the stored events in its window.
"use strict";
(function () {
  const R = window.ratline;
  let chart = null;
  let tallyChart = null;

  function drawEvents(t) {
    const datasets = t.types.map((type) => ({label: type, data: t.series[type], backgroundColor: R.colour(type), stack: "events"}));
    if (chart) chart.destroy();
    chart = new Chart(document.getElementById("timeline"), {type: "bar",
      data: {labels: t.months, datasets: datasets},
      options: {animation: false, responsive: true, maintainAspectRatio: false,
        scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true, title: {display: true, text: "events"}}}}});
    document.getElementById("undated").textContent = t.undated ? t.undated + " event(s) have no date and are not drawn." : "";
  }

  const MOST_TALLIES = 40;     // a readable chart; the list below says how many are left out

  function drawTallies(all) {
    const t = {tallies: all.tallies.slice(-MOST_TALLIES)};
    const labels = t.tallies.map((x, i) => "#" + (i + 1) + " " + (x.subject || "") + " since " + (x.since || "?"));
    const figure = (x, k) => x[k] === null || x[k] === undefined ? 0 : x[k];
    if (tallyChart) tallyChart.destroy();
    tallyChart = new Chart(document.getElementById("tallies"), {type: "bar",
      data: {labels: labels, datasets: [
        {label: "killed, reporter's tally", data: t.tallies.map((x) => figure(x.reported, "killed")), backgroundColor: "#8c2d04"},
        {label: "killed, sum of stored events", data: t.tallies.map((x) => figure(x.events_sum, "killed")), backgroundColor: "#fdae6b"},
        {label: "captured, reporter's tally", data: t.tallies.map((x) => figure(x.reported, "captured")), backgroundColor: "#08519c"},
        {label: "captured, sum of stored events", data: t.tallies.map((x) => figure(x.events_sum, "captured")), backgroundColor: "#9ecae1"}]},
      options: {animation: false, responsive: true, maintainAspectRatio: false, indexAxis: "y"}});
    const list = R.clear(document.getElementById("tally-list"));
    if (all.tallies.length > t.tallies.length) {
      list.append(R.el("p", {class: "note"}, "The latest " + t.tallies.length + " of " + all.tallies.length +
                                              " tallies; narrow the dates to see others."));
    }
    t.tallies.forEach((x, i) => {
      list.append(R.el("li", {}, R.el("b", {}, "#" + (i + 1) + " "), (x.note || "") + (x.flagged ? " (flagged)" : ""), R.quote(x)));
    });
  }

  async function redraw(current = () => true) {
    R.status("loading…");
    const t = await R.api("timeline", R.filters());
    if (!current()) return;            // a later filter's answer is on its way
    R.options("f-type", t.types);
    drawEvents(t);
    drawTallies(t);
    document.body.dataset.months = String(t.months.length);
    document.body.dataset.events = String(Object.values(t.series).flat().reduce((a, b) => a + b, 0));
    R.status(document.body.dataset.events + " dated events over " + t.months.length + " month(s)");
  }
  R.onFilters(redraw);
})();
