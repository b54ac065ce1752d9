// Bring the highlighted quotation into view.
"use strict";
(function () {
  const mark = document.getElementById("quote");
  if (mark) mark.scrollIntoView({block: "center"});
})();
