// Filters by rule and severity: findings that do not match are hidden, their highlights
// cleared, and a draft left without any is hidden with its index row. The page reads the
// same without this script: the filter bar is hidden until the script shows it.
(function () {
  "use strict";
  var bar = document.getElementById("filters");
  if (!bar) { return; }
  function checked(kind) {
    var on = {};
    bar.querySelectorAll("input[data-" + kind + "]").forEach(function (box) {
      on[box.getAttribute("data-" + kind)] = box.checked;
    });
    return on;
  }
  function apply() {
    var rules = checked("rule"), severities = checked("sev");
    document.querySelectorAll("[data-rule][data-sev]").forEach(function (el) {
      if (el.tagName === "INPUT") { return; }
      var shown = rules[el.getAttribute("data-rule")] !== false &&
        severities[el.getAttribute("data-sev")] !== false;
      el.classList.toggle("off", !shown);
    });
    var files = 0;
    document.querySelectorAll("section.file[data-findings]").forEach(function (section) {
      var any = section.querySelector("li[data-rule]:not(.off)") !== null;
      section.hidden = !any;
      var row = document.querySelector('tr[data-file="' + section.id + '"]');
      if (row) { row.hidden = !any; }
      if (any) { files += 1; }
    });
    var count = document.getElementById("shown-files");
    if (count) { count.textContent = String(files); }
  }
  // a link can carry a filter: report.html?sev=error&rule=confusables
  var query = new URLSearchParams(window.location.search);
  ["rule", "sev"].forEach(function (kind) {
    var wanted = query.getAll(kind);
    if (!wanted.length) { return; }
    bar.querySelectorAll("input[data-" + kind + "]").forEach(function (box) {
      box.checked = wanted.indexOf(box.getAttribute("data-" + kind)) >= 0;
    });
  });
  bar.addEventListener("change", apply);
  bar.hidden = false;
  document.documentElement.setAttribute("data-filters", "ready");
  apply();
}());
