// Merge / split judgements from a dossier (only served when the server has a
// write token; the server checks the token on every request anyway).
"use strict";
(function () {
  const R = window.ratline;
  const entity = document.querySelector(".dossier").dataset.entity;
  for (const form of document.querySelectorAll("form.judge")) {
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const data = Object.fromEntries(new FormData(form).entries());
      const token = data.token; delete data.token;
      const response = await fetch("/api/entities/" + encodeURIComponent(entity) + "/" + form.dataset.action, {
        method: "POST", headers: {"Content-Type": "application/json", "X-Ratline-Token": token},
        body: JSON.stringify(data)});
      const body = await response.json();
      document.getElementById("judge-status").textContent =
        response.ok ? "recorded; reload to see the entity as it now stands" : "refused: " + (body.detail || response.status);
    });
  }
  void R;
})();
