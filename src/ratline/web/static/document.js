// Bring the highlighted quotation into view (the #quote link does it too;
// this covers a page opened with start/end but no fragment).
"use strict";
(function () {
  const mark = document.getElementById("quote");
  if (mark && !location.hash) mark.scrollIntoView({block: "center"});
})();
